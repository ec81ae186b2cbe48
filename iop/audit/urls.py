from django.urls import path

from iop.audit import views

app_name = "audit"
urlpatterns = [path("", views.record_view_log, name="log")]
