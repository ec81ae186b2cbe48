"""Readiness reassessed while trauma processing runs (CLINICAL.md, "Trauma processing
measures"): the signs of looping, flooding or poor recovery, read from the signed notes'
SUDS, the check-ins and the DES-II, each with its figures and the program setting that fired.

- Stalled: end-of-session SUDS not falling across the last ``processing_stall_sessions``
  signed processing notes on the same target (the latest end SUDS at or above the first of
  them); fewer sessions than that give no sign.
- Distress still high: the latest processing session ended at or above
  ``processing_high_suds``; or the first standing check-in after it had a mood at or below
  the client's own baseline less ``checkin_rise_points`` (poor recovery between sessions).
- Rising dissociation: a DES-II after admission at least ``processing_dissociation_rise``
  above the one before, or at 30 or more where the one before was below.

Signs from before the latest confirmed decision were answered by it and are not shown again;
a new sign after it shows. The batch form reads any number of plans in four queries.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.utils.formats import date_format

from intake.models import InstrumentResult
from intake.readiness import DES_CAUTION
from iop.accounts.models import Program
from relapse_prevention.baselines import Baseline, baseline_from
from relapse_prevention.models import CheckIn, ProcessingDecision
from scheduling.models import ProcessingModality, ProgressNote
from treatment_plans.models import Phase, PlanStatus, TreatmentPlan
from treatment_plans.services.gate import plain

STALLED = "Stalled"
HIGH = "Distress still high"
DISSOCIATION = "Rising dissociation"


@dataclass(frozen=True)
class Sign:
    title: str
    text: str  # what happened, with its figures
    rule: str  # the setting that fired, with its value
    at: datetime.datetime  # when the evidence arrived

    def __str__(self) -> str:
        return f"{self.title}: {self.text} ({self.rule})"


@dataclass(frozen=True)
class Measured:
    """One signed processing session's measures."""

    day: datetime.date
    modality: str
    target: str
    suds_start: int
    suds_end: int
    voc_end: int | None
    ends_at: datetime.datetime
    signed_at: datetime.datetime

    @property
    def key(self) -> tuple[str, str]:
        return (self.modality, self.target)


@dataclass(frozen=True)
class TargetSessions:
    label: str  # "EMDR: memory 2"; shown on the plan page only
    sessions: list[Measured]


@dataclass
class ProcessingStatus:
    in_processing: bool
    signs: list[Sign] = field(default_factory=list)
    targets: list[TargetSessions] = field(default_factory=list)
    decisions: list[ProcessingDecision] = field(default_factory=list)  # newest first

    @property
    def pending(self) -> ProcessingDecision | None:
        return next((d for d in self.decisions if d.confirmed_at is None), None)

    @property
    def latest_confirmed(self) -> ProcessingDecision | None:
        return next((d for d in self.decisions if d.confirmed_at is not None), None)

    @property
    def to_review(self) -> bool:
        """Signs shown and no decision recorded on them yet."""
        return bool(self.signs) and self.pending is None

    @property
    def label(self) -> str:
        if not self.in_processing:
            return "Not in trauma processing"
        if not self.signs:
            return "On track"
        if self.pending is not None:
            return "Pacing decision awaiting a supervisor's confirmation"
        return "Pacing to review"

    def signs_text(self) -> str:
        return "\n".join(str(sign) for sign in self.signs)


def target_label(modality: str, target: str) -> str:
    name = ProcessingModality(modality).label if modality in ProcessingModality.values else modality
    return f"{name}: {target}" if target else name


def _day(moment: datetime.datetime, program: Program) -> str:
    return date_format(program.local(moment), "M j")


# ---------------------------------------------------------------- the rules


