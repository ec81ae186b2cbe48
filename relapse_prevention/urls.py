from relapse_prevention.views import screens

app_name = "relapse_prevention"
urlpatterns = [
    # --- drug screens: record, results, interpret, sign, addenda (screens-record)
    *screens.urlpatterns,
]
