from django.urls import path

from iop.reports.clinical import portal_views

app_name = "reports"
urlpatterns = [
    path("disclosed/", portal_views.disclosed_reports, name="disclosed"),
    path(
        "disclosed/<uuid:disclosure_id>/pdf/",
        portal_views.disclosed_download,
        name="disclosed_download",
    ),
    path("verify/", portal_views.report_verify, name="verify"),
]
