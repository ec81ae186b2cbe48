from django.apps import AppConfig


class ClinicalReportsConfig(AppConfig):
    """Reports drawn from the record (compliance, progress, discharge), their disclosures
    under consent, and the probation officer's portal.

    One of the kernel's two readers (with iop.dashboard): it reads the feature apps, and no
    feature app imports it (the import contract in pyproject.toml).
    """

    name = "iop.reports.clinical"
    label = "clinical_reports"
    verbose_name = "Clinical reports and disclosures"

    def ready(self) -> None:
        from iop.reports.clinical import chart, documents, oversight, today

        chart.register()
        documents.register()
        oversight.register()
        today.register()
