from intake.views import assessments, consent_text, consents, instruments, referrals

app_name = "intake"
urlpatterns = (
    referrals.urlpatterns
    + assessments.urlpatterns
    + instruments.urlpatterns
    + consents.urlpatterns
    + consent_text.urlpatterns
)
