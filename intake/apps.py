from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"

    def ready(self) -> None:
        from intake import chart, documents

        chart.register()
        # At start-up, so a worker that never loads the URLs still renders the client copy.
        documents.register()
