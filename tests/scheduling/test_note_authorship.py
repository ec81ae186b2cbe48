"""Who writes and signs a note: only its author (or, for a group part, a facilitator of the
session when a facilitator wrote it); the co-signature rule comes from the author; a signature
covers only the text that was on the signer's screen."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from iop.accounts.models import Membership, Role
from scheduling.access import can_cosign_note
from scheduling.models import ProgressNote, SessionKind
from scheduling.services import group_notes, note_signing
from scheduling.services import notes as services
from tests.factories import member
from tests.scheduling.charting_helpers import (
    attend,
    episodes,
    full_visit,
    group_with,
    own_part,
    past_session,
    shown_hash,
    sign_all_data,
    sign_data,
)
from tests.scheduling.factories import staff_session

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def riley(program):
    user = member(Role.CLINICIAN, program)
    user.first_name, user.last_name = "Riley", "Chen"
    user.save()
    return user


def shared(session, user):
    group_notes.group_note_save(
        session=session,
        topic="Coping with cravings",
        interventions="Urge surfing.",
        duration_minutes=90,
        actor=user,
        revision=0,
    )


def part(attendee, user):
    return group_notes.group_part_save(
        attendee=attendee,
        body=own_part(attendee.client.legal_first_name),
        objective_ids=[],
        actor=user,
        revision=0,
    )


def individual_draft(program, author):
    session = past_session(program, author, kind=SessionKind.INDIVIDUAL)
    (episode,) = episodes(program, 1)
    attendee = attend(session, episode)
    note = services.note_save(
        session=session,
        episode=episode,
        body={key: "Written." for key in services.section_keys(program.note_format)},
        objective_ids=[],
        actor=author,
        revision=0,
        visit=full_visit(session),
    )
    return attendee, note


# ---------------------------------------------------------------- signing someone else's note


def test_a_prescribers_post_to_a_colleagues_draft_is_refused(login_as, program, riley):
    _attendee, note = individual_draft(program, riley)
    prescriber = login_as(member(Role.PRESCRIBER, program))
    response = prescriber.post(
        reverse("scheduling:note_sign", args=[note.pk]),
        {"text_sha256": shown_hash(note)},
        follow=True,
    )
    assert "Only Riley Chen, who wrote this note, can sign it." in response.content.decode()
    note.refresh_from_db()
    assert not note.is_signed and note.author == riley
    # The prescriber's page says whose note it is and offers no signing.
    html = prescriber.get(reverse("scheduling:note_detail", args=[note.pk])).content.decode()
    assert "Only Riley Chen, who wrote this note, can sign it." in html
    assert "Sign and lock" not in html


def test_an_empty_post_by_the_author_signs_nothing(login_as, program, riley):
    _attendee, note = individual_draft(program, riley)
    response = login_as(riley).post(reverse("scheduling:note_sign", args=[note.pk]), follow=True)
    assert "changed since this page was opened" in response.content.decode()
    assert not ProgressNote.objects.get(pk=note.pk).is_signed


def test_sign_all_by_someone_else_signs_none_of_the_others_notes(login_as, program, riley):
    session, attendees = group_with(program, riley, 3)
    shared(session, riley)
    for attendee in attendees:
        part(attendee, riley)
    outsider = member(Role.PRESCRIBER, program)
    result = group_notes.group_notes_sign(
        session=session, actor=outsider, shown=group_notes.group_shown_hashes(session)
    )
    assert result.signed == [] and len(result.not_theirs) == 3
    browser = login_as(outsider)
    page = browser.get(reverse("scheduling:session_notes", args=[session.pk])).content.decode()
    assert "Signed by the clinician who wrote them" in page and "written by Riley Chen" in page
    assert "Sign all notes" not in page
    response = browser.post(
        reverse("scheduling:group_notes_sign", args=[session.pk]),
        {"shown": [f"{k}:{v}" for k, v in group_notes.group_shown_hashes(session).items()]},
        follow=True,
    )
    assert "No note was signed: 3 notes written by Riley Chen" in response.content.decode()
    assert not ProgressNote.objects.signed().exists()
    assert set(ProgressNote.objects.values_list("author", flat=True)) == {riley.pk}


def test_sign_all_signs_mine_and_lists_the_rest(login_as, program, riley):
    mine_author = member(Role.CLINICIAN, program)
    session, (avery, blake) = group_with(program, riley, 2)
    shared(session, riley)
    part(avery, riley)
    part(blake, mine_author)  # not a facilitator of this session
    browser = login_as(riley)
    response = browser.post(
        reverse("scheduling:group_notes_sign", args=[session.pk]),
        sign_all_data(browser, session),
        follow=True,
    )
    page = response.content.decode()
    assert "Signed 1 note" in page and "Left unsigned: 1 note written by" in page
    assert ProgressNote.objects.get(client=avery.client).is_signed
    assert not ProgressNote.objects.get(client=blake.client).is_signed


def test_a_co_facilitator_signs_the_leads_parts(login_as, program, riley):
    co = member(Role.CLINICIAN, program)
    session, (avery, blake) = group_with(program, riley, 2)
    staff_session(session, co, role="co")
    shared(session, riley)
    part(avery, riley)
    part(blake, riley)
    browser = login_as(co)
    response = browser.post(
        reverse("scheduling:group_notes_sign", args=[session.pk]),
        sign_all_data(browser, session),
        follow=True,
    )
    assert "Signed 2 notes" in response.content.decode()
    for note in ProgressNote.objects.all():
        assert note.is_signed and note.signed_by == co and note.author == riley


# ---------------------------------------------------------------- the co-signature rule


def test_a_trainees_note_needs_a_co_signature_whoever_of_the_group_signs(program, riley):
    trainee = member(Role.CLINICIAN, program)
    Membership.objects.filter(user=trainee).update(notes_need_cosign=True, supervisor=riley)
    session, (avery, blake) = group_with(program, trainee, 2)
    staff_session(session, riley, role="co")
    shared(session, trainee)
    first, second = part(avery, trainee), part(blake, trainee)
    note_signing.note_sign(note=first, actor=trainee, shown_sha256=shown_hash(first))
    note_signing.note_sign(note=second, actor=riley, shown_sha256=shown_hash(second))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.cosign_required and second.cosign_required
    assert second.author == trainee and second.signed_by == riley
    assert can_cosign_note(riley, first)  # the trainee's supervisor
    note_signing.note_cosign(note=first, actor=riley)


# ---------------------------------------------------------------- saving someone else's draft


def test_saving_a_colleagues_individual_draft_is_refused(login_as, program, riley):
    attendee, note = individual_draft(program, riley)
    colleague = member(Role.CLINICIAN, program)
    with pytest.raises(ValidationError, match="Only Riley Chen, who wrote this note"):
        services.note_save(
            session=attendee.session,
            episode=attendee.episode,
            body={"data": "Overwritten."},
            objective_ids=[],
            actor=colleague,
            revision=note.revision,
        )
    url = reverse("scheduling:note_write", args=[attendee.pk])
    response = login_as(colleague).post(
        url, {"revision": str(note.revision), "data": "Overwritten."}, follow=True
    )
    assert "Only Riley Chen, who wrote this note, can change it." in response.content.decode()
    note.refresh_from_db()
    assert note.author == riley and "Overwritten." not in note.body.values()


@pytest.mark.parametrize("htmx", [True, False])
def test_saving_a_colleagues_group_part_is_refused(login_as, program, riley, htmx):
    session, (avery,) = group_with(program, riley, 1)
    note = part(avery, riley)
    colleague = member(Role.CLINICIAN, program)
    prefix = f"part-{avery.pk}-"
    data = {prefix + "participation": "Overwritten.", prefix + "revision": str(note.revision)}
    browser = login_as(colleague)
    url = reverse("scheduling:group_part_save", args=[avery.pk])
    response = browser.post(url, data, **(HTMX if htmx else {}), follow=not htmx)
    assert "Only Riley Chen, who wrote this note, can change it." in response.content.decode()
    note.refresh_from_db()
    assert note.author == riley and note.body["participation"] != "Overwritten."
    page = browser.get(reverse("scheduling:session_notes", args=[session.pk])).content.decode()
    assert "Written by Riley Chen: only they can change it." in page
    assert f"Save {avery.client.display_name}" not in page


# ---------------------------------------------------------------- the text that was shown


def test_signing_text_that_changed_since_it_was_shown_is_refused(login_as, program, riley):
    attendee, note = individual_draft(program, riley)
    browser = login_as(riley)
    shown = sign_data(browser, note)
    body = {key: "Changed after." for key in services.section_keys(program.note_format)}
    services.note_save(
        session=attendee.session,
        episode=attendee.episode,
        body=body,
        objective_ids=[],
        actor=riley,
        revision=note.revision,
    )
    sign = reverse("scheduling:note_sign", args=[note.pk])
    response = browser.post(sign, shown, follow=True)
    assert "This note changed since this page was opened" in response.content.decode()
    assert not ProgressNote.objects.get(pk=note.pk).is_signed
    response = browser.post(sign, sign_data(browser, note), follow=True)
    assert "Note signed and locked." in response.content.decode()
    note.refresh_from_db()
    assert note.is_signed and "Changed after." in note.signed_text


def test_sign_all_refuses_parts_changed_since_the_page_was_opened(login_as, program, riley):
    session, (avery, blake) = group_with(program, riley, 2)
    shared(session, riley)
    first = part(avery, riley)
    browser = login_as(riley)
    shown = sign_all_data(browser, session)
    part(blake, riley)  # written in another tab after the page was opened
    sign = reverse("scheduling:group_notes_sign", args=[session.pk])
    response = browser.post(sign, shown, follow=True)
    page = response.content.decode()
    assert "Nothing was signed" in page and blake.client.display_name in page
    assert not ProgressNote.objects.signed().exists()
    assert first.pk  # and the fresh page signs both
    response = browser.post(sign, sign_all_data(browser, session), follow=True)
    assert "Signed 2 notes" in response.content.decode()


def test_the_sign_bar_after_an_htmx_save_carries_the_new_hash(login_as, program, riley):
    session, (avery,) = group_with(program, riley, 1)
    shared(session, riley)
    browser = login_as(riley)
    prefix = f"part-{avery.pk}-"
    data = {prefix + k: v for k, v in own_part("Avery").items()}
    data[prefix + "revision"] = "0"
    url = reverse("scheduling:group_part_save", args=[avery.pk])
    html = browser.post(url, data, **HTMX).content.decode()
    note = ProgressNote.objects.get()
    assert f'name="shown" value="{note.pk}:{shown_hash(note)}"' in html


def test_the_group_page_queries_do_not_grow_with_the_parts(login_as, program, riley):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def page_queries(count):
        session, attendees = group_with(program, riley, count)
        shared(session, riley)
        for attendee in attendees:
            part(attendee, riley)
        browser = login_as(riley)
        url = reverse("scheduling:session_notes", args=[session.pk])
        browser.get(url)
        with CaptureQueriesContext(connection) as queries:
            html = browser.get(url).content.decode()
        assert html.count('name="shown"') >= 2  # hashes computed for the ready parts
        return len(queries)

    assert page_queries(2) == page_queries(8)
