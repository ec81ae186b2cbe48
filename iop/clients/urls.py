from django.urls import path

from iop.clients import views

app_name = "clients"
urlpatterns = [
    path("", views.client_list, name="list"),
    path("<uuid:client_id>/", views.client_chart, name="chart"),
    path("<uuid:client_id>/contact/", views.client_contact_edit, name="contact_edit"),
    path(
        "episodes/<uuid:episode_id>/discharge/",
        views.episode_discharge_view,
        name="episode_discharge",
    ),
    path(
        "episodes/<uuid:episode_id>/discharge/close/",
        views.episode_discharge_close_view,
        name="episode_discharge_close",
    ),
    path(
        "episodes/<uuid:episode_id>/discharge/cancel-plan/",
        views.episode_discharge_plan_cancel_view,
        name="episode_discharge_plan_cancel",
    ),
]
