from django.apps import AppConfig


class RelapsePreventionConfig(AppConfig):
    name = "relapse_prevention"

    def ready(self) -> None:
        from relapse_prevention import (
            chart,
            documents,
            plan_chart,
            random_chart,
            report_sections,
            today,
        )

        # The chart's drug screen timeline, then the random screening schedule.
        chart.register()
        random_chart.register()
        # Today: the day's random selections, for the staff who collect.
        today.register()
        # Reports: the drug screens they hold and the failed ones compliance counts.
        report_sections.register()
        # The relapse prevention plan: its chart section and the client copy PDF (rp-plan).
        plan_chart.register()
        documents.register()
