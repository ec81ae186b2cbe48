from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "scheduling"

    def ready(self) -> None:
        from iop.clients.signals import episode_discharged
        from scheduling import (
            census,
            chart,
            chart_notes,
            discharge,
            level_chart,
            plan_evidence,
            report_panels,
            report_sections,
            rosters,
            signals,
        )

        chart.register()
        census.register()
        chart_notes.register()
        level_chart.register()
        # groups sits below scheduling: it calls back here when a roster changes.
        rosters.register()
        plan_evidence.register()
        # Reports: the attendance and hours they hold, and the drafts on Today.
        report_sections.register()
        report_panels.register()
        episode_discharged.connect(
            signals.release_future_sessions, dispatch_uid="scheduling-release-future-sessions"
        )
        # What a discharge needs from scheduling, and the follow-up calls it leaves.
        discharge.register()
        episode_discharged.connect(
            discharge.follow_up_calls_set, dispatch_uid="scheduling-follow-up-calls"
        )
