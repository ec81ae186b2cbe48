"""Plan reviews: when plans are due, recording a review, and the reminders (CLINICAL.md).

A first plan is due ``first_plan_due_days`` after admission; an active plan is reviewed every
``plan_review_days`` from its activation, then from its latest review. Both are program
settings, and "today" is the program's own date in its time zone.

Ratings live on the review items: the objectives of a signed version are locked in the
database, so an objective rated "revised" is changed in a new plan version.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any
from uuid import UUID

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.urls import reverse

from intake import instruments
from intake.models import InstrumentResult
from iop.accounts.models import Program, User
from iop.audit.models import AuditAction
from iop.audit.services import audit_event_record
from iop.clients.models import Client, Episode
from iop.notifications.models import Channel
from iop.notifications.services import outbox_enqueue
from treatment_plans.evidence import attendance_counts
from treatment_plans.models import (
    MeasureKind,
    PlanObjective,
    PlanReview,
    PlanReviewItem,
    PlanStatus,
    ReviewRating,
    TreatmentPlan,
)
from treatment_plans.wording import UNRATED

DUE_SOON_DAYS = 3

# ---------------------------------------------------------------- due dates (pure)


class DueState(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    FINE = "fine"


class DueKind(StrEnum):
    FIRST_PLAN = "first_plan"
    REVIEW = "review"

    @property
    def label(self) -> str:
        return "First treatment plan" if self is DueKind.FIRST_PLAN else "Plan review"


@dataclass(frozen=True)
class DueStatus:
    state: DueState
    due_on: datetime.date
    today: datetime.date

    @property
    def days_overdue(self) -> int:
        return max((self.today - self.due_on).days, 0)

    @property
    def is_overdue(self) -> bool:
        return self.state is DueState.OVERDUE

    @property
    def is_due_soon(self) -> bool:
        return self.state is DueState.DUE_SOON

    @property
    def text(self) -> str:
        days = (self.due_on - self.today).days
        if days < 0:
            return f"overdue by {-days} day{'s' if days < -1 else ''}"
        if days == 0:
            return "due today"
        return f"due in {days} day{'s' if days > 1 else ''}"


def first_plan_due_on(*, admitted_on: datetime.date, program: Program) -> datetime.date:
    return admitted_on + datetime.timedelta(days=program.first_plan_due_days)


def review_due_on(
    *,
    activated_on: datetime.date,
    program: Program,
    last_reviewed_on: datetime.date | None = None,
) -> datetime.date:
    """From the latest review if there is one, else from activation."""
    start = max(activated_on, last_reviewed_on) if last_reviewed_on else activated_on
    return start + datetime.timedelta(days=program.plan_review_days)


def plan_due_status(*, due_on: datetime.date, today: datetime.date) -> DueStatus:
    """Overdue the day after the due date; due soon from DUE_SOON_DAYS before it."""
    if today > due_on:
        return DueStatus(DueState.OVERDUE, due_on, today)
    if (due_on - today).days <= DUE_SOON_DAYS:
        return DueStatus(DueState.DUE_SOON, due_on, today)
    return DueStatus(DueState.FINE, due_on, today)


def plan_review_due_on(
    plan: TreatmentPlan, *, last_reviewed_on: datetime.date | None = None
) -> datetime.date | None:
    """The stored date when set (activation and reviews set it), else computed."""
    if plan.review_due_on:
        return plan.review_due_on
    if plan.activated_at is None:
        return None
    return review_due_on(
        activated_on=plan.program.local_date(plan.activated_at),
        program=plan.program,
        last_reviewed_on=last_reviewed_on,
    )


def plan_review_due_now(*, episode: Episode, due_on: datetime.date) -> TreatmentPlan | None:
    """A change of level makes the active plan's review due (on the change's date, or
    earlier when it was due already). Inside the caller's transaction."""
    plan = (
        TreatmentPlan.objects.select_for_update()
        .filter(episode=episode, status=PlanStatus.ACTIVE)
        .order_by("-version")
        .first()
    )
    if plan is None:
        return None
    current = plan_review_due_on(plan)
    if current is None or due_on < current:
        plan.review_due_on = due_on
        plan.save(update_fields=["review_due_on", "updated_at"])
    return plan


# ---------------------------------------------------------------- the due list


@dataclass(frozen=True)
class DueRow:
    client: Client
    episode: Episode
    clinician: User | None  # the episode's primary clinician
    kind: DueKind
    plan_id: UUID | None  # the active plan, for a review
    status: DueStatus

    @property
    def due_on(self) -> datetime.date:
        return self.status.due_on

    @property
    def days_overdue(self) -> int:
        return self.status.days_overdue


