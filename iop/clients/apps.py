from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "iop.clients"
    label = "clients"
