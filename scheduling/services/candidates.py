"""Candidates for a change of level: the program flags, on its own, clients whose record
suggests a step up or a step down, with the rule that fired in words and its figures.

Each rule is small and named (RULES). Where a number is a judgment it is a program setting
(``Program.compliance_attendance_percent``, the reliable-change thresholds,
``step_down_weeks_at_level``); the few fixed in code are the constants below, named in the
rule's words so staff see them.

``candidates_evaluate(program, today)`` reads the record of every open episode of the
program in a fixed number of queries (attendance, scores, plan objectives, alerts, level
history, flags, each one query for the whole program), plus the drug screens, which
relapse_prevention owns and which scheduling reads only through the reports kernel: three
queries per client; and the rules the apps above contribute (``scheduling.candidate_rules``,
e.g. relapse_prevention's lapse rules), each reader one fixed set of queries for the whole
program. It raises the flags that fire, refreshes the figures of those still
firing, and resolves (keeps, never deletes) those that no longer do. Run again the same
day it changes nothing.

A flag dismissed, or proposed from, is not raised again for the same episode and rule for
QUIET_DAYS (14) days: a director who has just said "not now" is not asked again tomorrow.
While a proposal for the episode awaits a director no new flag is raised for it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from intake.models import InstrumentResult, SafetyAlert
from intake.report_sections import WORSENING, reliable_reading
from iop.accounts.models import RELIABLE_CHANGE, Program, User
from iop.clients.models import Episode, LevelOfCareChange
from iop.reports.clinical.compliance import attendance_percent
from iop.reports.clinical.content import draw_sections
from iop.reports.clinical.words import plural
from scheduling.access import can_approve_level_change
from scheduling.candidate_rules import candidate_rules, step_down_holds
from scheduling.models import (
    ATTENDED,
    Attendance,
    AttendeeStatus,
    CandidateStatus,
    Direction,
    LevelChangeCandidate,
    LevelChangeProposal,
    SessionAttendee,
    SessionStatus,
)
from scheduling.services.level_changes import levels_run_here
from treatment_plans.models import ObjectiveStatus, PlanObjective, PlanStatus

DAY = datetime.timedelta(days=1)


def short_day(day: datetime.date) -> str:
    return f"{day:%b} {day.day}"


SHORT_DAYS = 14  # step-up rules look at the last 2 weeks
LONG_DAYS = 28  # step-down looks at the last 4 weeks
QUIET_DAYS = 14  # a dismissed or proposed flag is not raised again for this long
# Fixed in code (defaults; say so in the rule's words):
MIN_SESSIONS_DUE = 3  # attendance is read only with at least this many sessions due
UNEXCUSED_UP = 2  # unexcused absences in 2 weeks suggesting a step up
FAILED_SCREENS_UP = 2  # failed drug screens in 2 weeks suggesting a step up
MEASURES = tuple(RELIABLE_CHANGE)  # PHQ-9, GAD-7, PCL-5
NAMES = {"phq9": "PHQ-9", "gad7": "GAD-7", "pcl5": "PCL-5"}


@dataclass
class Facts:
    """One open episode's record, as the rules read it."""

    episode: Episode
    visits: list[tuple[datetime.date, str]] = field(default_factory=list)
    scores: dict[str, list[tuple[datetime.date, Decimal]]] = field(default_factory=dict)
    objectives: list[tuple[str, datetime.date]] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)
    at_level_since: datetime.date | None = None
    screens: list[tuple[datetime.date, bool]] = field(default_factory=list)  # (day, failed)
    # What the rules contributed by apps above read (scheduling.candidate_rules), by reader.
    extra: dict[str, Any] = field(default_factory=dict)

    def attendance(self, since: datetime.date) -> dict[str, int]:
        kept = [a for day, a in self.visits if day >= since]
        attended = sum(a in ATTENDED for a in kept)
        unexcused = sum(a == Attendance.ABSENT_UNEXCUSED for a in kept)
        return {
            "scheduled": len(kept),
            "attended": attended,
            "unexcused": unexcused,
            "excused": sum(a == Attendance.ABSENT_EXCUSED for a in kept),
            "due": attended + unexcused,
            "percent": attendance_percent(attended, attended + unexcused),
        }

    def failed_screens(self, since: datetime.date) -> int:
        return sum(failed for day, failed in self.screens if day >= since)

    def worsenings(self, program: Program) -> list[dict[str, Any]]:
        """Measures with a reliable worsening since admission or since the previous score."""
        found = []
        for code, scores in self.scores.items():
            threshold = program.reliable_change(code)
            if threshold is None or len(scores) < 2:
                continue
            first, previous, latest = scores[0][1], scores[-2][1], scores[-1][1]
            for since, was in (("admission", first), ("the previous score", previous)):
                if reliable_reading(latest - was, threshold[0]) == WORSENING:
                    found.append(
                        {
                            "measure": NAMES[code],
                            "since": since,
                            "from": f"{was.normalize():f}",
                            "to": f"{latest.normalize():f}",
                            "threshold": threshold[0],
                            "confirmed": threshold[1],
                        }
                    )
                    break
        return found


