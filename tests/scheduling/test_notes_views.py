"""Charting pages: the group notes page, the note page, a note, the unsigned list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from iop.accounts.models import Membership, Role
from iop.audit.models import RecordView
from scheduling.models import Attendance, GroupNote, ProgressNote, SessionKind
from scheduling.services import group_notes, note_signing
from tests.factories import member
from tests.scheduling.charting_helpers import (
    PART,
    active_objectives,
    attend,
    episodes,
    full_visit,
    group_with,
    past_session,
    sign_all_data,
    sign_data,
    sign_note,
)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def part_data(attendee, body=None, revision=0, objectives=()):
    prefix = f"part-{attendee.pk}-"
    data = {prefix + key: value for key, value in (body or PART).items()}
    data[prefix + "revision"] = str(revision)
    if objectives:
        data[prefix + "objectives"] = [str(o.pk) for o in objectives]
    return data


SCENES = {
    "A": ("a craving on the bus", "paced breathing", "two evenings logged"),
    "B": ("an argument at home", "a call to a sponsor", "went to a meeting on Sunday"),
    "C": ("a payday trigger", "urge surfing", "kept the budget plan all week"),
}


def own(name):
    """Each client's own words: different enough that no part reads as a clone."""
    scene, skill, progress = SCENES.get(name[:1], ("a quiet week", "grounding", "steady"))
    return {
        "participation": f"{name} spoke twice about {scene}.",
        "response": f"Chose {skill} and tried it in the room.",
        "progress": f"{name[:2]}: {progress}.",
        "safety": "None observed.",
    }


def shared_save(session, user):
    group_notes.group_note_save(
        session=session,
        topic="Coping with cravings",
        interventions="Urge surfing.",
        duration_minutes=90,
        actor=user,
        revision=0,
    )


@pytest.fixture
def clinician(staff):
    return staff[Role.CLINICIAN]


@pytest.fixture
def group(program, clinician):
    session, attendees = group_with(program, clinician, 3)
    (absent,) = episodes(program, 1, start=7)
    attend(session, absent, Attendance.ABSENT_EXCUSED)
    return session, attendees


# ---------------------------------------------------------------- who may open the pages


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.CLINICIAN, 200),
        (Role.PRESCRIBER, 200),
        (Role.DIRECTOR, 200),
        (Role.INTAKE, 403),
        (Role.PROBATION, 403),
        (Role.ADMINISTRATOR, 403),
    ],
)
def test_group_notes_page_roles(login_as, staff, group, role, status):
    session, _ = group
    response = login_as(staff[role]).get(reverse("scheduling:session_notes", args=[session.pk]))
    assert response.status_code == status


def test_another_programs_clinician_gets_404_everywhere(login_as, group, other_program, clinician):
    session, (avery, *_rest) = group
    shared_save(session, clinician)
    note = group_notes.group_part_save(
        attendee=avery, body=PART, objective_ids=[], actor=clinician, revision=0
    )
    outsider = login_as(member(Role.CLINICIAN, other_program))
    gets = [
        reverse("scheduling:session_notes", args=[session.pk]),
        reverse("scheduling:note_write", args=[avery.pk]),
        reverse("scheduling:note_detail", args=[note.pk]),
    ]
    posts = [
        reverse("scheduling:group_note_save", args=[session.pk]),
        reverse("scheduling:group_part_save", args=[avery.pk]),
        reverse("scheduling:group_notes_sign", args=[session.pk]),
        reverse("scheduling:note_sign", args=[note.pk]),
        reverse("scheduling:note_cosign", args=[note.pk]),
        reverse("scheduling:addendum_add", args=[note.pk]),
    ]
    assert [outsider.get(url).status_code for url in gets] == [404] * len(gets)
    assert [outsider.post(url, {}).status_code for url in posts] == [404] * len(posts)
    assert not ProgressNote.objects.signed().exists()


