from django.urls import path

from iop.medications import views

app_name = "medications"
urlpatterns = [
    path("clients/<uuid:client_id>/medications/", views.medication_list, name="list"),
    path("clients/<uuid:client_id>/medications/add", views.medication_add, name="add"),
    path("medications/<uuid:medication_id>/change", views.medication_change, name="change"),
    path("medications/<uuid:medication_id>/stop", views.medication_stop, name="stop"),
    path(
        "clients/<uuid:client_id>/medications/reconcile",
        views.reconcile_start,
        name="reconcile_start",
    ),
    path(
        "medications/reconciliations/<uuid:reconciliation_id>/",
        views.reconciliation,
        name="reconciliation",
    ),
]
