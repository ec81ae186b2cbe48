from intake.views import assessments, consents, instruments, referrals, safety_plans

app_name = "intake"
urlpatterns = (
    referrals.urlpatterns
    + assessments.urlpatterns
    + instruments.urlpatterns
    + consents.urlpatterns
    + safety_plans.urlpatterns
)
