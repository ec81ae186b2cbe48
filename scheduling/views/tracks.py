"""Tracks (which days, which hours), their group blocks, closures, and enrolling a client.

Directors (MANAGE_SCHEDULE) set up tracks, blocks and closures. Enrolling an episode in a
track is part of admission and treatment planning, so it is open to whoever books sessions
(BOOK_SESSIONS: intake staff, clinicians, prescribers, directors), from the client's chart.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.accounts.models import Program
from iop.audit.services import record_view_log, record_views_log
from iop.clients.access import get_episode_for
from iop.http import AuthedRequest, form_add_service_errors, posted
from scheduling.access import get_track_block_for, get_track_for
from scheduling.models import WEEKDAY_NAMES, Closure, Track, TrackBlock, TrackEnrolment
from scheduling.services.calendar import block_save, closure_add, track_save
from scheduling.services.enrolment import track_enrol
from scheduling.views.forms import (
    BlockForm,
    ClosureForm,
    EnrolForm,
    TrackForm,
)

MANAGE = permissions.MANAGE_SCHEDULE
BOOK = permissions.BOOK_SESSIONS


def _tracks(program: Program) -> list[Track]:
    blocks = TrackBlock.objects.filter(active=True).select_related("group", "room")
    return list(
        Track.objects.filter(program=program)
        .annotate(enrolled=Count("enrolments", filter=Q(enrolments__ended_on__isnull=True)))
        .prefetch_related(Prefetch("blocks", queryset=blocks, to_attr="active_blocks"))
        .order_by("-active", "starts_at", "name")
    )


def _list_page(
    request: AuthedRequest, program: Program, closure_form: ClosureForm | None = None
) -> HttpResponse:
    today = program.today()
    context = {
        "program": program,
        "tracks": _tracks(program),
        "closures": Closure.objects.filter(program=program, date__gte=today).select_related(
            "track"
        ),
        "closure_form": closure_form or ClosureForm(program=program),
    }
    return render(request, "scheduling/tracks.html", context, status=400 if closure_form else 200)


@require_GET
@capability_required(MANAGE)
def track_list(request: AuthedRequest) -> HttpResponse:
    return _list_page(request, permissions.chosen_program(request, MANAGE))


@require_http_methods(["GET", "POST"])
@capability_required(MANAGE)
def track_create(request: AuthedRequest) -> HttpResponse:
    program = permissions.chosen_program(request, MANAGE)
    return _track_form(request, program, None)


@require_http_methods(["GET", "POST"])
@capability_required(MANAGE)
def track_edit(request: AuthedRequest, track_id: UUID) -> HttpResponse:
    track = get_track_for(request.user, track_id, MANAGE)
    return _track_form(request, track.program, track)


def _track_form(request: AuthedRequest, program: Program, track: Track | None) -> HttpResponse:
    initial: dict[str, Any] = {"starts_on": program.today()}
    if track:
        initial = {
            f: getattr(track, f)
            for f in ("name", "days", "starts_at", "ends_at", "starts_on", "active")
        }
    form = TrackForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = track_save(
                program=program, track=track, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"Track “{saved.name}” saved.")
            return redirect("scheduling:track_detail", saved.pk)
    context = {"form": form, "track": track, "program": program}
    return render(
        request, "scheduling/track_form.html", context, status=400 if form.errors else 200
    )


def _detail_page(
    request: AuthedRequest, track: Track, block_form: BlockForm | None = None
) -> HttpResponse:
    blocks = list(
        TrackBlock.objects.filter(track=track)
        .select_related("group", "room")
        .order_by("-active", "starts_at")
    )
    enrolments = list(
        TrackEnrolment.objects.current()
        .filter(track=track)
        .select_related("episode__client")
        .order_by("episode__client__legal_last_name")
    )
    record_views_log(request=request, clients=[e.episode.client for e in enrolments], page="Track")
    for block in blocks:
        block.day_list = ", ".join(WEEKDAY_NAMES[d] for d in sorted(block.days))  # type: ignore[attr-defined]
    context = {
        "track": track,
        "blocks": blocks,
        "enrolments": enrolments,
        "block_form": block_form or BlockForm(program=track.program),
    }
    return render(
        request, "scheduling/track_detail.html", context, status=400 if block_form else 200
    )


@require_GET
@capability_required(MANAGE)
def track_detail(request: AuthedRequest, track_id: UUID) -> HttpResponse:
    return _detail_page(request, get_track_for(request.user, track_id, MANAGE))


@require_POST
@capability_required(MANAGE)
def block_create(request: AuthedRequest, track_id: UUID) -> HttpResponse:
    track = get_track_for(request.user, track_id, MANAGE)
    form = BlockForm(request.POST, program=track.program)
    if form.is_valid():
        try:
            block_save(track=track, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['group'].name} added to {track.name}.")
            return redirect("scheduling:track_detail", track.pk)
    return _detail_page(request, track, block_form=form)


@require_http_methods(["GET", "POST"])
@capability_required(MANAGE)
def block_edit(request: AuthedRequest, track_id: UUID, block_id: UUID) -> HttpResponse:
    track = get_track_for(request.user, track_id, MANAGE)
    block = get_track_block_for(track, block_id)
    initial = {f: getattr(block, f) for f in ("group", "starts_at", "ends_at", "days", "room")}
    form = BlockForm(posted(request), program=track.program, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            block_save(track=track, block=block, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Block saved; sessions generated from now on follow it.")
            return redirect("scheduling:track_detail", track.pk)
    context = {"form": form, "track": track, "block": block}
    return render(
        request, "scheduling/block_form.html", context, status=400 if form.errors else 200
    )


@require_POST
@capability_required(MANAGE)
def closure_create(request: AuthedRequest) -> HttpResponse:
    program = permissions.chosen_program(request, MANAGE)
    form = ClosureForm(request.POST, program=program)
    if form.is_valid():
        try:
            closure_add(program=program, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Closed on {form.cleaned_data['date']:%a %d %b}: sessions that day are cancelled.",
            )
            return redirect("scheduling:tracks")
    return _list_page(request, program, closure_form=form)


@require_http_methods(["GET", "POST"])
@capability_required(BOOK)
def enrol(request: AuthedRequest, episode_id: UUID) -> HttpResponse:
    episode = get_episode_for(request.user, episode_id, BOOK, open_only=True)
    current = (
        TrackEnrolment.objects.current().filter(episode=episode).select_related("track").first()
    )
    initial = {"starts_on": episode.program.today()}
    form = EnrolForm(posted(request), program=episode.program, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            track_enrol(episode=episode, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{episode.client.display_name} enrolled in {form.cleaned_data['track'].name}; "
                "they are expected at its groups from that day.",
            )
            return redirect("clients:chart", episode.client_id)
    record_view_log(request=request, client=episode.client, page="Track enrolment")
    context = {"form": form, "episode": episode, "current": current}
    return render(request, "scheduling/enrol.html", context, status=400 if form.errors else 200)


urlpatterns: list[URLPattern] = [
    path("tracks/", track_list, name="tracks"),
    path("tracks/new/", track_create, name="track_create"),
    path("tracks/<uuid:track_id>/", track_detail, name="track_detail"),
    path("tracks/<uuid:track_id>/edit/", track_edit, name="track_edit"),
    path("tracks/<uuid:track_id>/blocks/", block_create, name="block_create"),
    path("tracks/<uuid:track_id>/blocks/<uuid:block_id>/", block_edit, name="block_edit"),
    path("closures/", closure_create, name="closure_create"),
    path("episodes/<uuid:episode_id>/track/", enrol, name="track_enrol"),
]
