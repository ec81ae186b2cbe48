"""Recording lapses without judgment: when, the substance or behavior, what was going on,
what helped and what the client wants to do differently; linked to the drug screen that
confirms it, where one does. And the entered-in-error mark.

Each lapse prompts a review of the relapse prevention plan (the plan's own
``rp_plan_review_due`` reads the lapses) and, once committed, a fresh evaluation of the
program's step-up candidates, so a rule that now fires shows without waiting for the beat.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iop.accounts.models import User
from iop.clients.models import Episode
from iop.signatures.text import long_date
from relapse_prevention.models import Lapse, Specimen
from relapse_prevention.services.checkins import require_charting

PLAN_REVIEW_PROMPT = "Review the relapse prevention plan with the client"


def _date_errors(episode: Episode, occurred_on: datetime.date | None) -> dict[str, str]:
    program = episode.program
    if occurred_on is None:
        return {"occurred_on": "Give the day it happened."}
    if occurred_on > program.today():
        return {"occurred_on": "The day it happened cannot be in the future."}
    if occurred_on < episode.admitted_on:
        return {
            "occurred_on": "The day it happened is before the admission on "
            f"{long_date(episode.admitted_on)}: this record covers this episode of care."
        }
    if episode.discharged_on is not None and occurred_on > episode.discharged_on:
        return {"occurred_on": "The day it happened is after the discharge from this episode."}
    return {}


def _specimen_errors(episode: Episode, specimen: Specimen | None) -> dict[str, str]:
    if specimen is not None and specimen.client_id != episode.client_id:
        return {"specimen": "That drug screen is another client's: choose one of this client's."}
    return {}


def lapse_record(
    *,
    episode: Episode,
    by: User,
    occurred_on: datetime.date | None,
    substance_or_behavior: str,
    context: str = "",
    what_helped: str = "",
    what_to_change: str = "",
    specimen: Specimen | None = None,
) -> Lapse:
    require_charting(by, episode)
    substance_or_behavior = substance_or_behavior.strip()
    errors = _date_errors(episode, occurred_on) | _specimen_errors(episode, specimen)
    if not substance_or_behavior:
        errors["substance_or_behavior"] = "Say the substance or the behavior."
    elif len(substance_or_behavior) > 200:
        errors["substance_or_behavior"] = "Keep the substance or behavior to 200 characters."
    if errors or occurred_on is None:
        raise ValidationError(errors)
    with transaction.atomic():
        lapse = Lapse.objects.create(
            client_id=episode.client_id,
            episode=episode,
            program=episode.program,
            occurred_on=occurred_on,
            substance_or_behavior=substance_or_behavior,
            context=context.strip(),
            what_helped=what_helped.strip(),
            what_to_change=what_to_change.strip(),
            specimen=specimen,
            recorded_at=timezone.now(),
            recorded_by=by,
        )
        _evaluate_candidates_on_commit(episode.program_id)
    return lapse


def _evaluate_candidates_on_commit(program_id: object) -> None:
    from relapse_prevention.tasks import lapse_candidates_evaluate

    transaction.on_commit(lambda: lapse_candidates_evaluate.delay(str(program_id)))


@transaction.atomic
def lapse_mark_entered_in_error(*, lapse: Lapse, by: User, reason: str) -> Lapse:
    """The lapse stays, marked: it no longer counts toward the step-up rules."""
    lapse = Lapse.objects.select_for_update().select_related("episode__program").get(pk=lapse.pk)
    require_charting(by, lapse.episode)
    if lapse.entered_in_error_at is not None:
        raise ValidationError("This lapse is already marked as entered in error.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why it was entered in error."})
    lapse.entered_in_error_at = timezone.now()
    lapse.entered_in_error_by = by
    lapse.entered_in_error_reason = reason
    lapse.save(
        update_fields=["entered_in_error_at", "entered_in_error_by", "entered_in_error_reason"]
    )
    _evaluate_candidates_on_commit(lapse.program_id)
    return lapse
