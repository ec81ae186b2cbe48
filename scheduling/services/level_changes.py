"""Stepping a client up or down: the proposal with its evidence, the director's decision,
and the change taking effect in one transaction.

Proposing gathers the evidence itself (the last 4 weeks of attendance, hours, drug screens,
the measures since admission, progress per plan objective, open safety alerts), asks for a
fresh rating of the six ASAM dimensions, reads it with the same decision aid intake uses
(``intake.asam.recommend``), and drafts the justification for the clinician to edit.

Approval (a director who did not propose it) makes the change take effect on its date: at
once when that is today or earlier, else by the beat task on the day. Taking effect moves
the episode's level (with its history), the track enrollment (and with it the future
sessions and their reminders), the weekly hours required (read from the level), and makes
the plan's review due that day.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from intake import asam
from intake.services.alerts import alerts_open
from iop.accounts import permissions
from iop.accounts.models import User
from iop.clients.models import DischargeReason, Episode, LevelOfCare
from iop.clients.services import episode_discharge, episode_level_change
from iop.reports.clinical.content import draw_sections
from iop.reports.clinical.words import day_text, plural
from scheduling.access import can_approve_level_change
from scheduling.models import (
    CandidateStatus,
    LevelChangeCandidate,
    LevelChangeProposal,
    ProposalStatus,
    Track,
    TrackEnrolment,
    TrackPlan,
)
from scheduling.services.enrolment import track_enrol, track_unenrol
from treatment_plans.services.reviews import plan_review_due_now

EVIDENCE_DAYS = 28
EVIDENCE_SECTIONS = ["attendance", "hours", "drug_screens", "instruments", "objectives"]
DIMENSIONS = range(1, 7)


def levels_run_here(program: Any) -> QuerySet[LevelOfCare]:
    """The program's levels, outpatient to partial hospitalization (high-intensity
    outpatient); residential and inpatient care (ASAM 3 and above) are other providers'."""
    return LevelOfCare.objects.filter(edition=program.asam_edition, code__lt="3").order_by(
        "ordering"
    )


def level_change_evidence(episode: Episode, *, today: datetime.date) -> dict[str, Any]:
    """The record over the last 4 weeks (measures since admission), as stored on a proposal."""
    start = max(episode.admitted_on, today - datetime.timedelta(days=EVIDENCE_DAYS - 1))
    sections = draw_sections(
        EVIDENCE_SECTIONS, client=episode.client, episode=episode, start=start, end=today
    )
    alerts = [
        {
            "reason": open_alert.alert.reason,
            "raised_on_text": day_text(episode.program.local_date(open_alert.alert.created_at)),
            "acknowledged": open_alert.alert.acknowledged_at is not None,
        }
        for open_alert in alerts_open(client_ids=[episode.client_id])
    ]
    return {
        "start": start.isoformat(),
        "end": today.isoformat(),
        "period_text": f"{day_text(start)} to {day_text(today)}",
        "level": episode.level_of_care.short_label,
        "sections": sections,
        "alerts": alerts,
    }


def _ratings(raw: dict[Any, Any]) -> dict[int, int]:
    ratings: dict[int, int] = {}
    for dimension in DIMENSIONS:
        value = raw.get(dimension, raw.get(str(dimension)))
        if value in (None, ""):
            raise ValidationError(
                {"asam_ratings": "Rate all six ASAM dimensions again for this change."}
            )
        rating = int(value)
        if not 0 <= rating <= 4:
            raise ValidationError({"asam_ratings": "Each ASAM rating is 0 (none) to 4 (severe)."})
        ratings[dimension] = rating
    return ratings


def level_recommendation(ratings: dict[Any, Any], edition: str) -> asam.Recommendation:
    return asam.recommend(_ratings(ratings), edition)


def _by_key(evidence: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["key"]: s for s in evidence.get("sections", [])}