def _episodes_with_plan_dates(program_ids: Iterable[Any]) -> Any:
    active = TreatmentPlan.objects.filter(episode=OuterRef("pk"), status=PlanStatus.ACTIVE)
    latest_review = PlanReview.objects.filter(
        plan__episode=OuterRef("pk"), plan__status=PlanStatus.ACTIVE
    ).order_by("-reviewed_on")
    return (
        Episode.objects.open()
        .filter(program_id__in=list(program_ids))
        .select_related("client", "program", "primary_clinician")
        .annotate(
            active_plan_id=Subquery(active.values("pk")[:1]),
            active_review_due_on=Subquery(active.values("review_due_on")[:1]),
            active_activated_at=Subquery(active.values("activated_at")[:1]),
            last_reviewed_on=Subquery(latest_review.values("reviewed_on")[:1]),
        )
    )


def _due(
    *,
    program: Program,
    admitted_on: datetime.date,
    active_plan_id: Any,
    active_review_due_on: datetime.date | None,
    active_activated_at: Any,  # an active plan always has one
    last_reviewed_on: datetime.date | None,
    today: datetime.date | None,
) -> tuple[DueKind, DueStatus]:
    """What is due for one open episode, from the dates ``_episodes_with_plan_dates`` reads."""
    day = today or program.today()
    if active_plan_id is None:
        kind = DueKind.FIRST_PLAN
        due_on = first_plan_due_on(admitted_on=admitted_on, program=program)
    else:
        kind = DueKind.REVIEW
        due_on = active_review_due_on or review_due_on(
            activated_on=program.local_date(active_activated_at),
            program=program,
            last_reviewed_on=last_reviewed_on,
        )
    return kind, plan_due_status(due_on=due_on, today=day)


def _due_row(episode: Any, today: datetime.date | None) -> DueRow | None:
    kind, status = _due(
        program=episode.program,
        admitted_on=episode.admitted_on,
        active_plan_id=episode.active_plan_id,
        active_review_due_on=episode.active_review_due_on,
        active_activated_at=episode.active_activated_at,
        last_reviewed_on=episode.last_reviewed_on,
        today=today,
    )
    if status.state is DueState.FINE:
        return None
    return DueRow(
        client=episode.client,
        episode=episode,
        clinician=episode.primary_clinician,
        kind=kind,
        plan_id=episode.active_plan_id,
        status=status,
    )


def plans_due_or_overdue(
    *,
    program_ids: Iterable[Any],
    today: datetime.date | None = None,
    clinician: User | None = None,
) -> list[DueRow]:
    """First plans and reviews due within DUE_SOON_DAYS or overdue, most overdue first.

    One query. ``today`` defaults to each program's own date in its time zone.
    """
    episodes = _episodes_with_plan_dates(program_ids)
    if clinician is not None:
        episodes = episodes.filter(primary_clinician=clinician)
    rows = [row for row in (_due_row(e, today) for e in episodes) if row is not None]
    return sorted(rows, key=lambda r: (r.due_on, r.client.legal_last_name, str(r.episode.pk)))


def plans_due_counts(
    *, program_ids: Iterable[Any], today: datetime.date | None = None
) -> tuple[int, int]:
    """(due or overdue, overdue): the lengths of ``plans_due_or_overdue`` and of its
    overdue rows, from the dates alone (no client or clinician loaded). One query for the
    episodes, one for their programs."""
    fields = (
        "program_id",
        "admitted_on",
        "active_plan_id",
        "active_review_due_on",
        "active_activated_at",
        "last_reviewed_on",
    )
    rows = list(_episodes_with_plan_dates(program_ids).select_related(None).values(*fields))
    programs = Program.objects.in_bulk({r["program_id"] for r in rows})
    due = overdue = 0
    for row in rows:
        dates = {k: v for k, v in row.items() if k != "program_id"}
        _, status = _due(program=programs[row["program_id"]], today=today, **dates)
        if status.state is not DueState.FINE:
            due += 1
            overdue += status.is_overdue
    return due, overdue


# ---------------------------------------------------------------- evidence


