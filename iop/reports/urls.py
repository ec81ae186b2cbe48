from django.urls import path

from iop.reports import views

app_name = "reports"
urlpatterns = [path("disclosed/", views.disclosed_reports, name="disclosed")]