def _evidence_sentences(evidence: dict[str, Any]) -> list[str]:
    sections = _by_key(evidence)
    said = []
    attendance = sections.get("attendance")
    if attendance and attendance["total"]["scheduled"]:
        total = attendance["total"]
        said.append(
            f"Over {evidence['period_text']} attended {total['attended']} of "
            f"{plural(total['scheduled'], 'session', 'sessions')} "
            f"({attendance['percent_not_excused']}% of those not excused), with "
            f"{plural(total['unexcused'], 'unexcused absence', 'unexcused absences')}."
        )
    hours = sections.get("hours")
    if hours and hours["full_weeks"]:
        said.append(
            f"The weekly minimum was met in {hours['full_weeks_met']} of "
            f"{plural(hours['full_weeks'], 'full week', 'full weeks')}."
        )
    screens = sections.get("drug_screens")
    if screens and screens["collected"]:
        said.append(
            f"{plural(screens['collected'], 'drug screen', 'drug screens')}, "
            f"{screens['failed']} counting against the client."
        )
    for measure in sections.get("instruments", {}).get("instruments", []):
        said.append(measure["change"])
    if evidence.get("alerts"):
        said.append(f"{plural(len(evidence['alerts']), 'safety alert', 'safety alerts')} open.")
    return said


def justification_draft(
    *, episode: Episode, to_level: LevelOfCare, ratings: dict[Any, Any], evidence: dict[str, Any]
) -> dict[str, str]:
    """Why this level, why not the one below, why not the one above: a first draft."""
    edition = episode.program.asam_edition
    found = level_recommendation(ratings, edition)
    levels = list(LevelOfCare.objects.filter(edition=edition).order_by("ordering"))
    lower = [lv for lv in levels if lv.ordering < to_level.ordering]
    higher = [lv for lv in levels if lv.ordering > to_level.ordering]
    aid = (
        f"The decision aid recommends ASAM {found.code}: " + "; ".join(found.reasons) + "."
        if found.code == to_level.code
        else f"The decision aid recommends ASAM {found.code}, not {to_level.code}; "
        "the reason for choosing otherwise is stated here."
    )
    this = " ".join([aid, *_evidence_sentences(evidence)])
    if lower:
        below = lower[-1]
        not_lower = (
            f"ASAM {below.code} ({below.name}) would give less structure than the current "
            f"risks need: " + "; ".join(found.reasons) + "."
        )
    else:
        not_lower = "There is no less intensive level."
    if higher:
        above = higher[0]
        top = max(_ratings(ratings).values())
        not_higher = (
            f"ASAM {above.code} ({above.name}) is more than needed: the highest dimension "
            f"is rated {top} of 4, and the client can keep to treatment while living at home."
        )
    else:
        not_higher = "There is no more intensive level."
    return {"why_this_level": this, "why_not_lower": not_lower, "why_not_higher": not_higher}


def _check_date(episode: Episode, effective_on: datetime.date, today: datetime.date) -> None:
    latest = episode.level_changes.order_by("-effective_on", "-created_at").first()
    if effective_on < episode.admitted_on:
        raise ValidationError({"effective_on": "The change cannot be dated before admission."})
    if latest is not None and effective_on < latest.effective_on:
        raise ValidationError(
            {
                "effective_on": "The change cannot be dated before the last change of level "
                f"({day_text(latest.effective_on)})."
            }
        )
    if effective_on < today:
        raise ValidationError({"effective_on": "A change takes effect today or later."})


def _check_track(
    episode: Episode, track_plan: str, track: Track | None
) -> tuple[str, Track | None]:
    if track_plan not in TrackPlan.values:
        raise ValidationError({"track_plan": "Choose what happens to the client's track."})
    current = TrackEnrolment.objects.current().filter(episode=episode).first()
    if track_plan == TrackPlan.MOVE:
        if track is None or track.program_id != episode.program_id or not track.active:
            raise ValidationError({"track": "Choose one of this program's tracks."})
        if current is not None and current.track_id == track.pk:
            raise ValidationError({"track": "The client is already in that track."})
        return track_plan, track
    if track_plan == TrackPlan.LEAVE and current is None:
        raise ValidationError({"track_plan": "The client is not in a track to leave."})
    return track_plan, None


