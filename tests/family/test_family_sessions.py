"""Family sessions: booking with the client's chosen people (refused, nothing saved, for
anyone who may not be invited), invitations and reminders through the outbox (discreet,
quiet hours, do not contact), each person's attendance, and the family session note
(who attended and the focus in the signed text; signing refused with nobody present;
locked by the database once signed)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.test import Client as HttpClient
from django.urls import reverse

from family.models import FamilyNoteDetail, FamilySessionGuest, GuestAttendance
from family.services.consents import family_consent_draft
from family.services.people import client_person_add, do_not_contact_mark, hold_key
from family.services.sessions import (
    family_attendance_record,
    family_guest_remove,
    family_reminders_enqueue,
    family_session_book,
)
from family.session_notes import NOBODY_ATTENDED
from intake.models.consent import SignerRelationship
from intake.services.consents import consent_revoke, consent_shown_hash, consent_sign
from iop.accounts.models import Role
from iop.notifications.models import OutboxMessage
from iop.reports.clinical.terms import ConsentInformation
from scheduling.models import ProgressNote, Session, SessionAttendee
from scheduling.services.attendance import attendance_record
from scheduling.services.notes import note_save
from tests.factories import member
from tests.scheduling.charting_helpers import full_visit, sign_note
from tests.scheduling.core_helpers import admit, at, day
from tests.scheduling.factories import RoomFactory, local

BEFORE = datetime.date(2026, 3, 1)  # a Sunday; the sessions are on Wednesday day(2)
APPOINTMENTS, ATTENDANCE = ConsentInformation.APPOINTMENTS, ConsentInformation.ATTENDANCE


def person(episode, intake, first, relationship, *, channel="email", scope=None, sign=True):
    client = episode.client
    link = client_person_add(
        client=client,
        actor=intake,
        person_details={
            "first_name": first,
            "last_name": "Ferreira",
            "email": f"{first.lower()}@family.test",
            "phone": "+16175550100",
            "preferred_channel": channel,
        },
        link_details={"relationship": relationship},
    )
    if scope is not None:
        consent = family_consent_draft(
            link=link,
            actor=intake,
            information=scope,
            purpose="To involve them in family sessions.",
            expires_on=BEFORE + datetime.timedelta(days=365),
        )
        if sign:
            consent_sign(
                consent=consent,
                typed_name=client.legal_name,
                relationship=SignerRelationship.CLIENT,
                witness=intake,
                ip_address=None,
                shown_sha256=consent_shown_hash(consent),
            )
    return link


@pytest.fixture
def fam(db, program, staff):
    clinician, intake = staff[Role.CLINICIAN], staff[Role.INTAKE]
    with at(program, BEFORE, 10):
        episode = admit(program, first="Ada", clinician=clinician)
        other = admit(program, first="Bea", clinician=clinician)
        links = {
            "mother": person(episode, intake, "Marta", "parent", scope=[APPOINTMENTS, ATTENDANCE]),
            "brother": person(
                episode, intake, "Tomas", "sibling", channel="sms", scope=[APPOINTMENTS]
            ),
            "quiet": person(
                episode, intake, "Lidia", "other_relative", channel="none", scope=[APPOINTMENTS]
            ),
            "dnc": person(episode, intake, "Dario", "parent", scope=[APPOINTMENTS]),
            "none": person(episode, intake, "Nuno", "friend"),
            "draft": person(episode, intake, "Rita", "friend", scope=[APPOINTMENTS], sign=False),
            "revoked": person(episode, intake, "Vera", "spouse", scope=[APPOINTMENTS]),
            "narrow": person(episode, intake, "Sara", "sibling", scope=[ATTENDANCE]),
            "elsewhere": person(other, intake, "Olga", "parent", scope=[APPOINTMENTS]),
        }
        do_not_contact_mark(link=links["dnc"], actor=intake)
        consent_revoke(
            consent=links["revoked"].consent_links.get().consent,
            by=intake,
            revoked_on=BEFORE,
            note="The client withdrew it.",
        )
    room = RoomFactory(program=program, name="Room 4", capacity=6)
    return {"episode": episode, "links": links, "clinician": clinician, "room": room}


def book(program, fam, *who, on=day(2), start=(13, 0), clock=(BEFORE, 12), actor=None, **kw):
    with at(program, *clock):
        return family_session_book(
            episode=fam["episode"],
            people=[fam["links"][name] for name in who],
            staff=fam["clinician"],
            starts_at=local(program, on, *start),
            ends_at=local(program, on, start[0], start[1] + 50),
            room=fam["room"],
            actor=actor or fam["clinician"],
            **kw,
        )


def counts():
    return (
        Session.objects.count(),
        FamilySessionGuest.objects.count(),
        OutboxMessage.objects.count(),
    )


# ---------------------------------------------------------------- booking refused


@pytest.mark.parametrize(
    ("who", "reason"),
    [
        ("dnc", "Dario Ferreira is marked do not contact"),
        ("none", "No consent on file for Nuno Ferreira"),
        ("draft", "Rita Ferreira's consent is awaiting signature"),
        ("revoked", "Vera Ferreira's consent is no longer in force (consent revoked on"),
        ("narrow", "Sara Ferreira's consent does not cover"),
        ("elsewhere", "Olga Ferreira is not among this client's people."),
    ],
)
def test_booking_refuses_a_person_who_may_not_be_invited_and_saves_nothing(
    program, fam, who, reason
):
    before = counts()
    with pytest.raises(ValidationError) as error:
        book(program, fam, "mother", who)
    assert any(reason in message for message in error.value.messages), error.value.messages
    assert counts() == before


def test_every_refused_person_is_named_at_once(program, fam):
    with pytest.raises(ValidationError) as error:
        book(program, fam, "dnc", "none", "mother")
    assert len(error.value.messages) == 2


def test_booking_needs_at_least_one_person(program, fam):
    before = counts()
    with pytest.raises(ValidationError, match="at least one of the client's people"):
        book(program, fam)
    assert counts() == before


def test_probation_officer_and_administrator_cannot_book(program, fam, staff):
    for role in (Role.PROBATION, Role.ADMINISTRATOR):
        with pytest.raises(PermissionDenied):
            book(program, fam, "mother", actor=staff[role])
    assert Session.objects.count() == 0


def test_prescriber_and_intake_may_book(program, fam, staff):
    session = book(program, fam, "mother", actor=staff[Role.PRESCRIBER])
    assert session.kind == "family"
    assert book(program, fam, "brother", start=(15, 0), actor=staff[Role.INTAKE])


# ---------------------------------------------------------------- invitations


def test_booking_invites_each_person_with_their_hold_key_discreetly(program, fam):
    session = book(program, fam, "mother", "brother", "quiet")
    guests = {g.client_person_id: g for g in FamilySessionGuest.objects.filter(session=session)}
    assert len(guests) == 3
    assert SessionAttendee.objects.get(session=session).client == fam["episode"].client
    mother, brother = fam["links"]["mother"], fam["links"]["brother"]
    messages = {m.hold_key: m for m in OutboxMessage.objects.all()}
    assert set(messages) == {hold_key(mother), hold_key(brother)}  # "quiet" asked for none
    assert messages[hold_key(mother)].recipient == "marta@family.test"
    assert messages[hold_key(brother)].channel == "sms"
    client = fam["episode"].client
    for message in messages.values():
        text = message.subject + message.body
        assert "Wed 4 Mar at 1:00 PM" in message.body
        assert program.name not in text
        assert "family" not in text.lower()
        assert client.legal_first_name not in text and client.legal_last_name not in text
    assert "asked not to be sent messages" in guests[fam["links"]["quiet"].pk].not_messaged_reason


def test_a_client_who_chose_plain_reminders_gets_plain_invitations(program, fam):
    client = fam["episode"].client
    client.reminder_discreet = False
    client.save(update_fields=["reminder_discreet"])
    book(program, fam, "mother")
    message = OutboxMessage.objects.get()
    assert program.name in message.body and "family session" in message.body
    assert "Room 4" in message.body
    assert client.legal_first_name not in message.body + message.subject


def test_an_invitation_booked_in_quiet_hours_waits_for_them_to_end(program, fam):
    book(program, fam, "mother", clock=(BEFORE, 22, 30))
    message = OutboxMessage.objects.get()
    assert message.send_after == local(program, day(0), 8)


def test_do_not_contact_after_queuing_withholds_the_invitation(program, fam, staff):
    book(program, fam, "mother", clock=(BEFORE, 22, 30))
    with at(program, BEFORE, 23):
        do_not_contact_mark(link=fam["links"]["mother"], actor=staff[Role.INTAKE])
    assert OutboxMessage.objects.get().status == "withheld"


# ---------------------------------------------------------------- reminders


def reminders(program, on, hour, minute=0):
    with at(program, on, hour, minute):
        return family_reminders_enqueue()


def test_guests_are_reminded_once_at_the_clients_time(program, fam):
    book(program, fam, "mother", "brother")
    assert reminders(program, day(1), 12, 59) == 0
    assert reminders(program, day(1), 13) == 2
    assert reminders(program, day(1), 13, 15) == 0  # rerun: nothing twice
    sent = OutboxMessage.objects.filter(dedupe_key__startswith="family-reminder:")
    assert {m.hold_key for m in sent} == {
        hold_key(fam["links"]["mother"]),
        hold_key(fam["links"]["brother"]),
    }
    assert all(m.subject == "Appointment reminder" for m in sent)


def test_a_reminder_due_in_quiet_hours_waits_for_them_to_end(program, fam):
    program.reminder_hours_before = 2
    program.save(update_fields=["reminder_hours_before"])
    book(program, fam, "mother", start=(9, 0))  # ideal 07:00 is quiet; they end 08:00
    assert reminders(program, day(2), 7, 30) == 0
    assert reminders(program, day(2), 8) == 1


def test_no_reminder_after_do_not_contact_removal_or_cancellation(program, fam, staff):
    from scheduling.services.calendar import session_cancel

    session = book(program, fam, "mother", "brother")
    later = book(program, fam, "mother", start=(15, 0))
    with at(program, BEFORE, 13):
        do_not_contact_mark(link=fam["links"]["mother"], actor=staff[Role.INTAKE])
        family_guest_remove(
            guest=FamilySessionGuest.objects.get(
                session=session, client_person=fam["links"]["brother"]
            ),
            actor=fam["clinician"],
        )
        session_cancel(session=later, reason="Clinician ill", actor=fam["clinician"])
    assert reminders(program, day(1), 16) == 0


# ---------------------------------------------------------------- attendance and the note


@pytest.fixture
def charted(program, fam):
    """A family session with Marta and Tomas, taken place; the client present."""
    session = book(program, fam, "mother", "brother")
    attendee = SessionAttendee.objects.get(session=session)
    with at(program, day(2), 14):
        attendance_record(
            session=session, marks={attendee.pk: ("present", None)}, actor=fam["clinician"]
        )
    return session


def write_note(program, fam, session, focus=("communication", "boundaries")):
    with at(program, day(2), 14, 30):
        return note_save(
            session=session,
            episode=fam["episode"],
            body={
                "data": "Ada and her mother talked about evenings at home.",
                "assessment": "Both want calmer check-ins.",
                "plan": "Practice the check-in script twice this week.",
            },
            objective_ids=[],
            actor=fam["clinician"],
            revision=0,
            visit=full_visit(session),
            parts={
                "family": {
                    "family_focus": list(focus),
                    "family_interventions": "Communication skills practice",
                }
            },
        )


def mark(program, fam, session, **marks):
    guests = {
        g.client_person.person.first_name: g
        for g in FamilySessionGuest.objects.filter(session=session).select_related(
            "client_person__person"
        )
    }
    with at(program, day(2), 14, 35):
        family_attendance_record(
            session=session,
            marks={guests[name].pk: value for name, value in marks.items()},
            actor=fam["clinician"],
        )


def test_a_family_note_with_no_family_member_attending_cannot_be_signed(program, fam, charted):
    note = write_note(program, fam, charted)
    mark(program, fam, charted, Marta="absent", Tomas="absent")
    with at(program, day(2), 15), pytest.raises(ValidationError) as error:
        sign_note(note, fam["clinician"])
    assert NOBODY_ATTENDED in error.value.messages
    assert "charted as an individual session" in NOBODY_ATTENDED
    assert not ProgressNote.objects.get(pk=note.pk).is_signed


def test_the_signed_note_names_who_attended_and_the_focus(program, fam, charted):
    note = write_note(program, fam, charted)
    mark(program, fam, charted, Marta="attended", Tomas="absent")
    with at(program, day(2), 15):
        signed = sign_note(note, fam["clinician"])
    assert "Family members present: Marta Ferreira (parent)" in signed.signed_text
    assert "Invited, absent: Tomas Ferreira (sibling)" in signed.signed_text
    assert "Focus: Communication, Boundaries" in signed.signed_text
    assert "Interventions with the family: Communication skills practice" in signed.signed_text
    assert "Olga" not in signed.signed_text  # another client's people never appear


def test_the_signed_family_part_and_attendance_are_locked_by_the_database(program, fam, charted):
    note = write_note(program, fam, charted)
    mark(program, fam, charted, Marta="attended")
    with at(program, day(2), 15):
        sign_note(note, fam["clinician"])
    detail = FamilyNoteDetail.objects.get(note=note)
    with pytest.raises(DatabaseError), transaction.atomic():
        FamilyNoteDetail.objects.filter(pk=detail.pk).update(focus=["enabling"])
    with pytest.raises(DatabaseError), transaction.atomic():
        FamilySessionGuest.objects.filter(session=charted).update(attendance=GuestAttendance.ABSENT)
    with pytest.raises(ValidationError, match="signed"):
        mark(program, fam, charted, Tomas="attended")


def test_attendance_waits_for_the_session_to_start(program, fam):
    session = book(program, fam, "mother")
    guest = FamilySessionGuest.objects.get(session=session)
    with at(program, BEFORE, 13), pytest.raises(ValidationError, match="once the session"):
        family_attendance_record(
            session=session, marks={guest.pk: "attended"}, actor=fam["clinician"]
        )


def test_an_unknown_focus_is_refused(program, fam, charted):
    with pytest.raises(ValidationError):
        write_note(program, fam, charted, focus=("astrology",))
    assert not ProgressNote.objects.filter(session=charted).exists()


# ---------------------------------------------------------------- pages


def test_booking_page_lists_who_may_be_invited_and_why_not_the_others(
    program, fam, login_as, django_assert_max_num_queries
):
    http = login_as(fam["clinician"])
    url = reverse("family:family_session_book", args=[fam["episode"].client_id])
    with at(program, BEFORE, 12), django_assert_max_num_queries(40):
        page = http.get(url).content.decode()
    assert f'value="{fam["links"]["mother"].pk}"' in page
    assert f'value="{fam["links"]["dnc"].pk}"' not in page
    assert "Dario Ferreira is marked do not contact" in page
    assert "No consent on file for Nuno Ferreira" in page
    assert "No message goes to Lidia Ferreira" in page
    assert "Olga" not in page


def test_booking_page_books_and_opens_the_session(program, fam, login_as):
    http = login_as(fam["clinician"])
    url = reverse("family:family_session_book", args=[fam["episode"].client_id])
    data = {
        "people": [str(fam["links"]["mother"].pk)],
        "staff": str(fam["clinician"].pk),
        "day": "2026-03-04",
        "starts_at": "13:00",
        "duration": "50",
        "room": str(fam["room"].pk),
    }
    with at(program, BEFORE, 12):
        response = http.post(url, data)
    session = Session.objects.get()
    assert response.url == reverse("scheduling:session", args=[session.pk])
    with at(program, day(2), 14):
        later = HttpClient()  # Sunday's sign-in has been idle too long by Wednesday
        later.force_login(fam["clinician"])
        shown = later.get(response.url)
    page = shown.content.decode()
    assert shown.status_code == 200, (shown.status_code, shown.get("Location"))
    assert "Family members invited" in page and "Marta Ferreira" in page
    assert 'name="guest-' in page


def test_booking_page_with_nobody_chosen_says_so(program, fam, login_as):
    http = login_as(fam["clinician"])
    url = reverse("family:family_session_book", args=[fam["episode"].client_id])
    data = {
        "staff": str(fam["clinician"].pk),
        "day": "2026-03-04",
        "starts_at": "13:00",
        "duration": "50",
        "room": str(fam["room"].pk),
    }
    with at(program, BEFORE, 12):
        response = http.post(url, data)
    assert response.status_code == 400
    assert "Choose at least one of the client" in response.content.decode()
    assert Session.objects.count() == 0


def test_another_programs_client_is_not_found(program, fam, login_as, other_program):
    outsider = member(Role.CLINICIAN, other_program)
    http = login_as(outsider)
    url = reverse("family:family_session_book", args=[fam["episode"].client_id])
    assert http.get(url).status_code == 404


def test_session_page_and_chart_show_the_family_session_within_bounded_queries(
    program, fam, charted, login_as, django_assert_max_num_queries
):
    mark(program, fam, charted, Marta="attended")
    http = login_as(fam["clinician"])
    with at(program, day(2), 15):
        with django_assert_max_num_queries(60):
            session_page = http.get(
                reverse("scheduling:session", args=[charted.pk])
            ).content.decode()
        with django_assert_max_num_queries(120):
            chart = http.get(
                reverse("clients:chart", args=[fam["episode"].client_id])
            ).content.decode()
    assert "Family members invited" in session_page
    assert "Family sessions" in chart and "Marta Ferreira" in chart
    assert "(attended)" in chart


def test_recording_attendance_on_the_session_page(program, fam, charted, login_as):
    http = login_as(fam["clinician"])
    guest = FamilySessionGuest.objects.get(session=charted, client_person=fam["links"]["mother"])
    url = reverse("family:guest_attendance", args=[charted.pk])
    with at(program, day(2), 14, 40):
        http.post(url, {f"guest-{guest.pk}": "attended"})
    guest.refresh_from_db()
    assert guest.attendance == "attended" and guest.recorded_by == fam["clinician"]


def test_the_note_page_shows_who_attended_and_the_focus_choices(program, fam, charted, login_as):
    mark(program, fam, charted, Marta="attended")
    http = login_as(fam["clinician"])
    attendee = SessionAttendee.objects.get(session=charted)
    with at(program, day(2), 15):
        page = http.get(reverse("scheduling:note_write", args=[attendee.pk])).content.decode()
    assert "Family members present:</strong> Marta Ferreira (parent)" in page
    assert "Secondary trauma" in page and "Interventions with the family" in page


def test_the_reminder_task_is_on_the_beat_schedule():
    from django.conf import settings

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "family.tasks.family_reminders_send" in scheduled
