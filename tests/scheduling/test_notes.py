"""Charting services: group notes, warnings, signing and locking, co-signing, addenda, lists."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from iop.accounts.models import Membership, Role
from iop.audit.models import AuditAction, AuditEvent
from iop.signatures.models import Signature, content_hash
from scheduling.models import (
    Addendum,
    Attendance,
    GroupNote,
    NoteObjective,
    ProgressNote,
    SessionKind,
)
from scheduling.services import group_notes, note_signing, notes_due
from scheduling.services import notes as services
from scheduling.services.notes import NoteEditConflict
from tests.factories import member
from tests.scheduling.charting_helpers import (
    PART,
    active_objectives,
    attend,
    episodes,
    full_visit,
    group_with,
    own_part,
    past_session,
    sign_note,
)

pytestmark = pytest.mark.django_db


def part(name: str) -> dict[str, str]:
    """An individual part of its own for each client (no cloning between them)."""
    return own_part(name)


def shared(session, actor):
    return group_notes.group_note_save(
        session=session,
        topic="Coping with cravings",
        interventions="Psychoeducation on urges; urge-surfing rehearsal in pairs.",
        duration_minutes=90,
        actor=actor,
        revision=0,
    )


def write(attendee, actor, body=None, objective_ids=(), revision=0):
    return group_notes.group_part_save(
        attendee=attendee,
        body=body or part(attendee.client.legal_first_name),
        objective_ids=objective_ids,
        actor=actor,
        revision=revision,
    )


@pytest.fixture
def clinician(staff):
    return staff[Role.CLINICIAN]


@pytest.fixture
def director(staff):
    return staff[Role.DIRECTOR]


# ---------------------------------------------------------------- writing group notes


def test_shared_part_starts_from_the_curriculum_topic_and_session_length(program, clinician):
    session, _ = group_with(program, clinician, 2)
    assert group_notes.group_note_initial(session) == {
        "topic": "Coping with cravings",
        "interventions": "",
        "duration_minutes": 90,
    }


def test_individual_part_links_the_clients_own_objectives(program, clinician):
    session, (first, _second) = group_with(program, clinician, 2)
    objective, _ = active_objectives(
        first.episode, clinician, "Practice urge surfing", "Call sponsor"
    )
    note = write(first, clinician, objective_ids=[objective.pk])
    assert note.format == "group" and note.kind == SessionKind.GROUP
    assert note.body["participation"].startswith("A")
    assert list(note.objectives.all()) == [objective]
    assert note.client == first.client and note.episode == first.episode


def test_objectives_of_another_client_are_refused(program, clinician):
    session, (first, second) = group_with(program, clinician, 2)
    theirs = active_objectives(second.episode, clinician)[0]
    with pytest.raises(ValidationError, match="this client's active treatment plan"):
        write(first, clinician, objective_ids=[theirs.pk])
    assert not ProgressNote.objects.exists()


def test_absent_client_gets_no_note(program, clinician):
    session = past_session(program, clinician)
    (episode,) = episodes(program, 1)
    absent = attend(session, episode, Attendance.ABSENT_UNEXCUSED)
    with pytest.raises(ValidationError, match="absent clients get no note"):
        write(absent, clinician)
    assert not ProgressNote.objects.exists()


def test_a_session_that_has_not_started_cannot_be_charted(program, clinician):
    session = past_session(program, clinician, hours_ago=-2)
    (episode,) = episodes(program, 1)
    attendee = attend(session, episode)
    with pytest.raises(ValidationError, match="has not started"):
        write(attendee, clinician)
    with pytest.raises(ValidationError, match="has not started"):
        shared(session, clinician)


def test_a_stale_revision_is_refused_and_nothing_saved(program, clinician, staff):
    session, (first,) = group_with(program, clinician, 1)
    note = write(first, clinician)
    write(first, clinician, body={**PART}, revision=note.revision)  # someone else saves
    with pytest.raises(NoteEditConflict):
        write(first, clinician, body={**PART, "safety": "Mine"}, revision=note.revision)
    note.refresh_from_db()
    assert note.body["safety"] == PART["safety"] and note.revision == 2


def test_a_new_part_written_twice_at_once_is_a_conflict(program, clinician):
    session, (first,) = group_with(program, clinician, 1)
    write(first, clinician)
    with pytest.raises(NoteEditConflict):
        write(first, clinician, revision=0)


def test_only_charting_roles_of_the_program_write(program, staff, other_program):
    session, (first,) = group_with(program, staff[Role.CLINICIAN], 1)
    outsider = member(Role.CLINICIAN, other_program)
    for actor in (staff[Role.INTAKE], outsider):
        with pytest.raises(PermissionDenied):
            write(first, actor)


# ---------------------------------------------------------------- warnings


def test_warns_when_a_part_names_another_member(program, clinician):
    session, (avery, blake, casey) = group_with(program, clinician, 3)
    casey.client.preferred_name = "Cee"
    casey.client.save()
    note = write(avery, clinician, body={**part("Avery"), "response": "Agreed with blake's point."})
    other = write(blake, clinician, body={**part("Blake"), "participation": "Sat beside Cee."})
    write(casey, clinician, body={**part("Casey"), "safety": "Mentioned Quillax in passing."})
    warnings = services.note_warnings(session=session)
    assert "Names another group member (“Blake”" in str(warnings[note.pk][0])
    assert "(“Cee”, Cee QuillCx)" in str(warnings[other.pk][0])
    last_name = avery.client.legal_last_name  # "QuillAx"
    assert last_name.lower() == "quillax"
    casey_note = ProgressNote.objects.get(client=casey.client)
    assert f"“{last_name}”" in str(warnings[casey_note.pk][0])


def test_a_name_inside_another_word_is_not_a_warning(program, clinician):
    session, (avery, blake) = group_with(program, clinician, 2)
    blake.client.legal_first_name = "Ann"
    blake.client.save()
    body = {**part("Avery"), "response": "Annual planning; talked with Joanne's mother. Anne too."}
    note = write(avery, clinician, body=body)
    assert services.note_warnings(session=session)[note.pk] == []


def test_a_members_name_the_client_shares_is_not_a_warning(program, clinician):
    session, (first, second) = group_with(program, clinician, 2)
    second.client.legal_first_name = first.client.legal_first_name
    second.client.save()
    note = write(
        first, clinician, body={**part("x"), "response": f"{first.client.legal_first_name} spoke."}
    )
    assert services.note_warnings(session=session)[note.pk] == []


def test_warns_on_identical_and_near_identical_parts_naming_the_other_client(program, clinician):
    session, (avery, blake, casey, devon) = group_with(program, clinician, 4)
    a = write(avery, clinician, body=PART)
    b = write(blake, clinician, body={k: v.upper() + "  " for k, v in PART.items()})
    c = write(casey, clinician, body={**PART, "progress": "Practiced urge surfing three times."})
    d = write(devon, clinician, body=part("Devon"))
    warnings = {
        pk: [str(w) for w in found] for pk, found in services.note_warnings(session=session).items()
    }
    assert any(w.startswith("Identical to the part written for Blake") for w in warnings[a.pk])
    assert any(w.startswith("Identical to the part written for Avery") for w in warnings[b.pk])
    near = [w for w in warnings[c.pk] if w.startswith("Nearly identical")]
    assert len(near) == 2 and "Avery" in near[0] + near[1]
    assert warnings[d.pk] == []


# ---------------------------------------------------------------- signing and locking


def test_sign_all_signs_each_part_on_its_own_record(program, clinician):
    session, (avery, blake, casey) = group_with(program, clinician, 3)
    objective = active_objectives(avery.episode, clinician, "Practice urge surfing")[0]
    write(avery, clinician, objective_ids=[objective.pk])
    write(blake, clinician)
    shared(session, clinician)  # written after the parts: they quote it too
    signed = group_notes.group_notes_sign(
        session=session, actor=clinician, shown=group_notes.group_shown_hashes(session)
    ).signed
    assert len(signed) == 2
    for note in ProgressNote.objects.filter(session=session):
        assert note.is_signed and note.signed_by == clinician and note.group_note is not None
        assert "Topic: Coping with cravings" in note.signed_text
        assert "urge-surfing rehearsal in pairs" in note.signed_text
        assert note.content_sha256 == content_hash(note.signed_text)
        assert Signature.for_object(note).get().content_sha256 == note.content_sha256
    avery_note = ProgressNote.objects.get(client=avery.client)
    assert "Practice urge surfing (Practiced 3 times a week)" in avery_note.signed_text
    assert "Avery" in avery_note.signed_text and "Blake" not in avery_note.signed_text
    events = AuditEvent.objects.filter(action=AuditAction.NOTE_SIGNED)
    assert {e.client_id for e in events} == {avery.client_id, blake.client_id}
    assert not ProgressNote.objects.filter(client=casey.client).exists()


def test_sign_all_needs_the_shared_part(program, clinician):
    session, (avery,) = group_with(program, clinician, 1)
    write(avery, clinician)
    with pytest.raises(ValidationError, match="shared part"):
        group_notes.group_notes_sign(
            session=session, actor=clinician, shown=group_notes.group_shown_hashes(session)
        )
    assert not ProgressNote.objects.signed().exists()


def test_sign_all_refuses_an_empty_part_and_signs_nothing(program, clinician):
    session, (avery, blake) = group_with(program, clinician, 2)
    shared(session, clinician)
    write(avery, clinician)
    write(blake, clinician, body={**part("Blake"), "safety": "  "})
    with pytest.raises(ValidationError, match=r"Blake QuillBx \(Safety\)"):
        group_notes.group_notes_sign(
            session=session, actor=clinician, shown=group_notes.group_shown_hashes(session)
        )
    assert not ProgressNote.objects.signed().exists()
    assert not Signature.objects.exists() and not AuditEvent.objects.exists()


def test_editing_a_signed_note_is_refused_with_a_message_and_nothing_saved(program, clinician):
    session, (avery,) = group_with(program, clinician, 1)
    objective = active_objectives(avery.episode, clinician)[0]
    shared(session, clinician)
    note = write(avery, clinician)
    sign_note(note, clinician)
    with pytest.raises(ValidationError, match="signed and locked. Correct it with an addendum"):
        write(avery, clinician, body=PART, objective_ids=[objective.pk], revision=note.revision)
    note.refresh_from_db()
    assert note.body == part("Avery") and not note.objective_links.exists()
    with pytest.raises(ValidationError, match="shared part is locked"):
        group_notes.group_note_save(
            session=session, topic="Other", interventions="x", duration_minutes=60,
            actor=clinician, revision=1,
        )  # fmt: skip
    assert GroupNote.objects.get(session=session).topic == "Coping with cravings"


def _raw(sql: str, *params) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_database_refuses_changes_to_a_signed_note(program, clinician, director):
    session, (avery,) = group_with(program, clinician, 1)
    objective, spare = active_objectives(avery.episode, clinician, "One", "Two")
    shared(session, clinician)
    note = write(avery, clinician, objective_ids=[objective.pk])
    sign_note(note, clinician)
    table = "scheduling_progressnote"
    with pytest.raises(DatabaseError, match="locked"):
        _raw(f"UPDATE {table} SET body = '{{}}'::jsonb WHERE id = %s", note.pk)  # noqa: S608
    with pytest.raises(DatabaseError):
        _raw(f"DELETE FROM {table} WHERE id = %s", note.pk)  # noqa: S608
    with pytest.raises(DatabaseError, match="Signed notes are locked"):
        _raw(
            "UPDATE scheduling_noteobjective SET objective_id = %s WHERE note_id = %s",
            spare.pk,
            note.pk,
        )
    with pytest.raises(DatabaseError, match="Signed notes are locked"):
        _raw("DELETE FROM scheduling_noteobjective WHERE note_id = %s", note.pk)
    with pytest.raises(DatabaseError, match="Signed notes are locked"), transaction.atomic():
        NoteObjective.objects.create(note=note, objective=spare)
    with pytest.raises(DatabaseError, match="Signed notes are locked"):
        _raw("UPDATE scheduling_groupnote SET topic = 'Changed' WHERE session_id = %s", session.pk)
    # The co-signature columns are open only on a note that needs one (issue 10: forging).
    with pytest.raises(DatabaseError, match="needs a co-signature"):
        _raw(
            f"UPDATE {table} SET cosigned_at = now(), cosigned_by_id = %s WHERE id = %s",  # noqa: S608
            director.pk,
            note.pk,
        )
    note.refresh_from_db()
    assert note.body == part("Avery") and note.cosigned_by is None


def test_addenda_are_signed_at_once_and_never_changed(program, clinician):
    session, (avery,) = group_with(program, clinician, 1)
    shared(session, clinician)
    note = write(avery, clinician)
    with pytest.raises(ValidationError, match="addenda are for signed notes"):
        note_signing.addendum_add(note=note, text="Late entry", actor=clinician)
    sign_note(note, clinician)
    with pytest.raises(ValidationError):
        note_signing.addendum_add(note=note, text="   ", actor=clinician)
    addendum = note_signing.addendum_add(
        note=note, text="Client called later: safe.", actor=clinician
    )
    assert addendum.signed_at is not None and len(addendum.content_sha256) == 64
    assert Signature.for_object(addendum).get().content_sha256 == addendum.content_sha256
    with pytest.raises(DatabaseError):
        _raw("UPDATE scheduling_addendum SET text = 'x' WHERE id = %s", addendum.pk)
    assert Addendum.objects.get().text == "Client called later: safe."


# ---------------------------------------------------------------- co-signing


@pytest.fixture
def trainee(program, clinician):
    intern = member(Role.CLINICIAN, program, first_name="Ira", last_name="Intern")
    Membership.objects.filter(user=intern).update(notes_need_cosign=True, supervisor=clinician)
    return intern


def _signed_by(program, author):
    session, (avery,) = group_with(program, author, 1)
    shared(session, author)
    return sign_note(write(avery, author), author)


def test_a_trainees_note_waits_for_a_cosignature(program, trainee, clinician, director):
    note = _signed_by(program, trainee)
    assert note.cosign_required and note.cosigned_at is None
    with pytest.raises(ValidationError, match="someone other than the author"):
        note_signing.note_cosign(note=note, actor=trainee)
    note_signing.note_cosign(note=note, actor=clinician)  # the named supervisor
    note.refresh_from_db()
    assert note.cosigned_by == clinician
    assert Signature.for_object(note).filter(role="cosigner").count() == 1
    with pytest.raises(ValidationError, match="already co-signed"):
        note_signing.note_cosign(note=note, actor=director)


def test_a_director_cosigns_but_another_clinician_cannot(program, trainee, director):
    note = _signed_by(program, trainee)
    colleague = member(Role.CLINICIAN, program)
    with pytest.raises(PermissionDenied):
        note_signing.note_cosign(note=note, actor=colleague)
    note_signing.note_cosign(note=note, actor=director)
    assert ProgressNote.objects.get(pk=note.pk).cosigned_by == director


def test_a_note_that_needs_no_cosignature_is_not_cosigned(program, clinician, director):
    note = _signed_by(program, clinician)
    assert not note.cosign_required
    with pytest.raises(ValidationError, match="does not need"):
        note_signing.note_cosign(note=note, actor=director)


def test_an_unsigned_note_cannot_be_cosigned(program, trainee, director):
    session, (avery,) = group_with(program, trainee, 1)
    note = write(avery, trainee)
    with pytest.raises(ValidationError, match="signs first"):
        note_signing.note_cosign(note=note, actor=director)


# ---------------------------------------------------------------- individual notes


def test_individual_note_in_the_programs_format_linked_to_objectives(program, clinician):
    program.note_format = "soap"
    program.save()
    session = past_session(program, clinician, kind=SessionKind.INDIVIDUAL)
    (episode,) = episodes(program, 1)
    attend(session, episode)
    objective = active_objectives(episode, clinician)[0]
    body = {"subjective": "S", "objective": "O", "assessment": "A", "plan": "P", "data": "dropped"}
    note = services.note_save(
        session=session, episode=episode, body=body, objective_ids=[objective.pk],
        actor=clinician, revision=0, visit=full_visit(session),
    )  # fmt: skip
    assert note.format == "soap" and set(note.body) == {
        "subjective",
        "objective",
        "assessment",
        "plan",
    }
    assert list(note.objectives.all()) == [objective]
    sign_note(note, clinician)
    note.refresh_from_db()
    assert "Subjective: S" in note.signed_text and "Plan objectives addressed:" in note.signed_text
    with pytest.raises(ValidationError, match="signed and locked"):
        services.note_save(
            session=session, episode=episode, body=body, objective_ids=[], actor=clinician,
            revision=note.revision,
        )  # fmt: skip


def test_individual_note_for_an_absent_client_is_refused(program, clinician):
    session = past_session(program, clinician, kind=SessionKind.INDIVIDUAL)
    (episode,) = episodes(program, 1)
    attend(session, episode, Attendance.ABSENT_EXCUSED)
    with pytest.raises(ValidationError, match="absent clients get no note"):
        services.note_save(
            session=session, episode=episode, body={}, objective_ids=[], actor=clinician, revision=0
        )


def test_note_sign_refuses_an_incomplete_note(program, clinician):
    session, (avery,) = group_with(program, clinician, 1)
    shared(session, clinician)
    note = write(avery, clinician, body={**part("Avery"), "progress": ""})
    with pytest.raises(ValidationError, match="Progress toward their objectives is empty"):
        sign_note(note, clinician)


# ---------------------------------------------------------------- what is left to do


def test_unsigned_notes_with_age_and_late_flag(program, clinician, staff):
    old, (avery,) = group_with(program, clinician, 1, hours_ago=30)
    new, (blake,) = group_with(program, clinician, 1, hours_ago=3)
    late_note, fresh_note = write(avery, clinician), write(blake, clinician)
    mine = notes_due.notes_unsigned(program_ids=[program.pk], author=clinician)
    assert [row.note for row in mine] == [late_note, fresh_note]
    assert [row.late for row in mine] == [True, False]
    assert mine[0].age_text == "28 hours" and mine[1].age_text == "1 hour"
    assert notes_due.notes_unsigned(program_ids=[program.pk], author=staff[Role.PRESCRIBER]) == []
    program.note_late_hours = 48
    program.save()
    assert not any(row.late for row in notes_due.notes_unsigned(program_ids=[program.pk]))


def test_notes_to_write_counts_present_clients_without_a_note(program, clinician, staff):
    session, (avery, blake) = group_with(program, clinician, 2)
    (absent,) = episodes(program, 1, start=5)
    attend(session, absent, Attendance.ABSENT_UNEXCUSED)
    write(avery, clinician)
    (item,) = notes_due.notes_to_write(user=clinician, program_ids=[program.pk])
    assert item.session == session and item.missing == 1
    assert notes_due.notes_to_write(user=staff[Role.PRESCRIBER], program_ids=[program.pk]) == []
    write(blake, clinician)
    assert notes_due.notes_to_write(user=clinician, program_ids=[program.pk]) == []


def test_late_is_measured_from_the_end_of_the_session(program, clinician):
    session, (avery,) = group_with(program, clinician, 1, hours_ago=25.4)  # ended 23.9 h ago
    write(avery, clinician)
    (row,) = notes_due.notes_unsigned(program_ids=[program.pk])
    assert not row.late
    later = timezone.now() + datetime.timedelta(minutes=10)
    assert notes_due.notes_unsigned(program_ids=[program.pk], now=later)[0].late
