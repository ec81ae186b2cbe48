from django.apps import AppConfig


class FamilyConfig(AppConfig):
    name = "family"

    def ready(self) -> None:
        from family import (
            discharge,
            documents,
            group_chart,
            group_links,
            session_attendance,
            session_chart,
            session_notes,
        )
        from family.services.people import HOLD_PREFIX, hold_check
        from iop.clients.discharge_steps import register_discharge_step
        from iop.notifications.holds import register_hold_check

        # The outbox asks again at sending: a person marked do not contact since a message
        # was queued, or whose consent lapsed, is not sent it.
        register_hold_check(HOLD_PREFIX, hold_check)
        session_attendance.register()
        session_chart.register()
        session_notes.register()
        # The multi-family group: the client chart's section, and links from the group and
        # session pages of groups and scheduling.
        group_chart.register()
        group_links.register()
        # The family aftercare plan: its discharge step (after the plan's aftercare) and the
        # family copy PDF.
        register_discharge_step("family_aftercare", 35, discharge.family_aftercare_step)
        documents.register()

        # The client's people: the chart's "Family and support" section, and the people a
        # relapse prevention safe contact may be (with their do-not-contact mark).
        from family import chart
        from family.contact_people import PROVIDER
        from relapse_prevention.contact_people import register_contact_people

        chart.register()
        register_contact_people(PROVIDER)
