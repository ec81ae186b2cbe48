"""Warnings stop a signature; the visit facts a payer and a court ask of a note; titles.

Sign all holds back a part with an open warning and lists it; the clinician confirms the
warning (recorded with the note) or changes the text. Individual, family and medication
notes carry start/stop times, a service code and a risk screen, in the signed text and
locked once signed.
"""

from __future__ import annotations

import zoneinfo
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from iop.accounts.models import Role
from scheduling.models import (
    ProgressNote,
    RiskScreen,
    ServiceCode,
    SessionKind,
    WarningConfirmation,
    WarningKind,
)
from scheduling.services import group_notes
from scheduling.services import notes as services
from scheduling.services.billing import service_codes_seed
from scheduling.services.note_visit import NoteVisit
from scheduling.services.note_warnings import note_warning_confirm
from tests.factories import member
from tests.scheduling.charting_helpers import (
    PART,
    attend,
    episodes,
    group_with,
    own_part,
    past_session,
    sign_all_data,
    sign_note,
)

pytestmark = pytest.mark.django_db


def part(name: str) -> dict[str, str]:
    """An individual part of its own for each client (no cloning between them)."""
    return own_part(name)


def write(attendee, actor, body=None, revision=None):
    note = ProgressNote.objects.filter(session=attendee.session, client=attendee.client).first()
    return group_notes.group_part_save(
        attendee=attendee,
        body=body or part(attendee.client.legal_first_name),
        objective_ids=[],
        actor=actor,
        revision=note.revision if note else 0,
    )


def shared(session, actor):
    group_notes.group_note_save(
        session=session,
        topic="Coping with cravings",
        interventions="Psychoeducation on urges; urge-surfing rehearsal in pairs.",
        duration_minutes=90,
        actor=actor,
        revision=0,
    )


@pytest.fixture
def clinician(staff):
    return staff[Role.CLINICIAN]


@pytest.fixture
def named_group(program, clinician):
    """Three parts written; Avery's names Blake."""
    session, (avery, blake, casey) = group_with(program, clinician, 3)
    shared(session, clinician)
    body = {**part("Avery"), "response": "Agreed with Blake about weekends."}
    write(avery, clinician, body=body)
    write(blake, clinician)
    write(casey, clinician)
    return session, (avery, blake, casey)


def note_of(attendee) -> ProgressNote:
    return ProgressNote.objects.get(session=attendee.session, client=attendee.client)


# ---------------------------------------------------------------- warnings stop a signature


def test_sign_all_holds_back_a_note_naming_another_member(named_group, clinician):
    session, (avery, blake, casey) = named_group
    result = group_notes.group_notes_sign(
        session=session, actor=clinician, shown=group_notes.group_shown_hashes(session)
    )
    assert {n.client_id for n in result.signed} == {blake.client_id, casey.client_id}
    (held,) = result.held
    assert held.note.client_id == avery.client_id
    assert "Names another group member (“Blake”" in str(held.warnings[0])
    assert not note_of(avery).is_signed
    assert "Blake" not in note_of(blake).signed_text.split("Client:")[0]


def test_held_note_signs_after_confirming_the_word_is_not_a_members_name(named_group, clinician):
    session, (avery, _blake, _casey) = named_group
    group_notes.group_notes_sign(
        session=session, actor=clinician, shown=group_notes.group_shown_hashes(session)
    )
    confirmation = note_warning_confirm(
        note=note_of(avery), key="name:blake", reason="", actor=clinician
    )
    assert confirmation.kind == WarningKind.NAMES_MEMBER and confirmation.word == "Blake"
    assert confirmation.confirmed_by == clinician and confirmation.note == note_of(avery)
    result = group_notes.group_notes_sign(
        session=session, actor=clinician, shown=group_notes.group_shown_hashes(session)
    )
    assert [n.client_id for n in result.signed] == [avery.client_id] and not result.held
    assert note_of(avery).is_signed


def test_held_note_signs_after_the_text_changes(named_group, clinician):
    session, (avery, _blake, _casey) = named_group
    group_notes.group_notes_sign(
        session=session, actor=clinician, shown=group_notes.group_shown_hashes(session)
    )
    write(avery, clinician, body={**part("Avery"), "response": "Agreed with a peer's point."})
    result = group_notes.group_notes_sign(
        session=session, actor=clinician, shown=group_notes.group_shown_hashes(session)
    )
    assert [n.client_id for n in result.signed] == [avery.client_id]
    assert not WarningConfirmation.objects.exists()


