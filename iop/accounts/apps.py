from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "iop.accounts"
    label = "accounts"
