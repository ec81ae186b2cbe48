from django.apps import AppConfig


class FamilyConfig(AppConfig):
    name = "family"

    def ready(self) -> None:
        from family.services.people import HOLD_PREFIX, hold_check
        from iop.notifications.holds import register_hold_check

        # The outbox asks again at sending: a person marked do not contact since a message
        # was queued, or whose consent lapsed, is not sent it.
        register_hold_check(HOLD_PREFIX, hold_check)

        # The client's people: the chart's "Family and support" section, and the people a
        # relapse prevention safe contact may be (with their do-not-contact mark).
        from family import chart
        from family.contact_people import PROVIDER
        from relapse_prevention.contact_people import register_contact_people

        chart.register()
        register_contact_people(PROVIDER)
