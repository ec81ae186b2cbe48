"""Trauma processing measures on an individual note: offered when the active plan has a
processing therapy, checked with clear messages (nothing saved), signed and locked with the
note, and shown on its page."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse

from iop.accounts.models import Role
from scheduling.models import ProgressNote, SessionKind
from scheduling.services import notes as services
from scheduling.services.note_processing import NoteProcessing
from tests.relapse_prevention.processing_helpers import processing_plan
from tests.scheduling.charting_helpers import attend, episodes, full_visit, past_session, sign_data

pytestmark = pytest.mark.django_db
BODY = {"data": "Worked on the target.", "assessment": "Tolerated well.", "plan": "Continue."}


@pytest.fixture
def clinician(staff):
    return staff[Role.CLINICIAN]


@pytest.fixture
def attendee(program, clinician):
    program.note_format = "dap"
    program.save(update_fields=["note_format"])
    session = past_session(program, clinician, kind=SessionKind.INDIVIDUAL)
    (episode,) = episodes(program, 1)
    return attend(session, episode)


@pytest.fixture
def emdr_plan(attendee, clinician):
    return processing_plan(attendee.episode, clinician)


def form_data(attendee, **processing):
    visit = full_visit(attendee.session)
    return {
        **BODY,
        "revision": "0",
        "start": f"{visit.start:%H:%M}",
        "stop": f"{visit.stop:%H:%M}",
        "service_code": str(visit.service_code_id),
        "risk_screen": "none",
        **processing,
    }


def save(attendee, clinician, processing):
    return services.note_save(
        session=attendee.session,
        episode=attendee.episode,
        body=BODY,
        objective_ids=[],
        actor=clinician,
        revision=0,
        visit=full_visit(attendee.session),
        processing=processing,
    )


def write_url(attendee):
    return reverse("scheduling:note_write", args=[attendee.pk])


def test_the_fields_show_only_with_a_processing_therapy_on_the_plan(attendee, clinician, login_as):
    browser = login_as(clinician)
    assert "Trauma processing measures" not in browser.get(write_url(attendee)).text
    processing_plan(attendee.episode, clinician, modality="cpt")
    text = browser.get(write_url(attendee)).text
    assert "Trauma processing measures" in text
    assert "Cognitive Processing Therapy (CPT)" in text and ">EMDR<" not in text


def test_a_plan_in_draft_does_not_offer_them(attendee, clinician, login_as):
    from tests.treatment_plans.gate_helpers import draft_plan

    draft_plan(attendee.episode, clinician, modality="emdr")
    assert "Trauma processing measures" not in login_as(clinician).get(write_url(attendee)).text


def test_bad_measures_are_refused_with_clear_messages_and_nothing_saved(
    attendee, clinician, emdr_plan, login_as
):
    posted = login_as(clinician).post(
        write_url(attendee),
        form_data(
            attendee, processing_modality="emdr", suds_start="11", suds_end="-1", voc_end="8"
        ),
    )
    assert posted.status_code == 400
    text = posted.text
    assert text.count("SUDS is from 0 to 10.") == 2
    assert "VOC is from 1 to 7." in text and "Name the target for EMDR." in text
    assert not ProgressNote.objects.exists()


def test_both_suds_are_needed_once_a_therapy_is_chosen(attendee, clinician, emdr_plan):
    with pytest.raises(ValidationError) as refused:
        save(attendee, clinician, NoteProcessing(modality="emdr", target="memory 1"))
    assert refused.value.message_dict == {
        "suds_start": ["Give SUDS at the start."],
        "suds_end": ["Give SUDS at the end."],
    }
    assert not ProgressNote.objects.exists()


def test_measures_without_a_therapy_are_refused(attendee, clinician, emdr_plan):
    with pytest.raises(ValidationError) as refused:
        save(attendee, clinician, NoteProcessing(suds_start=6, suds_end=3))
    assert "processing_modality" in refused.value.message_dict


def test_a_therapy_not_on_the_plan_is_refused(attendee, clinician, emdr_plan):
    with pytest.raises(ValidationError) as refused:
        save(attendee, clinician, NoteProcessing(modality="pe", suds_start=6, suds_end=3))
    assert refused.value.message_dict["processing_modality"] == [
        "Choose a processing therapy on this client's treatment plan."
    ]


def test_voc_is_for_emdr_only(attendee, clinician):
    processing_plan(attendee.episode, clinician, modality="cpt")
    with pytest.raises(ValidationError) as refused:
        save(
            attendee, clinician, NoteProcessing(modality="cpt", suds_start=6, suds_end=3, voc_end=5)
        )
    assert refused.value.message_dict == {"voc_end": ["VOC is recorded for EMDR only."]}


def test_the_edges_of_the_ranges_are_accepted(attendee, clinician, emdr_plan):
    note = save(
        attendee,
        clinician,
        NoteProcessing(
            modality="emdr", target="  memory   1 ", suds_start=10, suds_end=0, voc_end=1
        ),
    )
    note.refresh_from_db()
    assert (note.processing_target, note.suds_start, note.suds_end, note.voc_end) == (
        "memory 1",
        10,
        0,
        1,
    )


def test_the_measures_are_signed_shown_and_locked(attendee, clinician, emdr_plan, login_as):
    browser = login_as(clinician)
    data = form_data(
        attendee,
        processing_modality="emdr",
        processing_target="memory 1",
        suds_start="8",
        suds_end="5",
        voc_end="4",
    )
    assert browser.post(write_url(attendee), data).status_code == 302
    note = ProgressNote.objects.get()
    detail = reverse("scheduling:note_detail", args=[note.pk])
    browser.post(reverse("scheduling:note_sign", args=[note.pk]), sign_data(browser, note))
    note.refresh_from_db()
    assert note.is_signed
    assert "Trauma processing: EMDR\nTarget: memory 1\n" in note.signed_text
    assert "SUDS (0-10): 8 at the start, 5 at the end" in note.signed_text
    assert "VOC (1-7) at the end: 4" in note.signed_text
    text = browser.get(detail).text
    assert "SUDS (0-10): 8 at the start, 5 at the end" in text
    # The database lock of signed notes covers the new columns too.
    for column, value in (("suds_end", 2), ("processing_target", "other"), ("voc_end", 6)):
        with pytest.raises(DatabaseError), transaction.atomic():
            ProgressNote.objects.filter(pk=note.pk).update(**{column: value})
    assert ProgressNote.objects.get().suds_end == 5
