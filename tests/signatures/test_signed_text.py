"""The words a signature covers, byte for byte, for each kind of signed record.

Signed rows keep their text and hash forever, so the text a record is signed over must not
drift when the code that builds it is rearranged: each record here is signed through its
service on a fixed day, and the stored text (or, for a plan, the signatures' hash) must equal
the text written out below, independently of the helpers in ``iop.signatures.text``.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from intake.services.consents import consent_text
from intake.services.safety_plans import safety_plan_text
from iop.accounts.models import Role
from iop.signatures import text as signed
from iop.signatures.models import Signature, content_hash
from scheduling.models import ProgressNote, SessionKind
from scheduling.services import group_notes, note_signing
from scheduling.services import notes as note_services
from tests.factories import ClientFactory, EpisodeFactory
from tests.intake.consent_helpers import make_consent, sign
from tests.intake.safety_plan_helpers import client_with_alert, signed_plan
from tests.scheduling.charting_helpers import (
    active_objectives,
    attend,
    episodes,
    full_visit,
    group_with,
    own_part,
    past_session,
    sign_note,
)
from tests.treatment_plans.plan_helpers import (
    completed_intake,
    draft_from_templates,
    fresh,
    sign_all,
)
from treatment_plans.services.plan_parts import plan_details_edit
from treatment_plans.services.plan_text import plan_text

# Noon in New York (the program's zone), well clear of midnight and of a DST change.
NOON = datetime.datetime(2026, 6, 10, 16, 0, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def clinician(staff):
    return staff[Role.CLINICIAN]


def test_a_plan_is_signed_over_exactly_these_words(frozen, program, staff, clinician):
    client = ClientFactory(program=program, legal_first_name="Jordan", legal_last_name="Vale")
    episode = EpisodeFactory(client=client, primary_clinician=clinician)
    completed_intake(client, staff[Role.INTAKE])
    draft = draft_from_templates(episode, clinician)
    plan_details_edit(
        plan=draft,
        by=clinician,
        revision=draft.revision,
        strengths="Steady job at the garage.\n\n  Close to his sister.  ",
    )
    plan = sign_all(fresh(draft), clinician, staff[Role.DIRECTOR])
    who = clinician.display_name
    expected = f"""Treatment plan, version 1
Client: Jordan Vale, born May 17, 1990, record number {client.record_number}
Program: Riverside IOP
Admitted: May 31, 2026

Diagnoses (ICD-10-CM):
  Primary: F43.10 Post-traumatic stress disorder, unspecified

Problem 1: Post-traumatic stress symptoms (intrusive memories, nightmares, avoidance) \
interfere with sleep, work and relationships.
  Goal, in the client's words: Sleep without the nightmares waking me, and go back to the \
store where it happened.
  Goal, clinical restatement: Reduce PTSD symptom severity and avoidance.
    Objective: Uses a grounding skill when distressed, at least 5 times a week, recorded on \
the diary card.
      Measure: Practiced 5 times a week; target date: July 8, 2026; status: Not started
    Objective: PCL-5 total below 33 on two consecutive administrations.
      Measure: PCL-5 score below 33; target date: September 2, 2026; status: Not started
  Intervention: Seeking Safety; 3 groups a week; responsible: {who}
    Details: Coping skills for trauma and substance use.
  Intervention: Cognitive Processing Therapy (CPT); weekly, 50 minutes; responsible: {who}
    Details: After readiness is confirmed.

Strengths: Steady job at the garage.
    Close to his sister.
