from django.apps import AppConfig


class MedicationsConfig(AppConfig):
    name = "iop.medications"
    label = "medications"
    verbose_name = "Medications"
