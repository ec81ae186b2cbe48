from intake.views import assessments, consents, instruments, referrals

app_name = "intake"
urlpatterns = (
    referrals.urlpatterns + assessments.urlpatterns + instruments.urlpatterns + consents.urlpatterns
)
