"""The people invited to a family session, beside the client on the session page
(scheduling.attendee_extras), with each one's attendance recorded there by the clinician."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from family.models import FamilySessionGuest
from iop.accounts import permissions
from scheduling.attendee_extras import AttendeeExtra, register_attendee_extra
from scheduling.models import SessionKind


def guest_rows(user: Any, session: Any, expected: list[Any]) -> dict[Any, dict[str, Any]] | None:
    if session.kind != SessionKind.FAMILY:
        return None
    guests = list(
        FamilySessionGuest.objects.filter(session=session, removed_at__isnull=True)
        .select_related("client_person__person")
        .order_by("client_person__person__last_name", "client_person__person__first_name")
    )
    locked = session.notes.signed().exists()
    not_yet = session.starts_at > timezone.now()
    can_record = (
        not locked
        and not not_yet
        and not session.is_cancelled
        and permissions.can(user, permissions.CHART_SESSIONS, session.program)
    )
    row = {"guests": guests, "can_record": can_record, "locked": locked, "not_yet": not_yet}
    return {attendee.pk: row for attendee in expected}


def register() -> None:
    register_attendee_extra(
        AttendeeExtra(
            key="family_guests",
            order=5,
            title="Family members invited",
            intro="Record who came; the family session note lists the people who attended.",
            template="family/sessions/_attendee.html",
            capability=permissions.VIEW_FAMILY,
            rows=guest_rows,
        )
    )
