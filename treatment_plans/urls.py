from treatment_plans.views import aftercare, documents, gate, plans, reviews

app_name = "treatment_plans"
urlpatterns = (
    plans.urlpatterns
    + gate.urlpatterns
    + reviews.urlpatterns
    + documents.urlpatterns
    + aftercare.urlpatterns
)
