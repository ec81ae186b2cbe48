"""The aftercare plan page: what continues after the program, the appointments made and the
people to call. Clinicians and directors of the program write it while the episode is open;
everyone who reads the clinical record reads it; after discharge it is read-only.

Each form posts to its own small view. With htmx the answer is the page body
(``#aftercare-body``) so the lists and every form stay in step; without JavaScript a saved
change redirects back to the page and a refused one shows the page with the message.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget

from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.models import Client, Episode
from iop.http import AuthedRequest
from iop.phones import phone_display
from treatment_plans.access import (
    AFTERCARE_READ,
    AFTERCARE_WRITE,
    can_edit_aftercare,
    get_aftercare_episode_for,
)
from treatment_plans.forms.aftercare import AppointmentForm, ContactForm, ContinuingCareForm
from treatment_plans.services import aftercare as services

TEMPLATE = "treatment_plans/aftercare/page.html"


def _context(
    request: AuthedRequest, episode: Episode, **forms_given: forms.Form | None
) -> dict[str, Any]:
    view = services.aftercare_read(episode)
    can_edit = episode.discharged_on is None and can_edit_aftercare(request.user, episode)
    care = forms_given.get("care") or ContinuingCareForm(
        initial={"continuing_care": view.plan.continuing_care if view.plan else ""}
    )
    return {
        "client": Client.objects.with_chart_header().get(pk=episode.client_id),
        "episode": episode,
        "plan": view.plan,
        "appointments": [
            {
                "row": a,
                "when": services.appointment_time_text(a, episode),
                "phone": phone_display(a.phone),
            }
            for a in view.appointments
        ],
        "contacts": [{"row": c, "phone": phone_display(c.phone)} for c in view.contacts],
        "can_edit": can_edit,
        "closed": episode.discharged_on is not None,
        "care_form": care,
        "appointment_form": forms_given.get("appointment")
        or AppointmentForm(program=episode.program),
        "contact_form": forms_given.get("contact") or ContactForm(),
        "page_error": forms_given.get("page_error"),
        "saved": forms_given.get("saved"),
    }


def _page(
    request: AuthedRequest, episode: Episode, status: int = 200, **forms_given: Any
) -> HttpResponse:
    record_view_log(request=request, client=episode.client, page="Aftercare plan")
    context = _context(request, episode, **forms_given)
    if request.htmx:
        # htmx swaps only 2xx answers, so a refusal comes back as 200 in the fragment.
        response = render(request, f"{TEMPLATE}#aftercare-body", context)
        return reswap(retarget(response, "#aftercare-body"), "outerHTML")
    return render(request, TEMPLATE, context, status=status)


def _saved(request: AuthedRequest, episode: Episode, text: str) -> HttpResponse:
    if request.htmx:
        return _page(request, episode, saved=text)
    messages.success(request, text)
    return redirect("treatment_plans:aftercare", episode.pk)


def _refused(request: AuthedRequest, episode: Episode, error: ValidationError) -> HttpResponse:
    """A refusal that names no field (the episode closed meanwhile): the page says it."""
    return _page(request, episode, status=400, page_error=" ".join(error.messages))


@require_GET
@capability_required(AFTERCARE_READ)
def aftercare(request: AuthedRequest, episode_id: UUID) -> HttpResponse:
    episode = get_aftercare_episode_for(request.user, episode_id, AFTERCARE_READ)
    return _page(request, episode)


@require_POST
@capability_required(AFTERCARE_WRITE)
def aftercare_care(request: AuthedRequest, episode_id: UUID) -> HttpResponse:
    episode = get_aftercare_episode_for(request.user, episode_id, AFTERCARE_WRITE)
    form = ContinuingCareForm(request.POST)
    if form.is_valid():
        try:
            services.aftercare_care_save(
                episode=episode, by=request.user, text=form.cleaned_data["continuing_care"]
            )
        except ValidationError as error:
            return _refused(request, episode, error)
        return _saved(request, episode, "What continues after the program is saved.")
    return _page(request, episode, status=400, care=form)


@require_POST
@capability_required(AFTERCARE_WRITE)
def aftercare_appointment_add(request: AuthedRequest, episode_id: UUID) -> HttpResponse:
    episode = get_aftercare_episode_for(request.user, episode_id, AFTERCARE_WRITE)
    form = AppointmentForm(request.POST, program=episode.program)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.aftercare_appointment_add(
                episode=episode,
                by=request.user,
                kind=data["kind"],
                with_whom=data["with_whom"],
                starts_at=form.starts_at(),
                place=data["place"],
                phone=data["phone"],
                notes=data["notes"],
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                return _refused(request, episode, error)
            form.add_service_errors(error.message_dict)
        else:
            return _saved(request, episode, "Appointment added.")
    return _page(request, episode, status=400, appointment=form)


@require_POST
@capability_required(AFTERCARE_WRITE)
def aftercare_contact_add(request: AuthedRequest, episode_id: UUID) -> HttpResponse:
    episode = get_aftercare_episode_for(request.user, episode_id, AFTERCARE_WRITE)
    form = ContactForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.aftercare_contact_add(
                episode=episode,
                by=request.user,
                name=data["name"],
                role=data["role"],
                phone=data["phone"],
                when_to_call=data["when_to_call"],
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                return _refused(request, episode, error)
            form.add_service_errors(error.message_dict)
        else:
            return _saved(request, episode, "Contact added.")
    return _page(request, episode, status=400, contact=form)


def _remove(request: AuthedRequest, episode_id: UUID, row_id: UUID, which: str) -> HttpResponse:
    episode = get_aftercare_episode_for(request.user, episode_id, AFTERCARE_WRITE)
    reason = request.POST.get("reason", "")
    try:
        if which == "appointment":
            services.aftercare_appointment_remove(
                episode=episode, by=request.user, appointment_id=row_id, reason=reason
            )
        else:
            services.aftercare_contact_remove(
                episode=episode, by=request.user, contact_id=row_id, reason=reason
            )
    except ValidationError as error:
        return _refused(request, episode, error)
    label = "Appointment" if which == "appointment" else "Contact"
    return _saved(request, episode, f"{label} removed from the plan; it stays in the record.")


@require_POST
@capability_required(AFTERCARE_WRITE)
def aftercare_appointment_remove(
    request: AuthedRequest, episode_id: UUID, appointment_id: UUID
) -> HttpResponse:
    return _remove(request, episode_id, appointment_id, "appointment")


@require_POST
@capability_required(AFTERCARE_WRITE)
def aftercare_contact_remove(
    request: AuthedRequest, episode_id: UUID, contact_id: UUID
) -> HttpResponse:
    return _remove(request, episode_id, contact_id, "contact")


BASE = "episodes/<uuid:episode_id>/aftercare/"
urlpatterns: list[URLPattern] = [
    path(BASE, aftercare, name="aftercare"),
    path(f"{BASE}continuing-care/", aftercare_care, name="aftercare_care"),
    path(f"{BASE}appointments/", aftercare_appointment_add, name="aftercare_appointment_add"),
    path(
        f"{BASE}appointments/<uuid:appointment_id>/remove/",
        aftercare_appointment_remove,
        name="aftercare_appointment_remove",
    ),
    path(f"{BASE}contacts/", aftercare_contact_add, name="aftercare_contact_add"),
    path(
        f"{BASE}contacts/<uuid:contact_id>/remove/",
        aftercare_contact_remove,
        name="aftercare_contact_remove",
    ),
]
