from django.apps import AppConfig


class RelapsePreventionConfig(AppConfig):
    name = "relapse_prevention"

    def ready(self) -> None:
        from relapse_prevention import (
            chart,
            documents,
            high_risk_today,
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
        # Today: high-risk dates coming, for the primary clinician (directors: the program's).
        high_risk_today.register()
        # Reports: the drug screens they hold and the failed ones compliance counts.
        report_sections.register()
        # Check-ins and lapses: the chart's trend, Today's rises, the session page's inline
        # check-in and the lapse rules of the step-up candidates.
        from relapse_prevention import (
            candidate_rules,
            checkin_attendance,
            checkin_chart,
            checkin_today,
        )

        checkin_chart.register()
        checkin_today.register()
        checkin_attendance.register()
        candidate_rules.register()
        # The relapse prevention plan: its chart section and the client copy PDF (rp-plan).
        plan_chart.register()
        documents.register()
        # Trauma processing pacing: the plan page panel and Today.
        from relapse_prevention import processing_panels, today_processing

        processing_panels.register()
        today_processing.register()
