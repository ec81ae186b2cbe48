from django.urls import path

from iop.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.staff, name="staff"),
    path(
        "roles/<uuid:membership_id>/decision",
        views.membership_decision,
        name="membership_decision",
    ),
    path("invitation/<str:token>/", views.invitation, name="invitation_accept"),
]
