from django.apps import AppConfig


class SignaturesConfig(AppConfig):
    name = "iop.signatures"
    label = "signatures"