@dataclass(frozen=True)
class Fired:
    rule: str
    direction: str
    rule_text: str
    figures: dict[str, Any]


Rule = Callable[[Facts, Program, datetime.date], Fired | None]


def attendance_low(facts: Facts, program: Program, today: datetime.date) -> Fired | None:
    counts = facts.attendance(today - (SHORT_DAYS - 1) * DAY)
    if (
        counts["due"] < MIN_SESSIONS_DUE
        or counts["percent"] >= program.compliance_attendance_percent
    ):
        return None
    return Fired(
        "attendance_low",
        Direction.UP,
        f"Attendance below the program's {program.compliance_attendance_percent}% over the "
        f"last 2 weeks (read once {MIN_SESSIONS_DUE} or more sessions were due)",
        {
            **counts,
            "text": f"Attended {counts['attended']} of "
            f"{plural(counts['due'], 'session', 'sessions')} due ({counts['percent']}%).",
        },
    )


def unexcused_absences(facts: Facts, program: Program, today: datetime.date) -> Fired | None:
    since = today - (SHORT_DAYS - 1) * DAY
    counts = facts.attendance(since)
    if counts["unexcused"] < UNEXCUSED_UP:
        return None
    days = sorted(d for d, a in facts.visits if d >= since and a == Attendance.ABSENT_UNEXCUSED)
    return Fired(
        "unexcused_absences",
        Direction.UP,
        f"{UNEXCUSED_UP} or more unexcused absences in the last 2 weeks",
        {
            "unexcused": counts["unexcused"],
            "text": f"{plural(counts['unexcused'], 'unexcused absence', 'unexcused absences')}: "
            + ", ".join(short_day(d) for d in days)
            + ".",
        },
    )


def _worsening_text(found: list[dict[str, Any]]) -> str:
    return " ".join(
        f"{w['measure']} from {w['from']} to {w['to']} since {w['since']} (reliable at "
        f"{w['threshold']} points{'' if w['confirmed'] else ', default, unconfirmed'})."
        for w in found
    )


def measures_worse(facts: Facts, program: Program, today: datetime.date) -> Fired | None:
    found = facts.worsenings(program)
    if not found:
        return None
    return Fired(
        "measures_worse",
        Direction.UP,
        "A reliable worsening on the PHQ-9, GAD-7 or PCL-5, since admission or since the "
        "previous score",
        {"measures": found, "text": _worsening_text(found)},
    )


def screens_failed(facts: Facts, program: Program, today: datetime.date) -> Fired | None:
    failed = facts.failed_screens(today - (SHORT_DAYS - 1) * DAY)
    if failed < FAILED_SCREENS_UP:
        return None
    return Fired(
        "screens_failed",
        Direction.UP,
        f"{FAILED_SCREENS_UP} or more drug screens counting against the client in the last "
        "2 weeks (unexplained positive, refused, no-show or tampered)",
        {"failed": failed, "text": f"{plural(failed, 'failed screen', 'failed screens')}."},
    )


def safety_alert(facts: Facts, program: Program, today: datetime.date) -> Fired | None:
    if not facts.alerts:
        return None
    return Fired(
        "safety_alert",
        Direction.UP,
        "A safety alert not yet acknowledged",
        {"alerts": facts.alerts, "text": "; ".join(a.rstrip(".") for a in facts.alerts) + "."},
    )


