from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "scheduling"

    def ready(self) -> None:
        from iop.clients.signals import episode_discharged
        from scheduling import chart, chart_notes, plan_evidence, rosters, signals

        chart.register()
        chart_notes.register()
        # groups sits below scheduling: it calls back here when a roster changes.
        rosters.register()
        plan_evidence.register()
        episode_discharged.connect(
            signals.release_future_sessions, dispatch_uid="scheduling-release-future-sessions"
        )
