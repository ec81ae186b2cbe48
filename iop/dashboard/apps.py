from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "iop.dashboard"
    label = "dashboard"

    def ready(self) -> None:
        from iop.dashboard import figures

        # The kernel's own figures; feature apps add theirs from their ready().
        figures.register()