def stalled_signs(sessions: list[Measured], program: Program) -> list[Sign]:
    """Per target: the last N sessions' end SUDS, the latest not below the first."""
    count = program.processing_stall_sessions
    by_target: dict[tuple[str, str], list[Measured]] = defaultdict(list)
    for session in sessions:
        by_target[session.key].append(session)
    signs = []
    for (modality, target), rows in by_target.items():
        last = rows[-count:]
        if len(last) < count or last[-1].suds_end < last[0].suds_end:
            continue
        figures = ", ".join(str(row.suds_end) for row in last)
        signs.append(
            Sign(
                STALLED,
                f"end-of-session distress on {target_label(modality, target)} has not fallen "
                f"across the last {count} sessions (SUDS at the end: {figures})",
                f"setting: {count} processing sessions without falling distress",
                last[-1].signed_at,
            )
        )
    return signs


def high_signs(
    sessions: list[Measured],
    check_ins: list[dict[str, Any]],
    baseline: Baseline | None,
    program: Program,
) -> list[Sign]:
    """The latest session's end SUDS, and the first check-in after it against the baseline."""
    if not sessions:
        return []
    latest = max(sessions, key=lambda s: s.ends_at)
    high = program.processing_high_suds
    signs = []
    when = date_format(latest.day, "M j")
    if latest.suds_end >= high:
        signs.append(
            Sign(
                HIGH,
                f"the session of {when} ended at SUDS {latest.suds_end}",
                f"setting: an end-of-session SUDS of {high} or more",
                latest.signed_at,
            )
        )
    after = next((c for c in check_ins if c["recorded_at"] > latest.ends_at), None)
    rise = program.checkin_rise_points
    if after is not None and baseline is not None and after["mood"] <= baseline.mood - rise:
        signs.append(
            Sign(
                HIGH,
                f"poor recovery: the first check-in after the session of {when} "
                f"({_day(after['recorded_at'], program)}) had mood {after['mood']}, "
                f"against the client's baseline of {plain(baseline.mood)}",
                f"setting: mood {rise} or more points below the baseline",
                after["recorded_at"],
            )
        )
    return signs


def dissociation_signs(
    results: list[dict[str, Any]], admitted_on: datetime.date, program: Program
) -> list[Sign]:
    """Each DES-II after admission against the one before it."""
    rise = program.processing_dissociation_rise
    signs = []
    for before, result in zip(results, results[1:], strict=False):
        if program.local_date(result["administered_at"]) < admitted_on:
            continue
        score, prior = plain(Decimal(result["score"])), plain(Decimal(before["score"]))
        if score - prior >= rise or (score >= DES_CAUTION > prior):
            signs.append(
                Sign(
                    DISSOCIATION,
                    f"DES-II {score} on {_day(result['administered_at'], program)}, "
                    f"up from {prior} on {_day(before['administered_at'], program)}",
                    f"setting: a rise of {rise} points, or reaching {DES_CAUTION} from below",
                    result["administered_at"],
                )
            )
    return signs


# ---------------------------------------------------------------- reading them, in batch


def _sessions_by_episode(episode_ids: list[Any]) -> dict[Any, list[Measured]]:
    rows = (
        ProgressNote.objects.signed()
        .filter(episode_id__in=episode_ids, suds_start__isnull=False, suds_end__isnull=False)
        .exclude(processing_modality="")
        .order_by("session__starts_at", "signed_at")
        .values(
            "episode_id",
            "processing_modality",
            "processing_target",
            "suds_start",
            "suds_end",
            "voc_end",
            "signed_at",
            "session__occurs_on",
            "session__ends_at",
        )
    )
    found: dict[Any, list[Measured]] = defaultdict(list)
    for row in rows:
        found[row["episode_id"]].append(
            Measured(
                day=row["session__occurs_on"],
                modality=row["processing_modality"],
                target=row["processing_target"],
                suds_start=int(row["suds_start"] or 0),  # both not null, filtered above
                suds_end=int(row["suds_end"] or 0),
                voc_end=row["voc_end"],
                ends_at=row["session__ends_at"],
                signed_at=cast(datetime.datetime, row["signed_at"]),
            )
        )
    return found


