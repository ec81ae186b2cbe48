"""Scheduling's part of a discharge: who makes the follow-up calls, and setting them.

Two steps registered with the kernel (``iop.clients.discharge_steps``):
- every kind: a primary clinician to make the follow-up calls 7 and 30 days after discharge;
- "lost to contact": at least two outreach attempts recorded in the 30 days before (the
  follow-ups after unexcused absences, marked done with what happened), so a client is
  never closed as out of touch without the program having tried to reach them.

When the episode closes (``episode_discharged``, inside the closing transaction) the two
calls become follow-up tasks for the primary clinician, shown on Today from their day. The
clinician is emailed on the day, with no client name in the message; the client is told on
the day only if they chose reminders, by their channel, in their discreet wording, and never
in the program's quiet hours.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q
from django.urls import reverse

from iop.accounts import permissions
from iop.clients.discharge_steps import DischargeStep, discharge_missing, register_discharge_step
from iop.clients.models import DischargeReason, Episode
from iop.notifications.models import Channel
from iop.notifications.services import outbox_enqueue
from iop.reports.clinical.words import day_text
from scheduling.models import FollowUpKind, FollowUpStatus, FollowUpTask
from scheduling.today_panels import TodayPanel, register_today_panel

CALL_DAYS = (7, 30)
OUTREACH_ATTEMPTS = 2
OUTREACH_DAYS = 30
CLIENT_SUBJECT = "A call from your care team"
# Today lists the discharges of the coming week (and any whose day has passed) that still
# miss a step; a few, since each one's steps are read.
UPCOMING_DAYS = 7
SHOWN = 5


def call_days(discharged_on: datetime.date) -> list[datetime.date]:
    return [discharged_on + datetime.timedelta(days=days) for days in CALL_DAYS]


def _calls_step(episode: Episode, kind: str, on: datetime.date) -> DischargeStep:
    days = " and ".join(day_text(day) for day in call_days(on))
    clinician = episode.primary_clinician
    if clinician is None:
        return DischargeStep(
            key="follow_up_calls",
            title="Follow-up calls at 7 and 30 days",
            done=False,
            detail="No primary clinician to make them: assign one on the chart",
            url=reverse("clients:chart", args=[episode.client_id]),
            link_text="Open the chart",
        )
    return DischargeStep(
        key="follow_up_calls",
        title="Follow-up calls at 7 and 30 days",
        done=True,
        detail=f"Set for {clinician.get_full_name()} on {days} when the episode closes",
    )


def _outreach_step(episode: Episode, kind: str, on: datetime.date) -> DischargeStep | None:
    if kind != DischargeReason.LOST_TO_CONTACT:
        return None
    since = on - datetime.timedelta(days=OUTREACH_DAYS)
    attempts = FollowUpTask.objects.filter(
        episode=episode,
        status=FollowUpStatus.DONE,
        due_on__gte=since,
        kind=FollowUpKind.ABSENCE,
    ).count()
    return DischargeStep(
        key="outreach",
        title="Attempts to reach the client",
        done=attempts >= OUTREACH_ATTEMPTS,
        detail=f"{attempts} of {OUTREACH_ATTEMPTS} recorded since {day_text(since)}"
        + ("" if attempts >= OUTREACH_ATTEMPTS else ": record each call on Today when made"),
        url=None if attempts >= OUTREACH_ATTEMPTS else reverse("scheduling:today"),
        link_text="" if attempts >= OUTREACH_ATTEMPTS else "Open Today",
    )


def _send_at(program: Any, day: datetime.date) -> datetime.datetime:
    """The morning of the call: when the program's quiet hours end."""
    return program.at(day, program.quiet_hours_end)  # type: ignore[no-any-return]


def _client_text(episode: Episode) -> tuple[str, str]:
    if episode.client.reminder_discreet:
        return CLIENT_SUBJECT, "Someone from your care team will call you today to check in."
    program = episode.program
    return (
        f"A call from {program.name}",
        f"{program.name}: your counselor will call you today to see how you are doing "
        "since the program. Reply or call us if another time suits you better.",
    )


