from django.apps import AppConfig


class TreatmentPlansConfig(AppConfig):
    name = "treatment_plans"
