from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "iop.reports"
    label = "reports"