def test_a_confirmed_note_whose_text_changes_is_held_again(named_group, clinician):
    session, (avery, _blake, _casey) = named_group
    note_warning_confirm(note=note_of(avery), key="name:blake", reason="", actor=clinician)
    body = {**part("Avery"), "response": "Agreed with Blake about weekends, and more."}
    write(avery, clinician, body=body)
    result = group_notes.group_notes_sign(
        session=session, actor=clinician, shown=group_notes.group_shown_hashes(session)
    )
    assert [h.note.client_id for h in result.held] == [avery.client_id]
    assert not note_of(avery).is_signed
    assert WarningConfirmation.objects.count() == 1  # kept, but no longer holds


def test_near_identical_text_needs_a_confirmation_with_a_reason(program, clinician):
    session, (avery, blake) = group_with(program, clinician, 2)
    shared(session, clinician)
    write(avery, clinician, body=PART)
    write(blake, clinician, body={**PART, "progress": "Practiced urge surfing three times."})
    result = group_notes.group_notes_sign(
        session=session, actor=clinician, shown=group_notes.group_shown_hashes(session)
    )
    assert len(result.held) == 2 and not result.signed
    key = f"near:{note_of(blake).pk}"
    with pytest.raises(ValidationError) as refused:
        note_warning_confirm(note=note_of(avery), key=key, reason="   ", actor=clinician)
    assert "Say why this client's part is so close" in refused.value.message_dict["reason"][0]
    assert not WarningConfirmation.objects.exists()
    reason = "Both described the same exercise in the same words."
    note_warning_confirm(note=note_of(avery), key=key, reason=reason, actor=clinician)
    result = group_notes.group_notes_sign(
        session=session, actor=clinician, shown=group_notes.group_shown_hashes(session)
    )
    assert [n.client_id for n in result.signed] == [avery.client_id]
    assert [h.note.client_id for h in result.held] == [blake.client_id]  # its own to confirm
    confirmation = WarningConfirmation.objects.get()
    assert confirmation.reason == reason and confirmation.kind == WarningKind.NEAR_IDENTICAL


def test_single_note_sign_refuses_an_unconfirmed_warning(named_group, clinician):
    _session, (avery, _blake, _casey) = named_group
    with pytest.raises(ValidationError, match="Avery QuillAx's note was not signed: Names"):
        sign_note(note_of(avery), clinician)
    assert not note_of(avery).is_signed
    note_warning_confirm(note=note_of(avery), key="name:blake", reason="", actor=clinician)
    sign_note(note_of(avery), clinician)
    assert note_of(avery).is_signed


def test_a_warning_that_no_longer_applies_cannot_be_confirmed(named_group, clinician):
    _session, (avery, _blake, _casey) = named_group
    with pytest.raises(ValidationError, match="no longer applies"):
        note_warning_confirm(note=note_of(avery), key="name:casey", reason="", actor=clinician)


def test_confirmations_are_never_changed_nor_added_to_a_signed_note(named_group, clinician):
    _session, (avery, blake, _casey) = named_group
    confirmation = note_warning_confirm(
        note=note_of(avery), key="name:blake", reason="", actor=clinician
    )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE scheduling_warningconfirmation SET word = 'x' WHERE id = %s", [confirmation.pk]
        )
    sign_note(note_of(blake), clinician)
    with pytest.raises(DatabaseError, match="Signed notes are locked"), transaction.atomic():
        WarningConfirmation.objects.create(
            note=note_of(blake),
            kind="names_member",
            word="x",
            text_sha256="0",
            confirmed_by=clinician,
        )


# ---------------------------------------------------------------- the group page


def test_group_page_lists_held_back_notes_with_the_reason(login_as, named_group, clinician):
    session, (avery, _blake, _casey) = named_group
    browser = login_as(clinician)
    response = browser.post(
        reverse("scheduling:group_notes_sign", args=[session.pk]),
        sign_all_data(browser, session),
        follow=True,
    )
    page = response.content.decode()
    assert "Signed 2 notes" in page
    assert "1 note held back because of a warning (Avery QuillAx)" in page
    assert "Held back from signing" in page
    held = page[page.index("Held back from signing") :]
    assert "Avery QuillAx" in held and "Names another group member (“Blake”" in held
    assert "“Blake” is not a member's name" in page


def test_confirming_on_the_page_records_it_and_shows_it(login_as, named_group, clinician):
    session, (avery, _blake, _casey) = named_group
    browser = login_as(clinician)
    url = reverse("scheduling:note_warning_confirm", args=[note_of(avery).pk])
    response = browser.post(url, {"key": "name:blake", "reason": ""}, follow=True)
    page = response.content.decode()
    assert "Confirmation recorded with Avery QuillAx&#x27;s note." in page
    assert f"Confirmed by {clinician.display_name}" in page
    assert "Held back from signing" not in page
    detail = browser.get(reverse("scheduling:note_detail", args=[note_of(avery).pk]))
    text = detail.content.decode()
    assert "Warnings confirmed" in text and "“Blake” is not a group member&#x27;s name" in text
    history = text[text.index("History") :]
    assert "Warning confirmed" in history and clinician.display_name in history


