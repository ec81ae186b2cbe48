from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "scheduling"

    def ready(self) -> None:
        from scheduling import chart, chart_notes

        chart.register()
        chart_notes.register()
