from django.apps import AppConfig


class ClinicalReportsConfig(AppConfig):
    """Reports drawn from the record (compliance, progress, discharge), their disclosures
    under consent, and the probation officer's portal.

    It imports no feature app: the apps that hold the record register the sections they
    draw (``parts``), intake registers its consents (``consents``), and scheduling puts the
    reports on Today. Installed last, so its demo finds the whole record.
    """

    name = "iop.reports.clinical"
    label = "clinical_reports"
    verbose_name = "Clinical reports and disclosures"

    def ready(self) -> None:
        from iop.reports.clinical import chart, discharge, documents

        chart.register()
        documents.register()
        discharge.register()