@transaction.atomic
def level_change_propose(
    *,
    episode: Episode,
    by: User,
    to_level: LevelOfCare,
    effective_on: datetime.date,
    track_plan: str,
    track: Track | None,
    ratings: dict[Any, Any],
    notes: dict[Any, str] | None,
    why_this_level: str,
    why_not_lower: str,
    why_not_higher: str,
    candidate: LevelChangeCandidate | None = None,
    receiving_provider: str = "",
    receiving_provider_contact: str = "",
) -> LevelChangeProposal:
    """``candidate``: the flag this was proposed from (scheduling.services.candidates); it
    is marked proposed and linked, in the same transaction.

    ``receiving_provider``: a move to another provider, up or down. A level this program
    does not run (residential, inpatient) always is one. The track is left when the change
    takes effect: approval records the discharge to them (``_apply``)."""
    program = episode.program
    if not permissions.can(by, permissions.PROPOSE_LEVEL_CHANGE, program):
        raise PermissionDenied("Only clinicians and directors propose a change of level.")
    episode = (
        Episode.objects.select_for_update()
        .select_related("level_of_care", "client")
        .get(pk=episode.pk)
    )
    if not episode.is_open:
        raise ValidationError("The client is discharged: there is no level to change.")
    if LevelChangeProposal.objects.pending().filter(episode=episode).exists():
        raise ValidationError(
            "A change of level for this client is already awaiting a director: it is "
            "approved or returned before another is proposed."
        )
    receiving_provider = receiving_provider.strip()
    if to_level.edition != program.asam_edition:
        raise ValidationError({"to_level": "Choose a level of the program's ASAM edition."})
    if not receiving_provider and not levels_run_here(program).filter(pk=to_level.pk).exists():
        raise ValidationError(
            {
                "receiving_provider": f"This program does not run ASAM {to_level.code}: name "
                "the provider who takes the client on."
            }
        )
    if to_level.pk == episode.level_of_care_id:
        raise ValidationError({"to_level": "The client is already at that level of care."})
    today = program.today()
    _check_date(episode, effective_on, today)
    if receiving_provider:
        # The client leaves the program: no track here follows them.
        enrolled = TrackEnrolment.objects.current().filter(episode=episode).exists()
        track_plan, track = (TrackPlan.LEAVE if enrolled else TrackPlan.KEEP), None
    else:
        track_plan, track = _check_track(episode, track_plan, track)
    rated = _ratings(ratings)
    texts = {
        "why_this_level": why_this_level.strip(),
        "why_not_lower": why_not_lower.strip(),
        "why_not_higher": why_not_higher.strip(),
    }
    missing = {k: "Write this part of the justification." for k, v in texts.items() if not v}
    if missing:
        raise ValidationError(missing)
    found = asam.recommend(rated, program.asam_edition)
    try:
        with transaction.atomic():
            proposal = LevelChangeProposal.objects.create(
                episode=episode,
                client=episode.client,
                program=program,
                from_level=episode.level_of_care,
                to_level=to_level,
                effective_on=effective_on,
                track_plan=track_plan,
                track=track,
                asam_edition=program.asam_edition,
                asam_ratings={str(k): v for k, v in rated.items()},
                asam_notes={str(k): (v or "").strip() for k, v in (notes or {}).items()},
                recommended_code=found.code,
                recommended_reasons=found.reasons,
                evidence=level_change_evidence(episode, today=today),
                proposed_by=by,
                created_by=by,
                receiving_provider=receiving_provider,
                receiving_provider_contact=receiving_provider_contact.strip()
                if receiving_provider
                else "",
                **texts,
            )
    except IntegrityError as clash:  # a proposal made in the same moment by someone else
        raise ValidationError(
            "A change of level for this client is already awaiting a director."
        ) from clash
    if candidate is not None:
        _candidate_proposed(candidate, proposal, today)
    return proposal


