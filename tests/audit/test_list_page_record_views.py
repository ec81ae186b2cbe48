"""Pages that list clients log a record view of each client they show.

Each page is opened by the role that uses it, with clients in two programs: the rows name
exactly the clients whose names the page shows, never a client of the other program, and a
page that shows nobody writes no row. "Shown" is read from the answer itself, so a client
the page leaves out but the log names (or the reverse) fails the test.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from intake.models import Referral, ReferralSource
from iop.accounts.models import Program, Role, User
from iop.audit.models import RecordView
from iop.clients.models import Client
from scheduling.models import FollowUpTask, Session, SessionKind, TrackEnrolment
from scheduling.services.group_notes import group_part_save
from tests.dashboard.helpers import figure_url
from tests.factories import ClientFactory, EpisodeFactory, ProgramFactory, member
from tests.intake.alerts_helpers import alert_raise
from tests.intake.safety_plan_helpers import safety_plan_samples
from tests.scheduling.charting_helpers import attend, past_session
from tests.scheduling.factories import SessionFactory, TrackFactory, local, staff_session
from tests.scheduling.views_helpers import WED, at, episode, group_session
from tests.treatment_plans.pdf_helpers import plan_pdf_samples

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
NOTE_BODY = {
    "participation": "Took part throughout.",
    "response": "Practiced the skill.",
    "progress": "On track.",
    "safety": "None observed.",
}


def browser(user: User) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


def admitted(program: Program, first: str, **episode: Any) -> Client:
    client: Client = ClientFactory(
        program=program, legal_first_name=first, legal_last_name="Okafor"
    )  # type: ignore[assignment]
    EpisodeFactory(client=client, **episode)
    return client


def logged(page: str) -> set[Any]:
    return set(RecordView.objects.filter(page=page).values_list("client_id", flat=True))


def named_on(response: Any) -> set[Any]:
    html = response.content.decode()
    return {c.pk for c in Client.objects.all() if c.display_name in html}


def assert_logs_whom_it_shows(
    response: Any, page: str, expected: set[Client], hidden: set[Client]
) -> None:
    assert response.status_code == 200
    shown = {c.pk for c in expected}
    assert named_on(response) == shown  # the scenario is what the page shows
    assert logged(page) == shown
    assert not logged(page) & {c.pk for c in hidden}
    for view in RecordView.objects.filter(page=page).select_related("client"):
        assert view.program_id == view.client.program_id


@pytest.fixture
def elsewhere(other_program) -> set[Client]:
    """Clients of the other program, in every list that program has."""
    lead = member(Role.CLINICIAN, other_program)
    grouped = episode(other_program, "Hillsider")
    group_session(other_program, lead, name="Hillside group", episodes=[grouped])
    return {admitted(other_program, "Hidden", primary_clinician=lead), grouped.client}


@pytest.fixture
def empty_program_user():
    """Someone whose own program has no clients at all, for the pages that show nobody."""

    def _user(role: str) -> User:
        return member(role, ProgramFactory(name="Empty IOP"))  # type: ignore[arg-type]

    return _user


# ---------------------------------------------------------------- client list


def test_client_list_logs_the_clients_on_the_page(staff, program, elsewhere):
    first, second = admitted(program, "Ada"), admitted(program, "Bea")
    http = browser(staff[Role.CLINICIAN])
    response = http.get(reverse("clients:list"))
    assert_logs_whom_it_shows(response, "Client list", {first, second}, elsewhere)


def test_client_search_partial_logs_only_the_matches(staff, program, elsewhere):
    first, _ = admitted(program, "Ada"), admitted(program, "Bea")
    http = browser(staff[Role.CLINICIAN])
    response = http.get(
        reverse("clients:list"), {"q": "Ada"}, headers={**HTMX, "HX-Target": "client-results"}
    )
    assert "<html" not in response.content.decode()
    assert_logs_whom_it_shows(response, "Client list", {first}, elsewhere)


def test_a_search_with_no_match_logs_nobody(staff, program, elsewhere):
    admitted(program, "Ada")
    response = browser(staff[Role.CLINICIAN]).get(reverse("clients:list"), {"q": "Zzyzx"})
    assert response.status_code == 200
    assert not RecordView.objects.exists()


# ---------------------------------------------------------------- census


def test_census_logs_its_clients(staff, program, elsewhere):
    """The census shows numbers; the list behind "In care now" names the clients."""
    clients = {admitted(program, "Ada"), admitted(program, "Bea")}
    census = browser(staff[Role.DIRECTOR]).get(reverse("dashboard:census"))
    assert_logs_whom_it_shows(census, "Census", set(), elsewhere)
    response = browser(staff[Role.DIRECTOR]).get(figure_url(program, "active"))
    assert_logs_whom_it_shows(response, "Census: In care now", clients, elsewhere)


def test_an_empty_census_logs_nobody(empty_program_user, elsewhere):
    response = browser(empty_program_user(Role.DIRECTOR)).get(reverse("dashboard:census"))
    assert response.status_code == 200
    assert not RecordView.objects.exists()


# ---------------------------------------------------------------- Today


def test_today_logs_caseload_and_who_is_expected(staff, program, elsewhere):
    me = staff[Role.CLINICIAN]
    mine = episode(program, "Caseload", clinician=me).client
    expected = {a.client for a in group_session(program, me, hour=9, clients=2).attendees.all()}
    episode(program, "Colleagues")  # someone else's client, in no session of mine
    with at(program, WED, 8):
        response = browser(me).get(reverse("scheduling:today"))
    assert_logs_whom_it_shows(response, "Today", {mine, *expected}, elsewhere)


def test_today_with_nothing_on_logs_nobody(staff, program, elsewhere):
    episode(program, "Colleagues")
    with at(program, WED, 8):
        response = browser(staff[Role.CLINICIAN]).get(reverse("scheduling:today"))
    assert response.status_code == 200
    assert not RecordView.objects.exists()


def test_the_follow_ups_partial_logs_its_clients(staff, program, elsewhere):
    me = staff[Role.CLINICIAN]
    tasks = []
    for name in ("Ada", "Bea"):
        ep = episode(program, name, clinician=me)
        tasks.append(
            FollowUpTask.objects.create(
                program=program,
                client=ep.client,
                episode=ep,
                assigned_to=me,
                summary="Call about the missed group",
                due_on=timezone.localdate(),
            )
        )
    done = tasks[0]
    response = browser(me).post(
        reverse("scheduling:followup_done", args=[done.pk]),
        {f"{done.pk}-outcome": "Reached by phone; back on Thursday"},
        headers=HTMX,
    )
    assert "<html" not in response.content.decode()
    shown = {t.client for t in tasks}  # the one done is named in the "done" line
    assert_logs_whom_it_shows(response, "Today: follow-ups", shown, elsewhere)


# ---------------------------------------------------------------- week


def booked_session(program: Program, lead: User, client_of: Any, hour: int = 14) -> None:
    starts = local(program, WED, hour)
    session: Session = SessionFactory(  # type: ignore[assignment]
        program=program,
        kind=SessionKind.INDIVIDUAL,
        occurs_on=WED,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=50),
    )
    staff_session(session, lead)
    session.attendees.create(episode=client_of, client=client_of.client)


def test_week_logs_the_booked_clients_it_names(staff, program, other_program, elsewhere):
    booked = episode(program, "Booked")
    booked_session(program, staff[Role.CLINICIAN], booked)
    group_session(program, staff[Role.CLINICIAN], clients=2)  # a group shows its name only
    booked_session(
        other_program, member(Role.CLINICIAN, other_program), episode(other_program, "Far")
    )
    with at(program, WED, 8):
        response = browser(staff[Role.INTAKE]).get(reverse("scheduling:week"))
    hidden = elsewhere | set(Client.objects.filter(program=other_program))
    assert_logs_whom_it_shows(response, "Week", {booked.client}, hidden)


def test_a_week_of_groups_only_logs_nobody(staff, program, elsewhere):
    group_session(program, staff[Role.CLINICIAN], clients=2)
    with at(program, WED, 8):
        response = browser(staff[Role.INTAKE]).get(reverse("scheduling:week"))
    assert response.status_code == 200
    assert not RecordView.objects.exists()


# ---------------------------------------------------------------- booking form


def test_booking_form_logs_the_clients_in_its_menu(staff, program, elsewhere):
    clients = {admitted(program, "Ada"), admitted(program, "Bea")}
    response = browser(staff[Role.INTAKE]).get(reverse("scheduling:book"))
    assert_logs_whom_it_shows(response, "Booking form", clients, elsewhere)


def test_booking_form_with_nobody_to_book_logs_nobody(empty_program_user, elsewhere):
    response = browser(empty_program_user(Role.INTAKE)).get(reverse("scheduling:book"))
    assert response.status_code == 200
    assert not RecordView.objects.exists()


# ---------------------------------------------------------------- unsigned notes


def draft_note(program: Program, author: User, first: str) -> Client:
    client_episode = episode(program, first)
    attendee = attend(past_session(program, author), client_episode)
    group_part_save(attendee=attendee, body=NOTE_BODY, objective_ids=[], actor=author, revision=0)
    return client_episode.client


def test_unsigned_notes_logs_the_clients_of_the_notes(staff, program, other_program, elsewhere):
    me = staff[Role.CLINICIAN]
    mine = draft_note(program, me, "Drafted")
    far = draft_note(other_program, member(Role.CLINICIAN, other_program), "Far")
    response = browser(me).get(reverse("scheduling:notes_unsigned"))
    assert_logs_whom_it_shows(response, "Unsigned notes", {mine}, elsewhere | {far})


def test_no_unsigned_notes_logs_nobody(staff, program, elsewhere):
    response = browser(staff[Role.CLINICIAN]).get(reverse("scheduling:notes_unsigned"))
    assert response.status_code == 200
    assert not RecordView.objects.exists()


# ---------------------------------------------------------------- plans due


def no_plan_yet(program: Program, first: str, clinician: User | None = None) -> Client:
    """Admitted a month ago with no treatment plan: the first plan is overdue."""
    since = timezone.localdate() - datetime.timedelta(days=30)
    return admitted(program, first, admitted_on=since, primary_clinician=clinician)


def test_plans_due_logs_the_clients_due(staff, program, elsewhere):
    clients = {no_plan_yet(program, "Ada"), no_plan_yet(program, "Bea")}
    response = browser(staff[Role.DIRECTOR]).get(reverse("treatment_plans:plans_due"))
    assert_logs_whom_it_shows(response, "Plans due", clients, elsewhere)


def test_my_plans_due_logs_only_my_caseload(staff, program, elsewhere):
    me = staff[Role.CLINICIAN]
    mine = no_plan_yet(program, "Ada", clinician=me)
    no_plan_yet(program, "Bea")
    response = browser(me).get(reverse("treatment_plans:plans_due_mine"))
    assert_logs_whom_it_shows(response, "My plans due", {mine}, elsewhere)


def test_nothing_due_logs_nobody(empty_program_user, elsewhere):
    response = browser(empty_program_user(Role.DIRECTOR)).get(reverse("treatment_plans:plans_due"))
    assert response.status_code == 200
    assert not RecordView.objects.exists()


# ---------------------------------------------------------------- intake queue


def referred(program: Program, first: str) -> Client:
    client: Client = ClientFactory(
        program=program, legal_first_name=first, legal_last_name="Okafor"
    )  # type: ignore[assignment]
    Referral.objects.create(
        program=program,
        client=client,
        received_on=timezone.localdate(),
        source=ReferralSource.SELF,
        reason="Sleep and panic",
    )
    return client


def test_intake_queue_logs_referrals_and_safety_alerts(staff, program, other_program, elsewhere):
    waiting = referred(program, "Referred")
    alerted = admitted(program, "Alerted")
    alert_raise(alerted, staff[Role.CLINICIAN])
    far = referred(other_program, "Far")
    alert_raise(admitted(other_program, "Faraway"), member(Role.CLINICIAN, other_program))
    response = browser(staff[Role.INTAKE]).get(reverse("intake:queue"))
    hidden = elsewhere | {far} | set(Client.objects.filter(program=other_program))
    assert_logs_whom_it_shows(response, "Intake queue", {waiting, alerted}, hidden)


def test_an_empty_intake_queue_logs_nobody(staff, elsewhere):
    response = browser(staff[Role.INTAKE]).get(reverse("intake:queue"))
    assert response.status_code == 200
    assert not RecordView.objects.exists()


# ---------------------------------------------------------------- track detail


def test_track_detail_logs_its_enrolled_clients(staff, program, elsewhere):
    track = TrackFactory(program=program)
    enrolled = episode(program, "Enrolled")
    since = timezone.localdate() - datetime.timedelta(days=3)
    TrackEnrolment.objects.create(track=track, episode=enrolled, starts_on=since)
    episode(program, "Elsewhere")  # in care, not on this track
    url = reverse("scheduling:track_detail", args=[track.pk])
    response = browser(staff[Role.DIRECTOR]).get(url)
    assert_logs_whom_it_shows(response, "Track", {enrolled.client}, elsewhere)


def test_a_track_with_nobody_logs_nobody(staff, program, elsewhere):
    track = TrackFactory(program=program)
    url = reverse("scheduling:track_detail", args=[track.pk])
    assert browser(staff[Role.DIRECTOR]).get(url).status_code == 200
    assert not RecordView.objects.exists()


# ---------------------------------------------------------------- audit log


def test_audit_log_logs_the_clients_in_its_rows(staff, program, other_program, elsewhere):
    seen = admitted(program, "Seen")
    admitted(program, "Unseen")
    browser(staff[Role.CLINICIAN]).get(reverse("clients:chart", args=[seen.pk]))
    far = next(iter(elsewhere))
    browser(member(Role.CLINICIAN, other_program)).get(reverse("clients:chart", args=[far.pk]))
    response = browser(staff[Role.DIRECTOR]).get(reverse("audit:log"))
    assert_logs_whom_it_shows(response, "Audit log", {seen}, elsewhere)


def test_an_empty_audit_log_logs_nobody(staff, program, other_program, elsewhere):
    far = next(iter(elsewhere))
    browser(member(Role.CLINICIAN, other_program)).get(reverse("clients:chart", args=[far.pk]))
    response = browser(staff[Role.DIRECTOR]).get(reverse("audit:log"))
    assert response.status_code == 200
    assert not RecordView.objects.filter(page="Audit log").exists()


# ---------------------------------------------------------------- one client's plan PDF page


def test_plan_pdf_page_logs_its_client_and_the_poll_does_not(staff, client_record, elsewhere):
    report_id = plan_pdf_samples(client_record, staff)["report_id"]
    url = reverse("treatment_plans:report_status", args=[report_id])
    http = browser(staff[Role.CLINICIAN])
    response = http.get(url)
    (view,) = RecordView.objects.all()
    assert view.page == "Plan PDF (clinical) page"
    assert view.client.display_name in response.content.decode()
    poll = http.get(url, headers=HTMX)  # the polled line names nobody
    assert view.client.display_name not in poll.content.decode()
    assert RecordView.objects.count() == 1


def test_plan_pdf_page_of_another_program_is_404_and_unlogged(staff, client_record, other_program):
    outsider = member(Role.CLINICIAN, other_program)
    report_id = plan_pdf_samples(client_record, staff)["report_id"]
    url = reverse("treatment_plans:report_status", args=[report_id])
    assert browser(outsider).get(url).status_code == 404
    assert not RecordView.objects.exists()


def test_safety_plan_pdf_page_logs_its_client(staff, program):
    report_id = safety_plan_samples(program, staff)["safety_report_id"]
    url = reverse("intake:safety_plan_report_status", args=[report_id])
    response = browser(staff[Role.CLINICIAN]).get(url)
    (view,) = RecordView.objects.all()
    assert view.page == "Safety plan PDF (client copy) page"
    assert view.client.display_name in response.content.decode()
