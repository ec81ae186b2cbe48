from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"

    def ready(self) -> None:
        from intake import census, chart, discharge, documents, report_sections
        from intake.models import Consent
        from intake.services import alerts
        from intake.services.consents import consent_revoke
        from iop.dashboard.registry import register_census_alerts
        from iop.reports.clinical.consents import ConsentSource, register_consents

        chart.register()
        census.register()
        register_census_alerts(
            lambda program_ids: alerts.alerts_overdue_or_unassigned(program_ids=program_ids)
        )
        # At start-up, so a worker that never loads the URLs still renders the client copy.
        documents.register()
        register_consents(ConsentSource(manager=Consent.objects, revoke=consent_revoke))
        report_sections.register()
        discharge.register()
