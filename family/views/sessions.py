"""Family sessions: booking one with the client's people, and recording who of them came
(the form sits on scheduling's session page, beside the client: family/session_attendance.py).
"""

from __future__ import annotations

import datetime
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from family.access import get_family_client_for, get_family_session_for
from family.services.sessions import (
    family_attendance_record,
    family_session_book,
    invitable_people,
)
from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.accounts.models import Program, User
from iop.audit.services import record_view_log
from iop.clients.models import Episode
from iop.http import AuthedRequest, form_add_service_errors, posted
from scheduling.access import session_staff_choices
from scheduling.models import Room
from scheduling.views.forms import DATE, DURATIONS, TIME

BOOK = permissions.BOOK_SESSIONS


class FamilySessionForm(forms.Form):
    people = forms.MultipleChoiceField(
        label="Who is invited", widget=forms.CheckboxSelectMultiple, required=False
    )
    staff = forms.ModelChoiceField(
        label="Clinician", queryset=User.objects.none(), empty_label="Choose who leads the session…"
    )
    day = forms.DateField(label="Date", widget=DATE)
    starts_at = forms.TimeField(label="Starts at", widget=TIME)
    duration = forms.TypedChoiceField(label="Length", choices=DURATIONS, coerce=int, initial=50)
    room = forms.ModelChoiceField(
        label="Room", queryset=Room.objects.none(), required=False, empty_label="No room"
    )
    telehealth_url = forms.URLField(
        label="Telehealth link",
        required=False,
        assume_scheme="https",
        help_text="For a video session instead of (or as well as) a room.",
    )

    def __init__(
        self, data: Any = None, *, program: Program, invitable: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["people"].choices = [  # type: ignore[attr-defined]
            (str(link.pk), f"{link.person.full_name} ({link.relationship_label})")
            for link in invitable
        ]
        staff = self.fields["staff"]
        staff.queryset = session_staff_choices(program)  # type: ignore[attr-defined]
        staff.label_from_instance = lambda u: u.display_name  # type: ignore[attr-defined]
        self.fields["room"].queryset = Room.objects.filter(program=program, active=True)  # type: ignore[attr-defined]


@require_http_methods(["GET", "POST"])
@capability_required(BOOK)
def family_session_book_view(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_family_client_for(request.user, client_id, BOOK)
    program = client.program
    episode = Episode.objects.open().filter(client=client).first()
    people = invitable_people(client)
    invitable = [link for link, reason in people if reason is None]
    initial = {
        "day": program.today() + datetime.timedelta(days=1),
        "staff": episode.primary_clinician_id if episode else None,
    }
    form = FamilySessionForm(posted(request), program=program, invitable=invitable, initial=initial)
    if request.method == "POST" and episode is not None and form.is_valid():
        data = form.cleaned_data
        starts_at = program.at(data["day"], data["starts_at"])
        chosen = [link for link in invitable if str(link.pk) in set(data["people"])]
        try:
            session = family_session_book(
                episode=episode,
                people=chosen,
                staff=data["staff"],
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(minutes=data["duration"]),
                room=data["room"],
                telehealth_url=data["telehealth_url"],
                actor=request.user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            names = ", ".join(link.person.full_name for link in chosen)
            messages.success(
                request, f"Family session booked for {client.display_name} with {names}."
            )
            return redirect("scheduling:session", session.pk)
    record_view_log(request=request, client=client, page="Family session booking")
    context = {
        "client": client,
        "episode": episode,
        "form": form,
        "refused": [(link, reason) for link, reason in people if reason is not None],
        "no_message": [link for link in invitable if link.person.address_for_messages is None],
    }
    return render(request, "family/sessions/book.html", context, status=400 if form.errors else 200)


@require_POST
@capability_required(permissions.CHART_SESSIONS)
def guest_attendance(request: AuthedRequest, session_id: UUID) -> HttpResponse:
    session = get_family_session_for(request.user, session_id, permissions.CHART_SESSIONS)
    prefix = "guest-"
    marks = {k[len(prefix) :]: str(v) for k, v in request.POST.items() if k.startswith(prefix)}
    try:
        family_attendance_record(session=session, marks=marks, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Family attendance saved.")
    return redirect(reverse("scheduling:session", args=[session.pk]) + "#extra-family_guests")


urlpatterns: list[URLPattern] = [
    path(
        "clients/<uuid:client_id>/family-sessions/book",
        family_session_book_view,
        name="family_session_book",
    ),
    path(
        "family-sessions/<uuid:session_id>/attendance",
        guest_attendance,
        name="guest_attendance",
    ),
]
