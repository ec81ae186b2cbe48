from django.urls import path

from relapse_prevention.views import checkins, lapses, plans, processing, random_screens, screens

app_name = "relapse_prevention"

urlpatterns = [
    # --- drug screens: record, results, interpret, sign, addenda (screens-record)
    *screens.urlpatterns,
    # --- the relapse prevention plan (rp-plan)
    *plans.urlpatterns,
    # --- random drug screening (screens-random)
    path(
        "screens/random/<uuid:client_id>/schedule",
        random_screens.random_schedule,
        name="random_schedule",
    ),
    # --- check-ins and lapses (rp-checkins)
    *checkins.urlpatterns,
    *lapses.urlpatterns,
    # --- trauma processing pacing (rp-processing)
    path(
        "plans/<uuid:plan_id>/processing/decision",
        processing.processing_decision_create,
        name="processing_decision_create",
    ),
    path(
        "processing/decisions/<uuid:decision_id>/confirm",
        processing.processing_decision_confirm,
        name="processing_decision_confirm",
    ),
]
