from django.urls import path

from iop.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("today/", views.today, name="today"),
    path("census/", views.census, name="census"),
]
