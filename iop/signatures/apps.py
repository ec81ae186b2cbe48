from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SignaturesConfig(AppConfig):
    name = "iop.signatures"
    label = "signatures"

    def ready(self) -> None:
        from iop.database_roles import after_migrate
        from iop.locks import trigger_migrations_skip_model_reload
        from iop.migration_state import create_model_renders_only_itself

        trigger_migrations_skip_model_reload()
        create_model_renders_only_itself()

        # Once per migrate (sender is this app): the locks' database roles, iop/database_roles.py.
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="iop.database_roles")