def _client_recipient(episode: Episode) -> tuple[str, str] | None:
    client = episode.client
    if client.reminder_channel == Channel.EMAIL and client.email:
        return Channel.EMAIL, client.email
    if client.reminder_channel == Channel.SMS and client.phone:
        return Channel.SMS, client.phone
    return None


def follow_up_calls_set(
    sender: Any, *, episode: Episode, discharged_on: datetime.date, by: Any, **kwargs: Any
) -> None:
    """On discharge (same transaction): the calls at 7 and 30 days, and their messages."""
    clinician = episode.primary_clinician
    recipient = _client_recipient(episode)
    for days, due_on in zip(CALL_DAYS, call_days(discharged_on), strict=True):
        task = FollowUpTask.objects.create(
            program=episode.program,
            client=episode.client,
            episode=episode,
            kind=FollowUpKind.DISCHARGE_CALL,
            assigned_to=clinician,
            summary=f"Call {episode.client.display_name} {days} days after discharge: "
            "how they are doing, aftercare appointments kept, any help needed"[:200],
            due_on=due_on,
            created_by=by,
        )
        send_at = _send_at(episode.program, due_on)
        if clinician is not None and clinician.email:
            outbox_enqueue(
                channel=Channel.EMAIL,
                recipient=clinician.email,
                subject="A follow-up call after discharge is due today",
                body="A follow-up call after discharge is due today. Open Today in the "
                "program's app to see who and mark it done.",
                dedupe_key=f"discharge-call:{task.pk}:clinician",
                send_after=send_at,
            )
        if recipient is not None:
            channel, address = recipient
            subject, body = _client_text(episode)
            outbox_enqueue(
                channel=channel,
                recipient=address,
                subject=subject,
                body=body,
                dedupe_key=f"discharge-call:{task.pk}:client",
                send_after=send_at,
            )


def waiting_context(user: Any, programs: list[Any]) -> dict[str, Any]:
    """Recorded discharges of the coming week still missing a step: the user's own clients,
    and every one in the programs where the user discharges (directors)."""
    discharging = [p.pk for p in programs if permissions.can(user, permissions.DISCHARGE, p)]
    latest = max((p.today() for p in programs), default=None)
    if latest is None:
        return {"rows": []}
    episodes = (
        Episode.objects.discharge_planned()
        .filter(program__in=programs)
        .filter(Q(primary_clinician=user) | Q(program_id__in=discharging))
        .filter(discharge_planned_on__lte=latest + datetime.timedelta(days=UPCOMING_DAYS))
        .select_related("program", "client", "client__program", "primary_clinician")
        .order_by("discharge_planned_on", "client__legal_last_name")[: SHOWN * 2]
    )
    rows = []
    for episode in episodes:
        planned_on = episode.discharge_planned_on
        assert planned_on is not None  # discharge_planned() holds only dated ones
        missing = discharge_missing(episode, episode.discharge_planned_reason, planned_on)
        if missing:
            rows.append(
                {
                    "episode": episode,
                    "missing": missing,
                    "past": planned_on < episode.program.today(),
                    "may_discharge": episode.program_id in discharging,
                }
            )
        if len(rows) == SHOWN:
            break
    return {"rows": rows}


def waiting_clients(context: dict[str, Any]) -> list[Any]:
    return [row["episode"].client for row in context["rows"]]


def register() -> None:
    register_discharge_step("follow_up_calls", 40, _calls_step)
    register_discharge_step("outreach", 45, _outreach_step)
    register_today_panel(
        TodayPanel(
            key="discharges_waiting",
            order=25,
            template="scheduling/_today_discharges.html",
            capability=permissions.CHART_SESSIONS,
            context=waiting_context,
            clients=waiting_clients,
        )
    )
