from django.apps import AppConfig


class RelapsePreventionConfig(AppConfig):
    name = "relapse_prevention"

    def ready(self) -> None:
        # --- random drug screening (screens-random)
        from relapse_prevention import random_chart, today

        random_chart.register()
        today.register()
