from django.apps import AppConfig


class MedicationsConfig(AppConfig):
    name = "iop.medications"
    label = "medications"
    verbose_name = "Medications"

    def ready(self) -> None:
        from iop.medications import chart

        chart.register()
