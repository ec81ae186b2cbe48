from django.apps import AppConfig


class RelapsePreventionConfig(AppConfig):
    name = "relapse_prevention"