Preferences for pacing: —
Topics or approaches to avoid: —
Referrals: —
Discharge criteria: —
Aftercare plan: —"""
    assert plan_text(plan) == expected
    hashes = {s.content_sha256 for s in Signature.for_object(plan)}
    assert hashes == {content_hash(expected)} and len(Signature.for_object(plan)) == 3


def test_a_consent_is_signed_over_exactly_these_words(frozen, program, staff):
    client = ClientFactory(program=program, legal_first_name="Jordan", legal_last_name="Vale")
    EpisodeFactory(client=client)
    consent = sign(make_consent(client), staff[Role.INTAKE])
    expected = (
        "Consent to disclose substance use disorder treatment records (42 CFR part 2, "
        "section 2.31)\n\n"
        f"Client: Jordan Vale, born May 17, 1990, record number {client.record_number}\n\n"
        "Who may disclose: Riverside IOP\n\n"
        "Recipient: Judge Alma Reyes, County Drug Court\n\n"
        "Information that may be disclosed: Attendance; Drug screen results\n\n"
        "Purpose of the disclosure: Monitoring progress in treatment as a condition of "
        "probation.\n\n"
        "This consent expires: On December 7, 2026\n\n"
        "Right to revoke and how: You may revoke this consent at any time, in writing, by "
        "giving or sending a signed statement to the program's privacy officer, except to the "
        "extent that the program has already acted in reliance on it.\n\n"
        "By signing, you confirm that you have read this consent, or had it read to you, and "
        "that you agree to it."
    )
    assert consent.signed_text == expected and consent_text(consent) == expected
    hashes = {s.content_sha256 for s in Signature.for_object(consent)}
    assert hashes == {content_hash(expected)}


def test_a_safety_plan_is_signed_over_exactly_these_words(frozen, program, clinician):
    plan = signed_plan(client_with_alert(program, clinician), clinician)
    expected = f"""Safety plan, version 1
Client: Rosa Delgado, born May 17, 1990, record number {plan.client.record_number}
Program: Riverside IOP

1. Signs that a crisis may be starting
When I stop answering my sister's texts and stay in bed all day.

2. Things I can do on my own to feel better
Walk the dog round the reservoir; cold water on my face; box breathing.

3. People and places that help take my mind off things
The library on Main Street; my cousin Dee's kitchen.

4. People I can ask for help
My sister Ana, 555-0142. My sponsor Luis, 555-0199.

5. Professionals I can contact
My counselor at the program, weekdays 9 to 5.

6. Making my surroundings safer
Ana keeps my pills and locks them; no alcohol in the house.

7. My reasons for living
My daughter's graduation next June, and my dog Biscuit.

Crisis lines, always there for you
988 Suicide & Crisis Lifeline: call or text 988, any time, day or night
Emergency: call 911, or go to the nearest emergency room

We will look at this plan again by July 10, 2026."""
    assert plan.signed_text == expected and safety_plan_text(plan) == expected
    hashes = {s.content_sha256 for s in Signature.for_object(plan)}
    assert hashes == {content_hash(expected)}


def test_a_group_note_is_signed_over_exactly_these_words(frozen, program, clinician):
    session, (avery, _blake) = group_with(program, clinician, 2)
    objective = active_objectives(avery.episode, clinician, "Practice urge surfing")[0]
    group_notes.group_part_save(
        attendee=avery,
        body=own_part("Avery"),
        objective_ids=[objective.pk],
        actor=clinician,
        revision=0,
    )
    group_notes.group_note_save(
        session=session,
        topic="Coping with cravings",
        interventions="Psychoeducation on urges;\nurge-surfing rehearsal in pairs.",
        duration_minutes=90,
        actor=clinician,
        revision=0,
    )
    group_notes.group_notes_sign(
        session=session, actor=clinician, shown=group_notes.group_shown_hashes(session)
    )
    note = ProgressNote.objects.get(client=avery.client)
    assert session.group is not None
    expected = f"""Group note: {session.group.name}
Client: Avery QuillAx, record number {avery.client.record_number}
Session: Wednesday June 10, 2026, 09:00-10:30 (America/New_York)
Attendance: Present, 90 minutes

Topic: Coping with cravings
Interventions: Psychoeducation on urges;
  urge-surfing rehearsal in pairs.
Duration: 90 minutes

Participation: Avery arrived settled and talked about a craving on the bus after work.
Response: Response Avery: chose paced breathing and tried it during the exercise.
Progress toward their objectives: Reports progress: two evenings logged.
Safety: None observed or reported.

