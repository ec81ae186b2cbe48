from django.apps import AppConfig


class FamilyConfig(AppConfig):
    name = "family"

    def ready(self) -> None:
        from family import discharge, documents
        from family.services.people import HOLD_PREFIX, hold_check
        from iop.clients.discharge_steps import register_discharge_step
        from iop.notifications.holds import register_hold_check

        # The outbox asks again at sending: a person marked do not contact since a message
        # was queued, or whose consent lapsed, is not sent it.
        register_hold_check(HOLD_PREFIX, hold_check)
        # The family aftercare plan: its discharge step (after the plan's aftercare) and the
        # family copy PDF.
        register_discharge_step("family_aftercare", 35, discharge.family_aftercare_step)
        documents.register()
