"""Recording check-ins: craving and mood (0-10) and use since the last check-in, taken at a
session (the attendance flow) or by phone, in one transaction; and the entered-in-error mark.

A refusal names the field it is about, so the form shows it beside what was typed; nothing
is half-saved.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from iop.accounts import permissions
from iop.accounts.models import User
from iop.clients.models import Episode
from relapse_prevention.models import CheckIn

SCALE = range(0, 11)
SCALE_MESSAGES = {"craving": "Craving is from 0 to 10.", "mood": "Mood is from 0 to 10."}


def require_charting(by: User, episode: Episode) -> None:
    if not permissions.can(by, permissions.CHART_SESSIONS, episode.program):
        raise PermissionDenied("Only staff who chart sessions in this program record this.")


def _scale_errors(craving: Any, mood: Any) -> dict[str, str]:
    errors = {}
    for field, value in (("craving", craving), ("mood", mood)):
        if not isinstance(value, int) or isinstance(value, bool) or value not in SCALE:
            errors[field] = SCALE_MESSAGES[field]
    return errors


def checkin_record(
    *,
    episode: Episode,
    by: User,
    craving: int,
    mood: int,
    used: bool,
    used_what: str = "",
    session: Any = None,
    at: datetime.datetime | None = None,
) -> CheckIn:
    """One check-in of the episode's client; ``at`` defaults to now (stored in UTC)."""
    require_charting(by, episode)
    program = episode.program
    at = at or timezone.now()
    used_what = used_what.strip()
    errors = _scale_errors(craving, mood)
    if used and not used_what:
        errors["used_what"] = "Say what was used, or choose No."
    if len(used_what) > 200:
        errors["used_what"] = "Keep what was used to 200 characters."
    elif not used and used_what:
        errors["used_what"] = "Choose Yes to say what was used, or leave this empty."
    if at > timezone.now() + datetime.timedelta(minutes=1):
        errors["recorded_at"] = "A check-in cannot be in the future."
    elif program.local_date(at) < episode.admitted_on:
        errors["recorded_at"] = "A check-in cannot be before the admission."
    if episode.discharged_on is not None and program.local_date(at) > episode.discharged_on:
        errors["recorded_at"] = "This episode of care is closed: the client was discharged."
    if session is not None and session.program_id != episode.program_id:
        errors["session"] = "This session is in another program."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return CheckIn.objects.create(
            client_id=episode.client_id,
            episode=episode,
            program=program,
            session=session,
            recorded_on=program.local_date(at),
            recorded_at=at,
            craving=craving,
            mood=mood,
            used=used,
            used_what=used_what,
            recorded_by=by,
        )


@transaction.atomic
def checkin_mark_entered_in_error(*, checkin: CheckIn, by: User, reason: str) -> CheckIn:
    """The check-in stays, marked: it drops out of trends, baselines and Today."""
    checkin = (
        CheckIn.objects.select_for_update().select_related("episode__program").get(pk=checkin.pk)
    )
    require_charting(by, checkin.episode)
    if checkin.entered_in_error_at is not None:
        raise ValidationError("This check-in is already marked as entered in error.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why it was entered in error."})
    checkin.entered_in_error_at = timezone.now()
    checkin.entered_in_error_by = by
    checkin.entered_in_error_reason = reason
    checkin.save(
        update_fields=["entered_in_error_at", "entered_in_error_by", "entered_in_error_reason"]
    )
    return checkin
