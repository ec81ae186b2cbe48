from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "iop.notifications"
    label = "notifications"