def ready_for_step_down(facts: Facts, program: Program, today: datetime.date) -> Fired | None:
    episode = facts.episode
    if episode.level_of_care.ordering <= _lowest_ordering(program):
        return None
    weeks = (today - (facts.at_level_since or episode.admitted_on)).days // 7
    if weeks < program.step_down_weeks_at_level:
        return None
    counts = facts.attendance(today - (LONG_DAYS - 1) * DAY)
    if counts["due"] == 0 or counts["attended"] < counts["due"]:
        return None
    if facts.failed_screens(today - (LONG_DAYS - 1) * DAY) or facts.alerts:
        return None
    if facts.worsenings(program):
        return None
    holds = step_down_holds()
    if any(hold.holds(facts, program, today) for hold in holds):
        return None
    if not facts.objectives or not all(
        status == ObjectiveStatus.MET or (status == ObjectiveStatus.IN_PROGRESS and target >= today)
        for status, target in facts.objectives
    ):
        return None
    met = sum(status == ObjectiveStatus.MET for status, _ in facts.objectives)
    return Fired(
        "ready_for_step_down",
        Direction.DOWN,
        "Plan objectives met or on track, full attendance over the last 4 weeks, no failed "
        "drug screen, no reliable worsening, no open safety alert, "
        + "".join(f"{hold.words}, " for hold in holds)
        + f"and {plural(program.step_down_weeks_at_level, 'week', 'weeks')} or more at this "
        "level",
        {
            "weeks_at_level": weeks,
            "attended": counts["attended"],
            "objectives": len(facts.objectives),
            "met": met,
            "text": f"{weeks} weeks at ASAM {episode.level_of_care.code}; attended all "
            f"{plural(counts['attended'], 'session', 'sessions')} due in 4 weeks; "
            f"{met} of {plural(len(facts.objectives), 'objective', 'objectives')} met, "
            "the rest on track.",
        },
    )


RULES: list[Rule] = [
    attendance_low,
    unexcused_absences,
    measures_worse,
    screens_failed,
    safety_alert,
    ready_for_step_down,
]

_lowest: dict[str, int] = {}


def _lowest_ordering(program: Program) -> int:
    if program.asam_edition not in _lowest:
        first = levels_run_here(program).first()
        _lowest[program.asam_edition] = first.ordering if first else 0
    return _lowest[program.asam_edition]


# ---------------------------------------------------------------- reading the record


def episode_facts(program: Program, today: datetime.date) -> list[Facts]:
    """The record of every open episode of the program, as the rules read it."""
    episodes = list(
        Episode.objects.open()
        .filter(program=program, admitted_on__lte=today)
        .select_related("client", "client__program", "level_of_care", "program")
    )
    by_id = {e.pk: Facts(episode=e) for e in episodes}
    by_client = {e.client_id: by_id[e.pk] for e in episodes}
    if not episodes:
        return []
    long_start = today - (LONG_DAYS - 1) * DAY
    for episode_id, day, attendance in (
        SessionAttendee.objects.filter(
            episode_id__in=by_id,
            status=AttendeeStatus.EXPECTED,
            session__status=SessionStatus.SCHEDULED,
            session__occurs_on__range=(long_start, today),
        )
        .exclude(attendance=Attendance.CANCELLED_BY_PROGRAM)
        .values_list("episode_id", "session__occurs_on", "attendance")
    ):
        by_id[episode_id].visits.append((day, attendance))
    earliest = min(e.admitted_on for e in episodes)
    for client_id, code, at, score in (
        InstrumentResult.objects.filter(
            client_id__in=by_client,
            instrument__in=MEASURES,
            administered_at__gte=datetime.datetime.combine(
                earliest, datetime.time.min, tzinfo=program.zone
            ),
        )
        .order_by("administered_at")
        .values_list("client_id", "instrument", "administered_at", "score")
    ):
        facts = by_client[client_id]
        day = program.local_date(at)
        if facts.episode.admitted_on <= day <= today:
            facts.scores.setdefault(code, []).append((day, score))
    for episode_id, status, target in (
        PlanObjective.objects.filter(
            goal__problem__plan__episode_id__in=by_id,
            goal__problem__plan__status=PlanStatus.ACTIVE,
        )
        .exclude(status__in=[ObjectiveStatus.REVISED, ObjectiveStatus.DISCONTINUED])
        .values_list("goal__problem__plan__episode_id", "status", "target_date")
    ):
        by_id[episode_id].objectives.append((status, target))
    for client_id, reason in (
        SafetyAlert.objects.open()
        .filter(client_id__in=by_client)
        .values_list("client_id", "reason")
    ):
        by_client[client_id].alerts.append(reason)
    for episode_id, effective_on in LevelOfCareChange.objects.filter(
        episode_id__in=by_id, effective_on__lte=today
    ).values_list("episode_id", "effective_on"):
        facts = by_id[episode_id]
        if facts.at_level_since is None or effective_on > facts.at_level_since:
            facts.at_level_since = effective_on
    for facts in by_id.values():
        facts.screens = _screens(facts.episode, long_start, today)
    read: set[str] = set()
    readers = [(c.reader_key or c.key, c.reader) for c in candidate_rules()]
    readers += [(h.reader_key or h.key, h.reader) for h in step_down_holds()]
    for key, reader in readers:
        if key not in read:
            reader(program, today, by_id)
            read.add(key)
    return list(by_id.values())


