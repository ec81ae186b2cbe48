from django.apps import AppConfig


class RelapsePreventionConfig(AppConfig):
    name = "relapse_prevention"

    def ready(self) -> None:
        from relapse_prevention import chart, random_chart, report_sections, today

        # The chart's drug screen timeline, then the random screening schedule.
        chart.register()
        random_chart.register()
        # Today: the day's random selections, for the staff who collect.
        today.register()
        # Reports: the drug screens they hold and the failed ones compliance counts.
        report_sections.register()
        # Trauma processing pacing: the plan page panel and Today.
        from relapse_prevention import processing_panels, today_processing

        processing_panels.register()
        today_processing.register()
