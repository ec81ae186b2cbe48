from treatment_plans.views import (
    aftercare,
    documents,
    gate,
    plan_diagnoses,
    plan_parts,
    plan_signing,
    plans,
    reviews,
)

app_name = "treatment_plans"
urlpatterns = (
    plans.urlpatterns
    + plan_parts.urlpatterns
    + plan_diagnoses.urlpatterns
    + plan_signing.urlpatterns
    + gate.urlpatterns
    + reviews.urlpatterns
    + documents.urlpatterns
    + aftercare.urlpatterns
)
