from django.urls import path

from iop.accounts import views

app_name = "accounts"
urlpatterns = [path("", views.staff, name="staff")]