def test_an_empty_reason_is_refused_on_the_page(login_as, program, clinician):
    session, (avery, blake) = group_with(program, clinician, 2)
    shared(session, clinician)
    write(avery, clinician, body=PART)
    write(blake, clinician, body=PART)
    url = reverse("scheduling:note_warning_confirm", args=[note_of(avery).pk])
    response = login_as(clinician).post(url, {"key": f"near:{note_of(blake).pk}", "reason": ""})
    assert response.status_code == 400
    assert "Say why this client&#x27;s part is so close" in response.content.decode()
    assert not WarningConfirmation.objects.exists()


def test_another_programs_clinician_cannot_confirm(login_as, named_group, other_program):
    _session, (avery, _blake, _casey) = named_group
    outsider = login_as(member(Role.CLINICIAN, other_program))
    url = reverse("scheduling:note_warning_confirm", args=[note_of(avery).pk])
    assert outsider.post(url, {"key": "name:blake"}).status_code == 404
    assert not WarningConfirmation.objects.exists()


# ---------------------------------------------------------------- visit facts


@pytest.fixture
def individual(program, clinician):
    service_codes_seed(program=program)
    session = past_session(program, clinician, kind=SessionKind.INDIVIDUAL)
    (episode,) = episodes(program, 1)
    attendee = attend(session, episode)
    return session, episode, attendee


def code(program, value) -> ServiceCode:
    return ServiceCode.objects.get(program=program, code=value)


def local(session, moment):
    return timezone.localtime(moment, zoneinfo.ZoneInfo(session.program.time_zone)).time()


def save(session, episode, clinician, visit, revision=0):
    body = {"data": "Talked about the week.", "assessment": "Steady.", "plan": "Next week."}
    return services.note_save(
        session=session, episode=episode, body=body, objective_ids=[], actor=clinician,
        revision=revision, visit=visit,
    )  # fmt: skip


def booked_visit(session, program, **changes) -> NoteVisit:
    start, stop = local(session, session.starts_at), local(session, session.ends_at)
    values = {
        "start": start.replace(second=0, microsecond=0),
        "stop": stop.replace(second=0, microsecond=0),
        "service_code_id": code(program, "90837").pk,
        "risk_screen": RiskScreen.NONE,
        "risk_action": "",
        **changes,
    }
    return NoteVisit(**values)


def test_visit_facts_are_checked_and_nothing_is_saved_on_error(individual, program, clinician):
    session, episode, _attendee = individual
    start = booked_visit(session, program).start
    bad = booked_visit(
        session,
        program,
        stop=start,
        service_code_id=code(program, "90847").pk,  # a family code on an individual note
        risk_screen=RiskScreen.PRESENT,
        risk_action="  ",
    )
    with pytest.raises(ValidationError) as refused:
        save(session, episode, clinician, bad)
    errors = refused.value.message_dict
    assert errors["stop"] == [f"The stop time must be after the start time ({start:%H:%M})."]
    assert "from the program's list" in errors["service_code"][0]
    assert "Say what was done about the risk" in errors["risk_action"][0]
    assert not ProgressNote.objects.exists()
    with pytest.raises(ValidationError, match="Give the stop time too"):
        save(session, episode, clinician, booked_visit(session, program, stop=None))


def test_sign_needs_the_visit_facts(individual, program, clinician):
    session, episode, _attendee = individual
    note = save(session, episode, clinician, NoteVisit())
    with pytest.raises(ValidationError, match="start and stop times, service, risk screen"):
        sign_note(note, clinician)
    assert not ProgressNote.objects.get().is_signed


def test_signed_text_holds_the_visit_facts_and_no_doubled_title(individual, program, clinician):
    session, episode, _attendee = individual
    visit = booked_visit(
        session, program, risk_screen=RiskScreen.PRESENT, risk_action="Safety plan reviewed."
    )
    note = save(session, episode, clinician, visit)
    sign_note(note, clinician)
    note.refresh_from_db()
    lines = note.signed_text.splitlines()
    assert lines[0] == "Individual therapy note"
    assert f"Service time: {visit.start:%H:%M}-{visit.stop:%H:%M} (90 minutes)" in lines
    assert "Service: 90837 Psychotherapy, 53 minutes or more" in lines
    assert "Risk screen: risk present. Done: Safety plan reviewed." in lines