def _candidate_proposed(
    candidate: LevelChangeCandidate, proposal: LevelChangeProposal, today: datetime.date
) -> None:
    locked = LevelChangeCandidate.objects.select_for_update().get(pk=candidate.pk)
    if locked.status != CandidateStatus.OPEN or locked.episode_id != proposal.episode_id:
        return  # resolved or dismissed meanwhile: the proposal stands on its own
    locked.status = CandidateStatus.PROPOSED
    locked.proposal = proposal
    locked.closed_on = today
    locked.save(update_fields=["status", "proposal", "closed_on"])


@transaction.atomic
def level_change_decide(
    *, proposal: LevelChangeProposal, by: User, approve: bool, comment: str
) -> LevelChangeProposal:
    """A director approves (the change takes effect on its date) or returns it with why."""
    proposal = LevelChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    if not can_approve_level_change(by, proposal.program):
        raise PermissionDenied("Only a director approves a change of level.")
    if proposal.proposed_by_id == by.pk:
        raise ValidationError("You proposed this change: another director decides it.")
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError("This proposal has been decided already.")
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError({"comment": "Say why it is returned, for the clinician."})
    proposal.status = ProposalStatus.APPROVED if approve else ProposalStatus.RETURNED
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.decision_comment = comment
    proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])
    if approve and proposal.effective_on <= proposal.program.today():
        _apply(proposal)
    return proposal


def _apply(proposal: LevelChangeProposal) -> None:
    """Inside the caller's transaction: the level, the track, the plan review; or, for a
    move to another provider, the discharge to them."""
    episode, by = proposal.episode, proposal.decided_by
    assert by is not None
    if proposal.to_another_provider:
        _discharge_to_provider(proposal, by)
        return
    change = episode_level_change(
        episode=episode,
        to_level=proposal.to_level,
        effective_on=proposal.effective_on,
        reason=proposal.why_this_level,
        by=by,
    )
    words = f"Level of care changed to ASAM {proposal.to_level.code}"
    if proposal.track_plan == TrackPlan.MOVE and proposal.track is not None:
        track_enrol(
            episode=episode, track=proposal.track, starts_on=proposal.effective_on, actor=by
        )
    elif proposal.track_plan == TrackPlan.LEAVE:
        track_unenrol(episode=episode, ended_on=proposal.effective_on, reason=words, actor=by)
    plan_review_due_now(episode=episode, due_on=proposal.effective_on)
    proposal.applied_at = timezone.now()
    proposal.change = change
    proposal.save(update_fields=["applied_at", "change"])


def _discharge_to_provider(proposal: LevelChangeProposal, by: User) -> None:
    """Record the discharge to the receiving provider on the change's date. The episode
    closes when its steps are done, the transition summary among them (disclosed to the
    provider only under a consent that names them); until then the client stays in care."""
    higher = proposal.to_level.ordering > proposal.from_level.ordering
    episode_discharge(
        episode=proposal.episode,
        discharged_on=proposal.effective_on,
        reason=DischargeReason.STEP_UP if higher else DischargeReason.STEP_DOWN,
        receiving_provider=proposal.receiving_provider,
        receiving_provider_contact=proposal.receiving_provider_contact,
        by=by,
    )
    proposal.applied_at = timezone.now()
    proposal.save(update_fields=["applied_at"])


def level_changes_due_apply() -> int:
    """Beat: approved changes dated ahead take effect on their day; returns how many."""
    applied = 0
    for proposal in LevelChangeProposal.objects.due().select_related("program"):
        if proposal.effective_on > proposal.program.today():
            continue
        with transaction.atomic():
            locked = LevelChangeProposal.objects.select_for_update().get(pk=proposal.pk)
            if locked.applied_at is None:
                _apply(locked)
                applied += 1
    return applied
