"""The inline check-in beside each attendee on the session page (scheduling.attendee_extras):
craving, mood and use since the last check-in, saved in seconds (htmx, or a normal post)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from iop.accounts import permissions
from relapse_prevention.checkin_forms import CheckInForm
from scheduling.attendee_extras import AttendeeExtra, register_attendee_extra


def form_prefix(attendee: Any) -> str:
    return f"ci-{attendee.pk}"


def session_open_for_checkins(session: Any) -> bool:
    return not session.is_cancelled and session.occurs_on <= session.program.today()


def attendee_row(
    attendee: Any, checkin: Any = None, form: CheckInForm | None = None
) -> dict[str, Any]:
    return {
        "checkin": checkin,
        "form": form or CheckInForm(prefix=form_prefix(attendee)),
        "url": reverse("relapse_prevention:checkin_attendee", args=[attendee.pk]),
    }


def checkin_rows(user: Any, session: Any, expected: list[Any]) -> dict[Any, dict[str, Any]] | None:
    from relapse_prevention.models import CheckIn

    if not session_open_for_checkins(session):
        return None
    taken = {
        c.episode_id: c
        for c in CheckIn.objects.standing()
        .filter(session=session, episode_id__in=[a.episode_id for a in expected])
        .order_by("recorded_at")
    }
    return {a.pk: attendee_row(a, taken.get(a.episode_id)) for a in expected}


def register() -> None:
    register_attendee_extra(
        AttendeeExtra(
            key="checkins",
            order=10,
            title="Check-ins",
            intro="Craving and mood from 0 to 10, and any use since the last check-in.",
            template="relapse_prevention/checkins/_attendee.html",
            capability=permissions.CHART_SESSIONS,
            rows=checkin_rows,
        )
    )
