"""Today, for a clinician: my sessions in program time with who is expected and who has
arrived, the notes still to write or sign, clients short of their weekly hours, open
follow-ups, and my caseload. Every list is one query, whatever the day holds.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from intake.services.alerts import OpenAlert, alerts_for_user, safety_attach
from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.accounts.models import Program
from iop.audit.services import record_views_log
from iop.clients.models import Client, Episode, SafetyFlag
from iop.http import AuthedRequest
from iop.medications.access import reconciling_program_ids
from iop.medications.reviews import ReviewDue, due_in_words, reviews_due
from scheduling.access import charting_program_ids, get_followup_for
from scheduling.models import FollowUpTask, Session, SessionAttendee
from scheduling.services.followups import followup_complete, followups_open
from scheduling.services.hours import WeeklyHours, hours_shortfall
from scheduling.services.notes_due import notes_to_write, notes_unsigned
from scheduling.today_panels import today_panels
from scheduling.views.forms import FollowUpDoneForm
from scheduling.views.helpers import shortfall_in_words, with_counts
from scheduling.views.sessions import notes_url

CHART = permissions.CHART_SESSIONS


def my_sessions_today(user: Any, programs: list[Program]) -> list[Session]:
    on_their_day = Q(pk__in=[])
    for program in programs:
        on_their_day |= Q(program=program, occurs_on=program.today())
    expected = SessionAttendee.objects.expected().select_related("client")
    sessions: list[Session] = list(
        with_counts(Session.objects.filter(on_their_day, staff_links__user=user))
        .select_related("program", "group", "room")
        .prefetch_related(Prefetch("attendees", queryset=expected, to_attr="expected_list"))
        .order_by("starts_at")
    )
    for session in sessions:
        zone = session.program.zone
        session.local_start = session.starts_at.astimezone(zone)  # type: ignore[attr-defined]
        session.local_end = session.ends_at.astimezone(zone)  # type: ignore[attr-defined]
        session.notes_url = notes_url(session)  # type: ignore[attr-defined]
        session.started = session.program.now() >= session.starts_at  # type: ignore[attr-defined]
        # An individual, family or medication session is named by its client on Today.
        session.booked = [] if session.group_id else session.expected_list  # type: ignore[attr-defined]
    safety_attach(a.client for s in sessions for a in s.expected_list)  # type: ignore[attr-defined]
    return sessions


def alerts_today(user: Any, program_ids: set[Any], sessions: list[Session]) -> list[OpenAlert]:
    """Open safety alerts for this person, each with the sessions today that expect the
    client (why a session's staff see it)."""
    where: dict[Any, list[Session]] = {}
    for session in sessions:
        if session.is_cancelled:
            continue
        for attendee in session.expected_list:  # type: ignore[attr-defined]
            where.setdefault(attendee.client_id, []).append(session)
    alerts = alerts_for_user(user=user, program_ids=program_ids, expected_client_ids=where)
    for item in alerts:
        item.sessions = where.get(item.client.pk, [])  # type: ignore[attr-defined]
    return alerts


def next_session(sessions: list[Session]) -> Session | None:
    """Where the clinician's next click goes: attendance owed first, then what comes next."""
    for session in sessions:
        if session.started and not session.is_cancelled:  # type: ignore[attr-defined]
            if session.recorded_count < session.expected_count:  # type: ignore[attr-defined]
                return session
    return next(
        (s for s in sessions if not s.started and not s.is_cancelled),  # type: ignore[attr-defined]
        None,
    )


def caseload(user: Any) -> list[Episode]:
    flagged = SafetyFlag.objects.active().filter(client_id=OuterRef("client_id"))
    return list(
        Episode.objects.visible_to(user)
        .open()
        .filter(primary_clinician=user)
        .annotate(has_flag=Exists(flagged))
        .select_related("client", "level_of_care")
        .prefetch_related(
            Prefetch("client__safety_flags", SafetyFlag.objects.active(), to_attr="active_flags")
        )
        .order_by("-has_flag", "client__legal_last_name")
    )


def hours_flags(program_ids: set[Any], episodes: list[Episode]) -> list[dict[str, Any]]:
    """This week's shortfalls among my caseload, with the client each one is about."""
    mine = {e.pk: e.client for e in episodes}
    flags: list[WeeklyHours] = [
        h
        for h in hours_shortfall(program_ids=program_ids, episode_ids=list(mine))
        if h.episode_id in mine
    ]
    return [
        {"hours": h, "client": mine[h.episode_id], "text": shortfall_in_words(h)} for h in flags
    ]


def followup_rows(
    user: Any, program_ids: set[Any], errors: dict[Any, FollowUpDoneForm]
) -> list[FollowUpTask]:
    """Open follow-ups, each with its own "done" form (the refused one keeps its text)."""
    tasks = followups_open(user=user, program_ids=program_ids)
    for task in tasks:
        task.done_form = errors.get(task.pk) or FollowUpDoneForm(prefix=str(task.pk))  # type: ignore[attr-defined]
    return tasks


def psychiatric_reviews(user: Any) -> list[ReviewDue] | None:
    """For prescribers (RECONCILE_MEDICATIONS): reviews due soon or overdue in their
    programs; None for everyone else (no card)."""
    program_ids = reconciling_program_ids(user)
    if not program_ids:
        return None
    reviews = reviews_due(program_ids)
    for review in reviews:
        review.in_words = due_in_words(review)  # type: ignore[attr-defined]
    return reviews


def today_context(request: AuthedRequest, **extra: Any) -> dict[str, Any]:
    user = request.user
    programs = list(permissions.programs_with(user, CHART))
    program_ids = {p.pk for p in programs}
    sessions = my_sessions_today(user, programs)
    episodes = caseload(user)
    first = programs[0] if programs else None
    return {
        "alerts": alerts_today(user, program_ids, sessions),
        "today": first.today() if first else timezone.now().date(),
        "zone": first.time_zone if first else "UTC",
        "sessions": sessions,
        "next_session": next_session(sessions),
        "to_write": [
            {"item": item, "url": notes_url(item.session)}
            for item in notes_to_write(user=user, program_ids=program_ids)
        ],
        "unsigned": notes_unsigned(program_ids=program_ids, author=user),
        "hours_flags": hours_flags(program_ids, episodes),
        "followups": followup_rows(user, program_ids, extra.pop("errors", {})),
        "caseload": episodes,
        "panels": today_panels(user),
        "psych_reviews": psychiatric_reviews(user),
        **extra,
    }


def clients_shown(context: dict[str, Any]) -> list[Client]:
    """Everyone Today names: alerts, who is expected (a cancelled session still names its
    booked client), unsigned notes, hours, follow-ups, the caseload and psychiatric
    reviews due."""
    return [
        *(item.client for item in context["alerts"]),
        *(
            attendee.client
            for session in context["sessions"]
            for attendee in (session.booked if session.is_cancelled else session.expected_list)
        ),
        *(item.note.client for item in context["unsigned"]),
        *(flag["client"] for flag in context["hours_flags"]),
        *(task.client for task in context["followups"]),
        *(episode.client for episode in context["caseload"]),
        *(review.client for review in context["psych_reviews"] or []),
        *(client for shown in context["panels"] for client in shown.panel.clients(shown.context)),
    ]


def _today_page(request: AuthedRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    record_views_log(request=request, clients=clients_shown(context), page="Today")
    return render(request, "scheduling/today.html", context, status=status)


@require_GET
@capability_required(CHART)
def today(request: AuthedRequest) -> HttpResponse:
    return _today_page(request, today_context(request))


@require_POST
@capability_required(CHART)
def followup_done(request: AuthedRequest, task_id: UUID) -> HttpResponse:
    task = get_followup_for(request.user, task_id, CHART)
    form = FollowUpDoneForm(request.POST, prefix=str(task.pk))
    errors: dict[Any, FollowUpDoneForm] = {}
    if form.is_valid():
        try:
            followup_complete(task=task, outcome=form.cleaned_data["outcome"], actor=request.user)
        except ValidationError as error:
            form.add_error("outcome" if hasattr(error, "error_dict") else None, error)
    if form.errors:
        errors[task.pk] = form
    elif not request.htmx:
        messages.success(request, f"Follow-up for {task.client.display_name} done.")
        return redirect("scheduling:today")
    if request.htmx:
        program_ids = charting_program_ids(request.user)
        followups = followup_rows(request.user, program_ids, errors)
        context = {"followups": followups, "done": None if errors else task}
        shown = [task.client, *(t.client for t in followups)]
        record_views_log(request=request, clients=shown, page="Today: follow-ups")
        return render(request, "scheduling/today.html#followups", context)
    return _today_page(request, today_context(request, errors=errors), status=400)


urlpatterns: list[URLPattern] = [
    path("today/", today, name="today"),
    path("follow-ups/<uuid:task_id>/done/", followup_done, name="followup_done"),
]
