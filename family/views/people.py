"""The client's people: the list, adding or linking a person, one person's page (contact
details, consent state and history, the messages to them, do not contact), editing, and
writing a consent to share with them (intake staff; signed on intake's own page).

Safety notes are shown to staff on these pages only, never on anything printed. Every page
writes a record-view row for the client; a link outside the user's programs is a 404.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods, require_POST

from family.access import get_client_person_for, get_family_client_for
from family.consents import FAMILY_INFORMATION, refusal, sharing, with_consents
from family.forms.people import (
    DoNotContactForm,
    FamilyConsentForm,
    LinkExistingForm,
    LinkForm,
    PersonForm,
)
from family.models import ClientPerson, Person
from family.services.consents import DEFAULT_PURPOSE, family_consent_draft
from family.services.people import (
    client_person_add,
    client_person_update,
    do_not_contact_lift,
    do_not_contact_mark,
    hold_key,
)
from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.models import Client
from iop.http import AuthedRequest, form_add_service_errors, posted
from iop.notifications.models import OutboxMessage, OutboxStatus
from iop.reports.clinical.terms import ConsentInformation

VIEW, EDIT = permissions.VIEW_FAMILY, permissions.EDIT_FAMILY
OFFERED_AT_MOST = 50  # people of the program offered to link at once; a name search narrows
MESSAGES_SHOWN = 50
QUEUED = [OutboxStatus.PENDING, OutboxStatus.FAILED]


def _chart_client(link: ClientPerson) -> Client:
    """The link's client with what the chart header shows."""
    return Client.objects.with_chart_header().get(pk=link.client_id)


def _link_rows(links: list[ClientPerson]) -> list[dict[str, Any]]:
    return [{"link": link, "sharing": sharing(link)} for link in links]


