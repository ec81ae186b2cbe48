from django.urls import path

from relapse_prevention.views import random_screens

app_name = "relapse_prevention"

urlpatterns = [
    # --- random drug screening (screens-random)
    path(
        "random/<uuid:client_id>/schedule",
        random_screens.random_schedule,
        name="random_schedule",
    ),
]
