from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "iop.clients"
    label = "clients"

    def ready(self) -> None:
        from iop.clients import discharge_chart

        discharge_chart.register()