def test_intake_staff_cannot_post_notes(login_as, staff, group):
    session, (avery, *_rest) = group
    browser = login_as(staff[Role.INTAKE])
    url = reverse("scheduling:group_part_save", args=[avery.pk])
    assert browser.post(url, part_data(avery)).status_code == 403
    assert browser.get(reverse("scheduling:notes_unsigned")).status_code == 403
    assert not ProgressNote.objects.exists()


# ---------------------------------------------------------------- the group notes page


def test_group_page_shows_attendees_objectives_and_absent_clients(login_as, clinician, group):
    session, (avery, blake, casey) = group
    active_objectives(avery.episode, clinician, "Practice urge surfing three times a week")
    response = login_as(clinician).get(reverse("scheduling:session_notes", args=[session.pk]))
    html = response.content.decode()
    assert 'value="Coping with cravings"' in html and 'value="90"' in html
    assert "Practice urge surfing three times a week" in html
    for attendee in (avery, blake, casey):
        assert f'id="card-{attendee.pk}"' in html
    assert "Absent, excused" in html and "No note" in html
    assert "style=" not in html and "<script>" not in html
    logged = set(RecordView.objects.filter(user=clinician).values_list("client_id", flat=True))
    assert logged == {a.client_id for a in session.attendees.all()}


def _page_queries(browser, session) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = browser.get(reverse("scheduling:session_notes", args=[session.pk]))
    assert response.status_code == 200
    return len(queries)


def test_group_page_query_count_does_not_grow_with_attendees(login_as, program, clinician):
    browser = login_as(clinician)
    counts = []
    for size in (3, 12):
        session, attendees = group_with(program, clinician, size)
        shared_save(session, clinician)
        for index, attendee in enumerate(attendees):
            active_objectives(attendee.episode, clinician, "One", "Two")
            group_notes.group_part_save(
                attendee=attendee,
                body=own(f"N{index}x"),
                objective_ids=[],
                actor=clinician,
                revision=0,
            )
        counts.append(_page_queries(browser, session))
    assert counts[0] == counts[1], counts