Plan objectives addressed:
  - Practice urge surfing (Practiced 3 times a week)"""
    assert note.signed_text == expected
    assert note.content_sha256 == Signature.for_object(note).get().content_sha256
    assert note.content_sha256 == content_hash(expected)


def _signed_individual_note(program, clinician, section_text):
    """An individual note of a session on the frozen day, each section ``section_text(key)``,
    no objectives, signed by ``clinician``."""
    session = past_session(program, clinician, kind=SessionKind.INDIVIDUAL)
    (episode,) = episodes(program, 1, start=3)
    attend(session, episode)
    body = {key: section_text(key) for key in note_services.section_keys(program.note_format)}
    note = note_services.note_save(
        session=session,
        episode=episode,
        body=body,
        objective_ids=[],
        actor=clinician,
        revision=0,
        visit=full_visit(session),
    )
    sign_note(note, clinician)
    note.refresh_from_db()
    return note


def test_an_individual_note_keeps_its_lines_and_marks_an_empty_objective_list(
    frozen, program, clinician
):
    note = _signed_individual_note(
        program, clinician, lambda key: f"  First line of {key}.\n\n   Second line.  \n"
    )
    episode = note.episode
    lines = note.signed_text.splitlines()
    assert lines[:3] == [
        "Individual therapy note",
        f"Client: Devon QuillDx, record number {episode.client.record_number}",
        "Session: Wednesday June 10, 2026, 09:00-10:30 (America/New_York)",
    ]
    # Each section keeps its lines: blank ones dropped, trailing spaces cut, later lines
    # indented two more spaces than typed.
    first_label = note.sections[0][1]
    at = lines.index(f"{first_label}: First line of {note.sections[0][0]}.")
    assert lines[at + 1] == "     Second line."
    assert lines[-2:] == ["", "Plan objectives addressed: none"]
    assert note.content_sha256 == content_hash(note.signed_text)


def test_an_addendum_is_signed_over_the_note_it_corrects_and_its_words(frozen, program, clinician):
    note = _signed_individual_note(program, clinician, lambda key: "Seen.")
    addendum = note_signing.addendum_add(
        note=note, text="  The client also named a sponsor.  ", actor=clinician
    )
    expected = (
        f"Addendum to the note of 2026-06-10 ({note.content_sha256}):\n"
        "The client also named a sponsor."
    )
    (signature,) = Signature.for_object(addendum)
    assert addendum.content_sha256 == signature.content_sha256 == content_hash(expected)


# ---------------------------------------------------------------- the shared pieces


def test_a_labelled_block_keeps_lines_and_marks_an_empty_field():
    assert signed.labelled_block("Goal", "  one \n\n two  \n") == ["Goal: one", "   two"]
    assert signed.labelled_block("Details", "x\ny", "    ") == ["    Details: x", "      y"]
    assert signed.labelled_block("Strengths", "  \n ") == ["Strengths: —"]


def test_the_long_date_and_the_client_line():
    assert signed.long_date(datetime.date(2026, 7, 4)) == "July 4, 2026"
    client = ClientFactory.build(
        legal_first_name="Ana",
        legal_last_name="Ruiz",
        record_number="R-1",
        date_of_birth=datetime.date(1988, 1, 2),
    )
    assert signed.client_identity(client) == "Ana Ruiz, born January 2, 1988, record number R-1"


def test_a_stale_page_is_refused_with_its_message():
    text = "Treatment plan, version 2"
    signed.refuse_if_changed(text, signed.shown_hash(text), refusal="unused")
    with pytest.raises(
        ValidationError, match="The plan changed since this page was opened. Read it again."
    ):
        signed.refuse_if_changed(
            text + " ", signed.shown_hash(text), refusal=signed.changed_since_shown("plan")
        )
    assert (
        signed.shown_hash("é")
        == content_hash("é")
        == ("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c")
    )
