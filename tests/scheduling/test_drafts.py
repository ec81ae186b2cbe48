"""Nothing typed is lost: note forms save a draft on the server as the clinician types
(htmx posts the form with autosave=1 a few seconds after a change). The draft keeps the
stale-save rule, survives a sign-out and an idle logoff, and the page is wired to warn
before leaving with text the server does not have yet."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from iop.accounts.middleware import LAST_ACTIVITY_KEY
from iop.accounts.models import Role
from scheduling.models import GroupNote, ProgressNote, SessionKind
from scheduling.services import notes as services
from tests.scheduling.charting_helpers import (
    PART,
    attend,
    episodes,
    full_visit,
    group_with,
    past_session,
    sign_note,
)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
DAP = {
    "data": "Arrived on time; described a hard weekend with her sister.",
    "assessment": "Used grounding without prompting: progress on objective 1.",
    "plan": "",
}


@pytest.fixture
def clinician(staff):
    return staff[Role.CLINICIAN]


@pytest.fixture
def individual(program, clinician):
    session = past_session(program, clinician, kind=SessionKind.INDIVIDUAL)
    return attend(session, episodes(program, 1)[0])


def note_url(attendee):
    return reverse("scheduling:note_write", args=[attendee.pk])


def draft(http, attendee, body=DAP, revision=0):
    return http.post(
        note_url(attendee), {**body, "revision": str(revision), "autosave": "1"}, **HTMX
    )


def test_a_draft_survives_signing_out_and_back_in(individual, clinician, login_as):
    http = login_as(clinician)
    response = draft(http, individual)
    assert response.status_code == 200
    assert response["X-Draft-Saved"] == "1"
    assert "Draft saved" in response.content.decode()
    # The next save starts from the revision just saved (swapped into the form).
    assert 'name="revision" value="1" id="id_revision" hx-swap-oob="true"' in (
        response.content.decode()
    )
    http.post(reverse("account_logout"))
    assert http.get(note_url(individual)).status_code == 302  # signed out
    http = login_as(clinician)
    page = http.get(note_url(individual)).content.decode()
    assert "described a hard weekend with her sister" in page
    assert "Used grounding without prompting" in page


def test_a_draft_survives_an_idle_logoff(individual, clinician, login_as):
    http = login_as(clinician)
    draft(http, individual)
    session = http.session
    session[LAST_ACTIVITY_KEY] = time.time() - 16 * 60
    session.save()
    response = http.get(note_url(individual))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    page = login_as(clinician).get(note_url(individual)).content.decode()
    assert "described a hard weekend with her sister" in page


def test_drafts_keep_saving_from_the_revision_they_saved(individual, clinician, login_as):
    http = login_as(clinician)
    draft(http, individual)
    response = draft(http, individual, {**DAP, "plan": "Practice grounding daily."}, revision=1)
    assert response["X-Draft-Saved"] == "1"
    note = ProgressNote.objects.get(client=individual.client)
    assert (note.revision, note.body["plan"]) == (2, "Practice grounding daily.")
    assert not note.is_signed


def test_a_stale_draft_is_refused_and_changes_nothing(individual, clinician, login_as):
    """The author's other tab (or device) saved meanwhile: the older page cannot overwrite it."""
    draft(login_as(clinician), individual, {**DAP, "plan": "Plan from the tablet."})
    response = draft(login_as(clinician), individual, {**DAP, "plan": "My plan."}, revision=0)
    page = response.content.decode()
    assert "X-Draft-Saved" not in response
    assert "Not saved: this note was saved elsewhere since you opened it" in page
    assert (
        ProgressNote.objects.get(client=individual.client).body["plan"] == "Plan from the tablet."
    )


def test_an_empty_form_creates_no_note(individual, clinician, login_as):
    response = draft(login_as(clinician), individual, {"data": " ", "assessment": "", "plan": ""})
    assert response["X-Draft-Saved"] == "1"
    assert not ProgressNote.objects.filter(client=individual.client).exists()


def test_a_signed_note_takes_no_draft(individual, clinician, login_as):
    http = login_as(clinician)
    draft(http, individual, {**DAP, "plan": "Next week."})
    # Signing needs the visit facts a draft may still lack.
    services.note_save(
        session=individual.session,
        episode=individual.episode,
        body={**DAP, "plan": "Next week."},
        objective_ids=[],
        actor=clinician,
        revision=1,
        visit=full_visit(individual.session),
    )
    sign_note(ProgressNote.objects.get(client=individual.client), clinician)
    response = draft(http, individual, {**DAP, "plan": "Changed."}, revision=2)
    assert "Not saved: This note is signed and locked" in response.content.decode()
    assert ProgressNote.objects.get(client=individual.client).body["plan"] == "Next week."


def test_the_note_page_is_wired_for_autosave_and_the_leave_warning(individual, clinician, login_as):
    page = login_as(clinician).get(note_url(individual)).content.decode()
    assert "data-drafts" in page and "data-autosave" in page
    assert 'hx-trigger="input delay:3s from:closest form"' in page
    assert '{"autosave": "1"}' in page
    assert "js/forms.js" in page


def test_a_refused_save_comes_back_marked_unsaved(individual, clinician, login_as):
    """The page the server answers a conflict with holds unsaved text: the script warns."""
    draft(login_as(clinician), individual)
    response = login_as(clinician).post(note_url(individual), {**DAP, "revision": "0"})
    assert response.status_code == 400
    assert "data-drafts data-unsaved" in response.content.decode()


def test_group_parts_and_the_shared_part_save_drafts(program, clinician, login_as):
    session, (first, _second) = group_with(program, clinician, 2)
    http = login_as(clinician)
    prefix = f"part-{first.pk}-"
    data = {prefix + k: v for k, v in PART.items()} | {prefix + "revision": "0", "autosave": "1"}
    response = http.post(reverse("scheduling:group_part_save", args=[first.pk]), data, **HTMX)
    assert response["X-Draft-Saved"] == "1"
    assert f'id="id_{prefix}revision" hx-swap-oob="true"' in response.content.decode()
    assert (
        ProgressNote.objects.get(client=first.client).body["participation"]
        == (PART["participation"])
    )
    shared = {
        "shared-topic": "Coping with cravings",
        "shared-interventions": "Urge surfing, then rehearsal in pairs.",
        "shared-duration_minutes": "90",
        "shared-revision": "0",
        "autosave": "1",
    }
    url = reverse("scheduling:group_note_save", args=[session.pk])
    assert http.post(url, shared, **HTMX)["X-Draft-Saved"] == "1"
    assert GroupNote.objects.get(session=session).interventions.startswith("Urge surfing")
    page = http.get(reverse("scheduling:session_notes", args=[session.pk])).content.decode()
    assert page.count("data-autosave") == 3  # the shared part and each attendee's part


def test_a_shared_part_draft_missing_a_field_says_which(program, clinician, login_as):
    session, _ = group_with(program, clinician, 1)
    data = {
        "shared-topic": "Coping with cravings",
        "shared-interventions": "",
        "shared-duration_minutes": "90",
        "shared-revision": "0",
        "autosave": "1",
    }
    response = login_as(clinician).post(
        reverse("scheduling:group_note_save", args=[session.pk]), data, **HTMX
    )
    assert "Not saved: Interventions: This field is required." in response.content.decode()
    assert not GroupNote.objects.filter(session=session).exists()
