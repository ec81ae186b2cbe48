from django.apps import AppConfig


class TreatmentPlansConfig(AppConfig):
    name = "treatment_plans"

    def ready(self) -> None:
        from treatment_plans import chart
        from treatment_plans.views import documents, gate, plans, reviews  # noqa: F401  panels

        chart.register()