def test_htmx_save_returns_the_card_and_recomputes_the_others_warnings(login_as, clinician, group):
    session, (avery, blake, _casey) = group
    browser = login_as(clinician)
    url = reverse("scheduling:group_part_save", args=[avery.pk])
    browser.post(url, part_data(avery, own("Avery")), **HTMX)
    cloned = part_data(blake, own("Avery"))
    response = browser.post(reverse("scheduling:group_part_save", args=[blake.pk]), cloned, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="card-{blake.pk}"' in html and "saved." in html
    own_card = html.split(f'id="card-{blake.pk}"')[1].split("</article>")[0]
    assert "Identical to the part written for Avery" in own_card
    assert "hx-swap-oob" not in own_card  # its own warnings are swapped with the card
    # Avery's card learns of the clone out of band, and names Blake.
    assert f'id="warnings-{avery.pk}"' in html and 'hx-swap-oob="true"' in html
    assert "Identical to the part written for Blake" in html
    assert "Names another group member" in html  # Blake's own part says "Avery spoke twice"


def test_saving_without_javascript_redirects_to_the_card(login_as, clinician, group):
    session, (avery, *_rest) = group
    objective = active_objectives(avery.episode, clinician)[0]
    url = reverse("scheduling:group_part_save", args=[avery.pk])
    response = login_as(clinician).post(url, part_data(avery, objectives=[objective]))
    assert response.status_code == 302 and response["Location"].endswith(f"#card-{avery.pk}")
    note = ProgressNote.objects.get(client=avery.client)
    assert list(note.objectives.all()) == [objective]


def test_stale_revision_keeps_the_text_and_says_so(login_as, clinician, group):
    session, (avery, *_rest) = group
    browser = login_as(clinician)
    url = reverse("scheduling:group_part_save", args=[avery.pk])
    browser.post(url, part_data(avery))
    mine = {**PART, "safety": "My own words"}
    response = browser.post(url, part_data(avery, mine, revision=0), **HTMX)
    html = response.content.decode()
    assert "Someone else saved this note" in html and "My own words" in html
    assert "What is saved now" in html
    assert ProgressNote.objects.get().body["safety"] == PART["safety"]


def test_absent_attendee_gets_no_note_from_the_page(login_as, clinician, group):
    session, _ = group
    absent = session.attendees.get(attendance=Attendance.ABSENT_EXCUSED)
    response = login_as(clinician).post(
        reverse("scheduling:group_part_save", args=[absent.pk]), part_data(absent), follow=True
    )
    assert "absent clients get no note" in response.content.decode()
    assert not ProgressNote.objects.exists()


def test_editing_a_signed_part_is_refused_with_a_message(login_as, clinician, group):
    session, (avery, *_rest) = group
    shared_save(session, clinician)
    note = group_notes.group_part_save(
        attendee=avery, body=PART, objective_ids=[], actor=clinician, revision=0
    )
    sign_note(note, clinician)
    url = reverse("scheduling:group_part_save", args=[avery.pk])
    body = {**PART, "safety": "changed"}
    response = login_as(clinician).post(url, part_data(avery, body, note.revision), **HTMX)
    assert "signed and locked" in response.content.decode()
    assert ProgressNote.objects.get().body == PART


def test_sign_all_from_the_page(login_as, clinician, group):
    session, (avery, blake, _casey) = group
    browser = login_as(clinician)
    for attendee in (avery, blake):
        url = reverse("scheduling:group_part_save", args=[attendee.pk])
        browser.post(url, part_data(attendee, own(attendee.client.legal_first_name)))
    sign = reverse("scheduling:group_notes_sign", args=[session.pk])
    response = browser.post(sign, follow=True)
    assert "Write the shared part" in response.content.decode()
    shared = {
        "shared-topic": "Coping with cravings",
        "shared-interventions": "Urge surfing in pairs.",
        "shared-duration_minutes": "90",
        "shared-revision": "0",
    }
    browser.post(reverse("scheduling:group_note_save", args=[session.pk]), shared)
    response = browser.post(sign, sign_all_data(browser, session), follow=True)
    assert "Signed 2 notes" in response.content.decode()
    assert ProgressNote.objects.signed().count() == 2


def test_shared_part_duration_beyond_the_session_is_refused(login_as, clinician, group):
    session, _ = group
    data = {
        "shared-topic": "Coping",
        "shared-interventions": "x",
        "shared-duration_minutes": "200",
        "shared-revision": "0",
    }
    response = login_as(clinician).post(
        reverse("scheduling:group_note_save", args=[session.pk]), data, **HTMX
    )
    assert "Give the minutes the group ran, 1 to 90." in response.content.decode()
    assert not GroupNote.objects.filter(session=session).exists()


# ---------------------------------------------------------------- individual notes, detail


def test_individual_note_page_in_program_format_with_objectives(login_as, program, clinician):
    program.note_format = "birp"
    program.save()
    session = past_session(program, clinician, kind=SessionKind.INDIVIDUAL)
    (episode,) = episodes(program, 1)
    attendee = attend(session, episode)
    objective = active_objectives(episode, clinician, "Use a grounding skill daily")[0]
    browser = login_as(clinician)
    url = reverse("scheduling:note_write", args=[attendee.pk])
    html = browser.get(url).content.decode()
    assert "Behavior" in html and "Use a grounding skill daily" in html
    data: dict[str, object] = {"behavior": "B", "intervention": "I", "response": "R", "plan": "P"}
    data["revision"] = "0"
    data["objectives"] = [str(objective.pk)]
    visit = full_visit(session)
    data.update(
        start=f"{visit.start:%H:%M}",
        stop=f"{visit.stop:%H:%M}",
        service_code=str(visit.service_code_id),
        risk_screen="none",
    )
    response = browser.post(url, data)
    note = ProgressNote.objects.get()
    assert response.status_code == 302 and note.format == "birp"
    assert list(note.objectives.all()) == [objective]
    browser.post(reverse("scheduling:note_sign", args=[note.pk]), sign_data(browser, note))
    note.refresh_from_db()
    assert note.is_signed
    response = browser.post(
        url, {**data, "revision": str(note.revision), "plan": "changed"}, follow=True
    )
    assert "signed and locked" in response.content.decode()
    assert ProgressNote.objects.get().body["plan"] == "P"


def test_note_detail_addendum_and_cosign(login_as, program, clinician, staff):
    intern = member(Role.CLINICIAN, program)
    Membership.objects.filter(user=intern).update(notes_need_cosign=True)
    session, (avery,) = group_with(program, intern, 1)
    shared_save(session, intern)
    note = group_notes.group_part_save(
        attendee=avery, body=PART, objective_ids=[], actor=intern, revision=0
    )
    sign_note(note, intern)
    detail = reverse("scheduling:note_detail", args=[note.pk])
    html = login_as(intern).get(detail).content.decode()
    assert "Awaiting co-signature" in html and "Co-sign</button>" not in html
    login_as(intern).post(
        reverse("scheduling:addendum_add", args=[note.pk]), {"text": "Called later."}
    )
    assert note.addenda.count() == 1
    response = login_as(intern).post(
        reverse("scheduling:addendum_add", args=[note.pk]), {"text": ""}
    )
    assert response.status_code == 400
    colleague = login_as(clinician)
    response = colleague.post(reverse("scheduling:note_cosign", args=[note.pk]), follow=True)
    assert "Only a director" in response.content.decode()
    director = login_as(staff[Role.DIRECTOR])
    assert "Co-sign</button>" in director.get(detail).content.decode()
    director.post(reverse("scheduling:note_cosign", args=[note.pk]))
    assert ProgressNote.objects.get().cosigned_by == staff[Role.DIRECTOR]
    assert RecordView.objects.filter(client=avery.client, page="Session note").exists()


# ---------------------------------------------------------------- unsigned notes, chart


def test_unsigned_list_mine_for_clinicians_all_for_directors_with_late_badge(
    login_as, program, clinician, staff
):
    old, (avery,) = group_with(program, clinician, 1, hours_ago=40)
    group_notes.group_part_save(
        attendee=avery, body=PART, objective_ids=[], actor=clinician, revision=0
    )
    prescriber = staff[Role.PRESCRIBER]
    _new, (blake,) = group_with(program, prescriber, 1, hours_ago=2)
    blake.client.legal_first_name = "Blake"
    blake.client.save()
    group_notes.group_part_save(
        attendee=blake, body=PART, objective_ids=[], actor=prescriber, revision=0
    )
    url = reverse("scheduling:notes_unsigned")
    mine = login_as(clinician).get(url).content.decode()
    assert avery.client.display_name in mine and blake.client.display_name not in mine
    assert "Late</span>" in mine and "38 hours" in mine
    everyone = login_as(staff[Role.DIRECTOR]).get(url).content.decode()
    assert avery.client.display_name in everyone and blake.client.display_name in everyone
    assert everyone.count("Late</span>") == 1


def test_chart_lists_the_clients_notes(login_as, clinician, group):
    session, (avery, *_rest) = group
    shared_save(session, clinician)
    note = group_notes.group_part_save(
        attendee=avery, body=PART, objective_ids=[], actor=clinician, revision=0
    )
    sign_note(note, clinician)
    note_signing.addendum_add(note=note, text="More.", actor=clinician)
    html = (
        login_as(clinician).get(reverse("clients:chart", args=[avery.client_id])).content.decode()
    )
    assert "Session notes" in html and reverse("scheduling:note_detail", args=[note.pk]) in html
    assert "Signed " in html
