from treatment_plans.views import documents, gate, plans, reviews

app_name = "treatment_plans"
urlpatterns = plans.urlpatterns + gate.urlpatterns + reviews.urlpatterns + documents.urlpatterns
