from intake.views import (
    assessments,
    consent_text,
    consents,
    court_orders,
    instruments,
    referrals,
    safety_plans,
)

app_name = "intake"
urlpatterns = (
    referrals.urlpatterns
    + assessments.urlpatterns
    + instruments.urlpatterns
    + consents.urlpatterns
    + consent_text.urlpatterns
    + safety_plans.urlpatterns
    + court_orders.urlpatterns
)
