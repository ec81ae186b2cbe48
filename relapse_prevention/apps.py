from django.apps import AppConfig


class RelapsePreventionConfig(AppConfig):
    name = "relapse_prevention"

    def ready(self) -> None:
        # screens-panels: the chart's drug screen timeline.
        from relapse_prevention import chart

        chart.register()