def _score(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _instrument_evidence(
    objective: PlanObjective, results: list[InstrumentResult], program: Program
) -> str:
    try:
        name = instruments.get(objective.instrument).abbreviation
    except instruments.UnknownInstrument:
        return f"No instrument called {objective.instrument!r} is known, so no scores to show."
    target = f"target below {_score(objective.threshold)}" if objective.threshold else "no target"
    if not results:
        return f"No {name} score recorded yet for this client ({target})."

    def dated(result: InstrumentResult) -> str:
        day = program.local_date(result.administered_at)
        return f"{_score(result.score)} on {day.day} {day:%b %Y}"

    first, latest = results[0], results[-1]
    scores = (
        f"{name}: one score so far, {dated(latest)}"
        if len(results) == 1
        else f"{name}: first {dated(first)}, latest {dated(latest)} ({len(results)} scores)"
    )
    if objective.threshold is None:
        return f"{scores}; no target set."
    below = latest.score < objective.threshold
    return f"{scores}; {target}: latest is {'below' if below else 'not below'} the target."


def _review_period_start(plan: TreatmentPlan) -> datetime.date:
    """Attendance is counted since the plan's latest review, else since it became active."""
    latest = (
        PlanReview.objects.filter(plan=plan).order_by("-reviewed_on").values("reviewed_on").first()
    )
    if latest is not None:
        return latest["reviewed_on"]
    if plan.activated_at is not None:
        return plan.program.local_date(plan.activated_at)
    return plan.episode.admitted_on


def _attendance_counts(plan: TreatmentPlan, since: datetime.date) -> tuple[int, int]:
    """(sessions attended, sessions with attendance recorded) from ``since`` to today;
    sessions the program cancelled count for neither."""
    # Scheduling counts the sessions (treatment_plans/evidence.py).
    return attendance_counts(plan.episode_id, since, plan.program.today())


def _attendance_evidence(
    objective: PlanObjective, counts: tuple[int, int], since: datetime.date
) -> str:
    attended, held = counts
    target = (
        f"target {_score(objective.threshold)}%" if objective.threshold is not None else "no target"
    )
    period = f"since {since.day} {since:%b %Y}"
    if held == 0:
        return f"No attendance recorded {period} yet ({target})."
    sessions = "session" if held == 1 else "sessions"
    text = f"Attended {attended} of {held} {sessions} {period} ({round(100 * attended / held)}%)"
    if objective.threshold is None:
        return f"{text}; no target set."
    reached = Decimal(100 * attended) >= objective.threshold * held
    return f"{text}; {target}: {'at or above' if reached else 'below'} the target."


def _other_evidence(objective: PlanObjective) -> str:
    if objective.measure == MeasureKind.PRACTICE:
        return (
            f"Target: practiced {objective.per_week or '?'} times a week. Practice is not "
            "recorded in this app: rate from the client's own account and say so in the note."
        )
    return (
        "Observed by staff: no structured observations are recorded in this app; rate from "
        "the progress notes and say what was seen in the note."
    )


def objective_evidence(*, plan: TreatmentPlan, objectives: list[PlanObjective]) -> dict[UUID, str]:
    """What is shown beside each objective and kept on the review item. Three queries at
    most (instrument scores; the review period and attendance, for attendance objectives)."""
    attendance: tuple[tuple[int, int], datetime.date] | None = None
    if any(o.measure == MeasureKind.ATTENDANCE for o in objectives):
        since = _review_period_start(plan)
        attendance = (_attendance_counts(plan, since), since)
    codes = {o.instrument for o in objectives if o.measure == MeasureKind.INSTRUMENT_BELOW} - {""}
    by_code: dict[str, list[InstrumentResult]] = {}
    if codes:
        wanted = {_code(c) for c in codes}
        for result in InstrumentResult.objects.filter(
            client_id=plan.client_id, instrument__in=wanted
        ).order_by("administered_at"):
            by_code.setdefault(result.instrument, []).append(result)
    return {o.pk: _evidence(o, plan, by_code, attendance) for o in objectives}


def _evidence(
    objective: PlanObjective,
    plan: TreatmentPlan,
    by_code: dict[str, list[InstrumentResult]],
    attendance: tuple[tuple[int, int], datetime.date] | None,
) -> str:
    if objective.measure == MeasureKind.INSTRUMENT_BELOW:
        return _instrument_evidence(
            objective, by_code.get(_code(objective.instrument), []), plan.program
        )
    if objective.measure == MeasureKind.ATTENDANCE and attendance is not None:
        return _attendance_evidence(objective, *attendance)
    return _other_evidence(objective)


def _code(instrument: str) -> str:
    try:
        return instruments.get(instrument).code
    except instruments.UnknownInstrument:
        return instrument


def plan_objectives(plan: TreatmentPlan) -> list[PlanObjective]:
    return list(
        PlanObjective.objects.filter(goal__problem__plan=plan).order_by(
            "goal__problem__order", "goal__created_at", "target_date", "created_at"
        )
    )


# ---------------------------------------------------------------- recording a review


def _check_ratings(
    objectives: list[PlanObjective], ratings: Mapping[UUID, tuple[str, str]]
) -> dict[str, str]:
    errors: dict[str, str] = {}
    for objective in objectives:
        rating, _note = ratings.get(objective.pk, ("", ""))
        if rating not in ReviewRating.values:
            errors[str(objective.pk)] = UNRATED
    unknown = set(ratings) - {o.pk for o in objectives}
    if unknown:
        errors["__all__"] = "Some ratings are for objectives that are not in this plan version."
    return errors


def _check_date(plan: TreatmentPlan, reviewed_on: datetime.date) -> str | None:
    if reviewed_on > plan.program.today():
        return "A review cannot be dated in the future."
    if plan.activated_at and reviewed_on < plan.program.local_date(plan.activated_at):
        return "A review cannot be dated before the plan became active."
    return None


def plan_review_record(
    *,
    plan: TreatmentPlan,
    by: User,
    reviewed_on: datetime.date,
    summary: str,
    ratings: Mapping[UUID, tuple[str, str]],
) -> PlanReview:
    """Record a review of an active plan: every objective rated, or nothing is saved.

    Errors are keyed by objective id (as text), ``reviewed_on`` or ``__all__``.
    """
    with transaction.atomic():
        plan = (
            TreatmentPlan.objects.select_for_update(of=("self",))
            .select_related("program")
            .get(pk=plan.pk)
        )
        if plan.status != PlanStatus.ACTIVE:
            raise ValidationError({"__all__": "Only the active plan version can be reviewed."})
        objectives = plan_objectives(plan)
        errors = _check_ratings(objectives, ratings)
        if date_error := _check_date(plan, reviewed_on):
            errors["reviewed_on"] = date_error
        if errors:
            raise ValidationError(errors)
        evidence = objective_evidence(plan=plan, objectives=objectives)
        review = PlanReview.objects.create(
            plan=plan, reviewed_on=reviewed_on, summary=summary.strip(), created_by=by
        )
        PlanReviewItem.objects.bulk_create(
            PlanReviewItem(
                review=review,
                objective=objective,
                rating=ratings[objective.pk][0],
                note=ratings[objective.pk][1].strip(),
                evidence=evidence[objective.pk],
                created_by=by,
            )
            for objective in objectives
        )
        _next_review_set(plan)
        audit_event_record(
            action=AuditAction.PLAN_REVIEWED,
            actor=by,
            obj=plan,
            client=plan.client,
            summary=f"Plan v{plan.version} reviewed on {reviewed_on:%Y-%m-%d}",
        )
    return review


def _next_review_set(plan: TreatmentPlan) -> None:
    """review_due_on is one of the columns the lock leaves mutable on an active plan."""
    latest = PlanReview.objects.filter(plan=plan).order_by("-reviewed_on").first()
    assert latest is not None  # called right after creating one
    plan.review_due_on = latest.reviewed_on + datetime.timedelta(days=plan.program.plan_review_days)
    plan.save(update_fields=["review_due_on", "updated_at"])


# ---------------------------------------------------------------- reminders


def _reminder_text(row: DueRow) -> str:
    day = f"{row.due_on.day} {row.due_on:%b}"
    what = "A first treatment plan" if row.kind is DueKind.FIRST_PLAN else "A treatment plan review"
    when = f"was due on {day} and is overdue" if row.status.is_overdue else f"is due on {day}"
    link = getattr(settings, "IOP_BASE_URL", "") + reverse("treatment_plans:plans_due_mine")
    return f"{what} on your caseload {when}. Sign in to see which.\n\n{link}\n"


def reminder_dedupe_key(row: DueRow) -> str:
    """One email per (plan or episode, due date, due soon / overdue)."""
    subject = f"plan:{row.plan_id}" if row.plan_id else f"episode:{row.episode.pk}"
    return f"plan-reminder:{row.kind}:{subject}:{row.due_on.isoformat()}:{row.status.state}"


def plan_reminders_enqueue() -> int:
    """Queue a reminder to each responsible clinician; safe to run any number of times."""
    programs = Program.objects.filter(active=True).values_list("pk", flat=True)
    queued = 0
    with pghistory.context(task="plan_reminders_send"), transaction.atomic():
        for row in plans_due_or_overdue(program_ids=programs):
            clinician = row.clinician
            if clinician is None or not clinician.is_active or not clinician.email:
                continue  # the directors' list shows unassigned episodes
            message = outbox_enqueue(
                channel=Channel.EMAIL,
                recipient=clinician.email,
                subject="Treatment plan reminder",
                body=_reminder_text(row),
                dedupe_key=reminder_dedupe_key(row),
            )
            queued += message is not None
    return queued