def _check_ins_by_episode(episode_ids: list[Any]) -> dict[Any, list[dict[str, Any]]]:
    rows = (
        CheckIn.objects.standing()
        .filter(episode_id__in=episode_ids)
        .order_by("recorded_at")
        .values("episode_id", "craving", "mood", "recorded_at")
    )
    found: dict[Any, list[Any]] = defaultdict(list)
    for row in rows:
        found[row["episode_id"]].append(row)
    return found


def _des_by_client(client_ids: list[Any]) -> dict[Any, list[dict[str, Any]]]:
    rows = (
        InstrumentResult.objects.filter(client_id__in=client_ids, instrument="des2")
        .order_by("administered_at", "created_at")
        .values("client_id", "score", "administered_at")
    )
    found: dict[Any, list[Any]] = defaultdict(list)
    for row in rows:
        found[row["client_id"]].append(row)
    return found


def _decisions_by_episode(episode_ids: list[Any]) -> dict[Any, list[ProcessingDecision]]:
    rows = (
        ProcessingDecision.objects.filter(episode_id__in=episode_ids)
        .select_related("decided_by", "confirmed_by")
        .order_by("-created_at")
    )
    found: dict[Any, list[ProcessingDecision]] = defaultdict(list)
    for row in rows:
        found[row.episode_id].append(row)
    return found


def _targets(sessions: list[Measured]) -> list[TargetSessions]:
    by_target: dict[tuple[str, str], list[Measured]] = defaultdict(list)
    for session in sessions:
        by_target[session.key].append(session)
    return [TargetSessions(target_label(*key), rows) for key, rows in by_target.items()]


def processing_statuses(plans: Sequence[TreatmentPlan]) -> dict[Any, ProcessingStatus]:
    """Each plan's episode's status, keyed by episode id; four queries for any number.

    ``plans`` need their ``program`` and ``episode`` loaded (``select_related``)."""
    episode_ids = [plan.episode_id for plan in plans]
    if not episode_ids:
        return {}
    sessions = _sessions_by_episode(episode_ids)
    check_ins = _check_ins_by_episode(episode_ids)
    des = _des_by_client([plan.client_id for plan in plans])
    decisions = _decisions_by_episode(episode_ids)
    statuses = {}
    for plan in plans:
        key = plan.episode_id
        status = ProcessingStatus(
            in_processing=plan.phase == Phase.PROCESSING and plan.episode.is_open,
            targets=_targets(sessions[key]),
            decisions=decisions[key],
        )
        if status.in_processing:
            status.signs = _open_signs(
                plan, sessions[key], check_ins[key], des[plan.client_id], status
            )
        statuses[key] = status
    return statuses


def _open_signs(
    plan: TreatmentPlan,
    sessions: list[Measured],
    check_ins: list[dict[str, Any]],
    des: list[dict[str, Any]],
    status: ProcessingStatus,
) -> list[Sign]:
    program = plan.program
    baseline = baseline_from((c["craving"], c["mood"]) for c in check_ins)
    signs = [
        *stalled_signs(sessions, program),
        *high_signs(sessions, check_ins, baseline, program),
        *dissociation_signs(des, plan.episode.admitted_on, program),
    ]
    answered = status.latest_confirmed
    if answered is not None:
        signs = [sign for sign in signs if sign.at > answered.created_at]
    return signs


def processing_status(plan: TreatmentPlan) -> ProcessingStatus:
    return processing_statuses([plan])[plan.episode_id]


def current_plans_in_processing(**filters: Any) -> list[TreatmentPlan]:
    """Each open episode's current plan version (draft or active) when it is in processing."""
    plans = (
        TreatmentPlan.objects.filter(
            status__in=(PlanStatus.DRAFT, PlanStatus.ACTIVE),
            episode__discharged_on__isnull=True,
            **filters,
        )
        .select_related("episode", "client", "program")
        .order_by("episode_id", "-version")
        .distinct("episode_id")
    )
    return [plan for plan in plans if plan.phase == Phase.PROCESSING]
