from django.urls import path

from iop.reports.clinical import accounting_views, views

app_name = "clinical_reports"
urlpatterns = [
    path("clients/<uuid:client_id>/reports/new/", views.report_new, name="new"),
    path("reports/<uuid:clinical_report_id>/", views.report_detail, name="report"),
    path("reports/<uuid:clinical_report_id>/narrative/", views.report_narrative, name="narrative"),
    path("reports/<uuid:clinical_report_id>/refresh/", views.report_refresh, name="refresh"),
    path("reports/<uuid:clinical_report_id>/sign/", views.report_sign, name="sign"),
    path("reports/<uuid:clinical_report_id>/status/", views.report_status, name="status"),
    path("reports/<uuid:clinical_report_id>/pdf/", views.report_download, name="download"),
    path("clients/<uuid:client_id>/disclosures/", accounting_views.accounting, name="accounting"),
    path(
        "clients/<uuid:client_id>/disclosures/pdf/",
        accounting_views.accounting_pdf,
        name="accounting_pdf",
    ),
]