def all_rules() -> list[Rule]:
    """scheduling's own rules, then those the apps above contribute."""
    return [*RULES, *(c.rule for c in candidate_rules())]


def _screens(
    episode: Episode, start: datetime.date, today: datetime.date
) -> list[tuple[datetime.date, bool]]:
    """The period's drug screens (relapse_prevention's), as the reports kernel draws them."""
    start = max(start, episode.admitted_on)
    drawn = draw_sections(
        ["drug_screens"], client=episode.client, episode=episode, start=start, end=today
    )
    rows = drawn[0].get("screens", []) if drawn else []
    return [(datetime.date.fromisoformat(r["date"]), bool(r["counts_against"])) for r in rows]


# ---------------------------------------------------------------- raising and resolving


@transaction.atomic
def candidates_evaluate(program: Program, today: datetime.date | None = None) -> dict[str, int]:
    """Raise, refresh and resolve the program's flags for ``today`` (its local day)."""
    today = today or program.today()
    facts = episode_facts(program, today)
    open_flags = {
        (c.episode_id, c.direction, c.rule): c
        for c in LevelChangeCandidate.objects.open().filter(program=program).select_for_update()
    }
    quiet = set(
        LevelChangeCandidate.objects.filter(
            program=program,
            status__in=[CandidateStatus.DISMISSED, CandidateStatus.PROPOSED],
            closed_on__gt=today - QUIET_DAYS * DAY,
        ).values_list("episode_id", "direction", "rule")
    )
    pending = set(
        LevelChangeProposal.objects.pending()
        .filter(program=program)
        .values_list("episode_id", flat=True)
    )
    done = {"raised": 0, "updated": 0, "resolved": 0}
    firing: set[tuple[Any, str, str]] = set()
    rules = all_rules()
    for fact in facts:
        for rule in rules:
            fired = rule(fact, program, today)
            if fired is None:
                continue
            key = (fact.episode.pk, fired.direction, fired.rule)
            existing = open_flags.get(key)
            if existing is not None:
                firing.add(key)
                if existing.figures != fired.figures or existing.rule_text != fired.rule_text:
                    existing.figures, existing.rule_text = fired.figures, fired.rule_text
                    existing.last_fired_on = today
                    existing.save(update_fields=["figures", "rule_text", "last_fired_on"])
                    done["updated"] += 1
                continue
            if key in quiet or fact.episode.pk in pending:
                continue
            LevelChangeCandidate.objects.create(
                episode=fact.episode,
                client=fact.episode.client,
                program=program,
                direction=fired.direction,
                rule=fired.rule,
                rule_text=fired.rule_text,
                figures=fired.figures,
                flagged_on=today,
                last_fired_on=today,
            )
            firing.add(key)
            done["raised"] += 1
    for key, flag in open_flags.items():
        if key not in firing:
            flag.status = CandidateStatus.RESOLVED
            flag.closed_on = today
            flag.save(update_fields=["status", "closed_on"])
            done["resolved"] += 1
    return done


def candidates_evaluate_due(now: datetime.datetime | None = None) -> int:
    """Beat (hourly): each active program once on its own local day, from 06:00 there.
    A rerun the same day changes nothing; the cache only saves the work."""
    now = now or timezone.now()
    evaluated = 0
    for program in Program.objects.filter(active=True):
        local = timezone.localtime(now, program.zone)
        if local.hour < 6:
            continue
        if not cache.add(f"level-candidates:{program.pk}:{local.date()}", 1, 2 * 24 * 3600):
            continue
        candidates_evaluate(program, local.date())
        evaluated += 1
    return evaluated


def candidates_open_count(program: Program) -> int:
    """Open flags of the program (a figure for the census)."""
    return LevelChangeCandidate.objects.open().filter(program=program).count()


@transaction.atomic
def candidate_dismiss(*, candidate: LevelChangeCandidate, by: User, reason: str) -> None:
    candidate = LevelChangeCandidate.objects.select_for_update().get(pk=candidate.pk)
    if not can_approve_level_change(by, candidate.program):
        raise PermissionDenied("Only a director dismisses a flag.")
    if candidate.status != CandidateStatus.OPEN:
        raise ValidationError("This flag is no longer open.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the flag is dismissed."})
    candidate.status = CandidateStatus.DISMISSED
    candidate.dismissed_by = by
    candidate.dismissed_at = timezone.now()
    candidate.dismissed_reason = reason
    candidate.closed_on = candidate.program.today()
    candidate.save(
        update_fields=["status", "dismissed_by", "dismissed_at", "dismissed_reason", "closed_on"]
    )
