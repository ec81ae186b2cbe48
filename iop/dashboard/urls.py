from django.urls import path

from iop.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("census/", views.census, name="census"),
    path(
        "census/<uuid:program_id>/<slug:figure>/",
        views.census_figure_list,
        name="census_figure",
    ),
]