@require_http_methods(["GET"])
@capability_required(VIEW)
def people(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_family_client_for(request.user, client_id, VIEW)
    links = list(
        with_consents(
            ClientPerson.objects.filter(client=client).select_related(
                "person", "do_not_contact_recorded_by"
            )
        )
    )
    for link in links:
        link.client = client  # the consents' status reads the program's today
    record_view_log(request=request, client=client, page="The client's people")
    return render(
        request,
        "family/people/list.html",
        {
            "client": client,
            "rows": _link_rows(links),
            "can_edit": permissions.can(request.user, EDIT, client.program),
        },
    )


def _offered(client: Client, query: str) -> list[Person]:
    """The program's people not yet linked to this client, by name when searched."""
    people = Person.objects.filter(program=client.program).exclude(links__client=client)
    for word in query.split()[:3]:
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return list(people.order_by("last_name", "first_name")[:OFFERED_AT_MOST])


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def person_add(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    """A new person, or one of the program's people already in another client's life."""
    client = get_family_client_for(request.user, client_id, EDIT)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    query = request.GET.get("q", "").strip()[:100]
    new = posted(request) if action == "new" else None
    existing = posted(request) if action == "link" else None
    person_form = PersonForm(new, prefix="person")
    new_link_form = LinkForm(new, prefix="new")
    link_existing_form = LinkExistingForm(
        existing, prefix="existing", offered=_offered(client, query)
    )
    existing_link_form = LinkForm(existing, prefix="existing-link")
    if action == "new" and person_form.is_valid() and new_link_form.is_valid():
        try:
            link = client_person_add(
                client=client,
                actor=request.user,
                person_details=person_form.cleaned_data,
                link_details=new_link_form.cleaned_data,
            )
        except ValidationError as error:
            form_add_service_errors(person_form, error)  # type: ignore[arg-type]
        else:
            messages.success(request, f"{link.person.full_name} added to the client's people.")
            return redirect("family:person", link.pk)
    if action == "link" and link_existing_form.is_valid() and existing_link_form.is_valid():
        chosen = _uuid(link_existing_form.cleaned_data["person"])
        person = (
            Person.objects.filter(program=client.program, pk=chosen).first() if chosen else None
        )
        if person is None:
            link_existing_form.add_error("person", "Choose a person of this program.")
        else:
            try:
                link = client_person_add(
                    client=client,
                    actor=request.user,
                    person=person,
                    link_details=existing_link_form.cleaned_data,
                )
            except ValidationError as error:
                form_add_service_errors(link_existing_form, error)
            else:
                messages.success(request, f"{person.full_name} linked to the client's people.")
                return redirect("family:person", link.pk)
    record_view_log(request=request, client=client, page="Add a person")
    status = 400 if action else 200
    return render(
        request,
        "family/people/add.html",
        {
            "client": client,
            "action": action,
            "query": query,
            "person_form": person_form,
            "new_link_form": new_link_form,
            "link_existing_form": link_existing_form,
            "existing_link_form": existing_link_form,
        },
        status=status,
    )


def _uuid(value: str) -> UUID | None:
    try:
        return UUID(str(value))
    except ValueError:
        return None


def _person_page(
    request: AuthedRequest,
    link: ClientPerson,
    *,
    dnc_form: DoNotContactForm | None = None,
    status: int = 200,
) -> HttpResponse:
    client = _chart_client(link)
    link.client = client
    key = hold_key(link)
    sent = list(OutboxMessage.objects.filter(hold_key=key).order_by("-created_at")[:MESSAGES_SHOWN])
    queued = sum(1 for m in sent if m.status in QUEUED)
    consents = [pc.consent for pc in link.consent_links.all()]
    for consent in consents:
        consent.client = client
    record_view_log(request=request, client=client, page="A person in the client's life")
    program = client.program
    return render(
        request,
        "family/people/detail.html",
        {
            "client": client,
            "link": link,
            "person": link.person,
            "sharing": sharing(link),
            "consents": consents,
            "messages_sent": sent,
            "queued": queued,
            "can_edit": permissions.can(request.user, EDIT, program),
            "can_write_consent": permissions.can(request.user, permissions.EDIT_INTAKE, program),
            "consent_refusal": refusal(link, ConsentInformation.APPOINTMENTS)
            if link.do_not_contact
            else None,
            "dnc_form": dnc_form or DoNotContactForm(prefix="dnc"),
        },
        status=status,
    )


@require_http_methods(["GET"])
@capability_required(VIEW)
def person(request: AuthedRequest, link_id: UUID) -> HttpResponse:
    return _person_page(request, get_client_person_for(request.user, link_id, VIEW))


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def person_edit(request: AuthedRequest, link_id: UUID) -> HttpResponse:
    link = get_client_person_for(request.user, link_id, EDIT)
    person_form = PersonForm(posted(request), instance=link.person, prefix="person")
    link_form = LinkForm(posted(request), instance=link, prefix="link")
    if request.method == "POST" and person_form.is_valid() and link_form.is_valid():
        try:
            client_person_update(
                link=link,
                actor=request.user,
                person_details=person_form.cleaned_data,
                link_details=link_form.cleaned_data,
            )
        except ValidationError as error:
            form_add_service_errors(person_form, error)  # type: ignore[arg-type]
        else:
            messages.success(request, "Saved.")
            return redirect("family:person", link.pk)
    client = _chart_client(link)
    record_view_log(request=request, client=client, page="Edit a person in the client's life")
    return render(
        request,
        "family/people/edit.html",
        {"client": client, "link": link, "person_form": person_form, "link_form": link_form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@capability_required(EDIT)
def person_dnc_mark(request: AuthedRequest, link_id: UUID) -> HttpResponse:
    link = get_client_person_for(request.user, link_id, EDIT)
    form = DoNotContactForm(request.POST, prefix="dnc")
    if not form.is_valid():
        return _person_page(request, link, dnc_form=form, status=400)
    try:
        withheld = do_not_contact_mark(
            link=link, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        name = link.person.full_name
        if withheld == 0:
            messages.success(request, f"{name} is marked do not contact. No message was queued.")
        else:
            plural = "message" if withheld == 1 else "messages"
            messages.success(
                request,
                f"{name} is marked do not contact. {withheld} queued {plural} withheld.",
            )
    return redirect("family:person", link.pk)


@require_POST
@capability_required(EDIT)
def person_dnc_lift(request: AuthedRequest, link_id: UUID) -> HttpResponse:
    link = get_client_person_for(request.user, link_id, EDIT)
    try:
        do_not_contact_lift(link=link, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{link.person.full_name} may be contacted again. Messages withheld stay withheld; "
            "a consent in force is still needed before anything is shared.",
        )
    return redirect("family:person", link.pk)


@require_http_methods(["GET", "POST"])
@capability_required(permissions.EDIT_INTAKE)
def person_consent_new(request: AuthedRequest, link_id: UUID) -> HttpResponse:
    """Intake staff write the consent; it is read with the client and signed on intake's
    signing page. Refused, with the reason, for a person marked do not contact."""
    link = get_client_person_for(request.user, link_id, permissions.EDIT_INTAKE)
    client = _chart_client(link)
    link.client = client
    refused = refusal(link, FAMILY_INFORMATION[0]) if link.do_not_contact else None
    form = FamilyConsentForm(
        posted(request),
        initial=FamilyConsentForm.initial_for(
            link.person.full_name, client.program.today(), DEFAULT_PURPOSE
        ),
    )
    if request.method == "POST" and not refused and form.is_valid():
        try:
            consent = family_consent_draft(
                link=link,
                actor=request.user,
                information=form.cleaned_data["information"],
                purpose=form.cleaned_data["purpose"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Consent saved. Read it with the client before they sign.")
            return redirect("intake:consent_sign", consent.pk)
    record_view_log(request=request, client=client, page="New consent for a person")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "family/people/consent_new.html",
        {"client": client, "link": link, "form": form, "refused": refused},
        status=status,
    )


PERSON = "people/<uuid:link_id>/"
urlpatterns: list[URLPattern] = [
    path("clients/<uuid:client_id>/people/", people, name="people"),
    path("clients/<uuid:client_id>/people/add/", person_add, name="person_add"),
    path(PERSON, person, name="person"),
    path(PERSON + "edit/", person_edit, name="person_edit"),
    path(PERSON + "consent/new/", person_consent_new, name="person_consent_new"),
    path(PERSON + "do-not-contact/", person_dnc_mark, name="person_dnc_mark"),
    path(PERSON + "do-not-contact/lift/", person_dnc_lift, name="person_dnc_lift"),
]
