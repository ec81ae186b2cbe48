from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"

    def ready(self) -> None:
        from intake import chart, documents
        from intake.services import alerts
        from iop.dashboard.registry import register_census_alerts

        chart.register()
        register_census_alerts(
            lambda program_ids: alerts.alerts_overdue_or_unassigned(program_ids=program_ids)
        )
        # At start-up, so a worker that never loads the URLs still renders the client copy.
        documents.register()
