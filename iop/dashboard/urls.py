from django.urls import path

from iop.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("census/", views.census, name="census"),
]