def test_the_visit_facts_are_locked_once_signed(individual, program, clinician):
    session, episode, _attendee = individual
    note = save(session, episode, clinician, booked_visit(session, program))
    sign_note(note, clinician)
    other = code(program, "90834").pk
    changes: list[tuple[str, Any]] = [
        ("UPDATE scheduling_progressnote SET service_code_id = %s WHERE id = %s", other),
        ("UPDATE scheduling_progressnote SET risk_action = %s WHERE id = %s", "changed"),
        ("UPDATE scheduling_progressnote SET risk_screen = %s WHERE id = %s", "present"),
        (
            "UPDATE scheduling_progressnote SET service_started_at = %s WHERE id = %s",
            timezone.now(),
        ),
    ]
    for sql, value in changes:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [value, note.pk])
    note.refresh_from_db()
    assert note.service_code.code == "90837" and note.risk_screen == RiskScreen.NONE


def test_note_page_defaults_times_from_the_booking_and_shows_the_facts(
    login_as, individual, program, clinician
):
    session, _episode, attendee = individual
    browser = login_as(clinician)
    url = reverse("scheduling:note_write", args=[attendee.pk])
    page = browser.get(url).content.decode()
    start = booked_visit(session, program).start
    assert f'name="start" value="{start:%H:%M}"' in page
    assert "90837 · Psychotherapy, 53 minutes or more" in page
    assert "90847" not in page  # family codes are not offered on an individual note
    data = {
        "revision": "0", "data": "Talked.", "assessment": "Steady.", "plan": "Next week.",
        "start": f"{start:%H:%M}", "stop": f"{start:%H:%M}",
        "service_code": str(code(program, "90837").pk), "risk_screen": "present",
    }  # fmt: skip
    response = browser.post(url, data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "The stop time must be after the start time" in text
    assert "Say what was done about the risk" in text
    assert not ProgressNote.objects.exists()
    data.update(stop=f"{booked_visit(session, program).stop:%H:%M}", risk_screen="none")
    response = browser.post(url, data, follow=True)
    detail = response.content.decode()
    assert "Service: 90837 Psychotherapy, 53 minutes or more" in detail
    assert "Risk screen: no risk identified" in detail
    assert "<h2>Individual therapy note</h2>" in detail


# ---------------------------------------------------------------- service codes


def test_directors_keep_the_service_codes_and_clinicians_cannot(login_as, staff, program):
    director = login_as(staff[Role.DIRECTOR])
    url = reverse("scheduling:service_codes")
    data = {
        "code": "90791",
        "label": "Diagnostic evaluation",
        "kinds": ["individual"],
        "active": "on",
    }
    response = director.post(url, data, follow=True)
    assert "90791 added to the service codes." in response.content.decode()
    added = ServiceCode.objects.get(program=program, code="90791")
    assert added.kinds == ["individual"] and added.active
    duplicate = director.post(url, {**data, "label": "Again"})
    assert duplicate.status_code == 400
    assert "90791 is already on the list" in duplicate.content.decode()
    edit = reverse("scheduling:service_code_edit", args=[added.pk])
    director.post(edit, {"code": "90791", "label": "Intake evaluation", "kinds": ["individual"]})
    added.refresh_from_db()
    assert added.label == "Intake evaluation" and not added.active
    no_kinds = director.post(edit, {"code": "90791", "label": "X"})
    assert "Choose the notes this code is used on." in no_kinds.content.decode()
    for role in (Role.CLINICIAN, Role.PRESCRIBER, Role.INTAKE):
        browser = login_as(staff[role])
        assert browser.post(url, {**data, "code": "90792"}).status_code == 403
        assert browser.post(edit, {**data, "label": "Changed"}).status_code == 403
    added.refresh_from_db()
    assert added.label == "Intake evaluation"
    assert not ServiceCode.objects.filter(code="90792").exists()


def test_another_programs_director_cannot_edit_the_codes(login_as, program, other_program):
    (seeded, *_rest) = service_codes_seed(program=program)
    outsider = login_as(member(Role.DIRECTOR, other_program))
    edit = reverse("scheduling:service_code_edit", args=[seeded.pk])
    assert outsider.get(edit).status_code == 404
    assert outsider.post(edit, {"code": "X1", "label": "X", "kinds": ["family"]}).status_code == 404
    page = outsider.get(reverse("scheduling:service_codes")).content.decode()
    assert seeded.code not in page


def test_service_codes_page_queries_do_not_grow(
    login_as, staff, program, django_assert_max_num_queries
):
    director = login_as(staff[Role.DIRECTOR])
    url = reverse("scheduling:service_codes")
    ServiceCode.objects.create(program=program, code="A1", label="One", kinds=["family"])
    with django_assert_max_num_queries(12):
        director.get(url)
    for i in range(20):
        ServiceCode.objects.create(program=program, code=f"B{i}", label="More", kinds=["family"])
    with django_assert_max_num_queries(12):
        assert "B19" in director.get(url).content.decode()
