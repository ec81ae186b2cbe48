"""Booking an individual, family or medication-management session for one client.

Intake staff, clinicians, prescribers and directors book (BOOK_SESSIONS), from the week view
or from the client's chart. A conflict (client or staff double-booked, room full, outside
program hours) comes back from the service as a message naming it, with the form kept.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_views_log
from iop.clients.models import Episode
from iop.http import AuthedRequest, form_add_service_errors, posted, uuid_or_404
from scheduling.access import can_lead_medication_visit, session_staff_choices
from scheduling.models import SessionKind
from scheduling.services.bookings import session_book
from scheduling.views.forms import BookingForm

BOOK = permissions.BOOK_SESSIONS


@require_http_methods(["GET", "POST"])
@capability_required(BOOK)
def book(request: AuthedRequest) -> HttpResponse:
    program = permissions.chosen_program(request, BOOK)
    episodes = Episode.objects.open().filter(program=program).select_related("client")
    initial: dict[str, object] = {"day": program.today() + datetime.timedelta(days=1)}
    client_id = request.GET.get("client", "")
    chosen = episodes.filter(client_id=uuid_or_404(client_id)).first() if client_id else None
    if chosen is not None:
        initial["episode"] = chosen
        if chosen.primary_clinician_id:
            initial["staff"] = chosen.primary_clinician_id
    form = BookingForm(
        posted(request),
        program=program,
        episodes=episodes.order_by("client__legal_last_name", "client__legal_first_name"),
        staff=session_staff_choices(program),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["kind"] == SessionKind.MEDICATION and not can_lead_medication_visit(
            data["staff"], program
        ):
            form.add_error("staff", "Medication management is booked with a prescriber.")
        else:
            starts_at = program.at(data["day"], data["starts_at"])
            try:
                session = session_book(
                    program=program,
                    kind=data["kind"],
                    episode=data["episode"],
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
                messages.success(
                    request,
                    f"{session.get_kind_display()} booked for "
                    f"{data['episode'].client.display_name} with {data['staff'].display_name}.",
                )
                return redirect("scheduling:session", session.pk)
    # The client menu names every open episode's client (one query to read them here).
    listed = [episode.client for episode in form.fields["episode"].queryset]  # type: ignore[attr-defined]
    record_views_log(request=request, clients=listed, page="Booking form")
    context = {"form": form, "program": program, "chosen": chosen}
    return render(request, "scheduling/book.html", context, status=400 if form.errors else 200)


urlpatterns: list[URLPattern] = [path("book/", book, name="book")]
