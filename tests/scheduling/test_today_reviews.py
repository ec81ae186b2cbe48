"""Today's "Psychiatric reviews due" card: prescribers only, overdue said in words, the
clients named are in the record-view log, and the page's queries stay bounded."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from iop.accounts.models import Role
from iop.audit.models import RecordView
from tests.factories import member
from tests.medications.review_helpers import TODAY, at, days_ago, on_cadence, reconciled
from tests.page_text import parse

pytestmark = pytest.mark.django_db
PAGE = reverse("scheduling:today")


def card(page: str):
    found = parse(page).find_all("section", **{"aria-labelledby": "psych-reviews-title"})
    return found[0] if found else None


def today_page(program, user, login_as) -> str:
    with at(program, TODAY, 9):
        response = login_as(user).get(PAGE)
    assert response.status_code == 200
    return response.content.decode()


def test_a_prescriber_sees_the_due_list_with_overdue_in_words(program, staff, login_as):
    prescriber = staff[Role.PRESCRIBER]
    late = on_cadence(program, "Avery", admitted_days_ago=40, prescriber=prescriber)
    reconciled(late, prescriber, on=days_ago(16))
    on_cadence(program, "Blake", admitted_days_ago=13)
    on_cadence(program, "Casey", admitted_days_ago=5)  # due in 9 days: not yet
    section = card(today_page(program, prescriber, login_as))
    text = section.text
    assert text.startswith("Psychiatric reviews due 2")
    assert "Avery Rivera" in text and "Overdue by 2 days" in text and "last review Feb 16" in text
    assert "Blake Rivera" in text and "Due Thursday, Mar 5" in text and "no review yet" in text
    assert "Casey" not in text
    (link,) = section.find_all("a", href=reverse("medications:list", args=[late.client.pk]))
    assert link.text == "Avery Rivera"


def test_the_clients_named_are_in_the_view_log(program, staff, login_as):
    prescriber = staff[Role.PRESCRIBER]
    episode = on_cadence(program, "Devon", admitted_days_ago=20)
    today_page(program, prescriber, login_as)
    assert RecordView.objects.filter(user=prescriber, client=episode.client, page="Today").exists()


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.DIRECTOR])
def test_other_roles_do_not_see_the_card(program, staff, login_as, role):
    on_cadence(program, "Emerson", admitted_days_ago=20)
    page = today_page(program, staff[role], login_as)
    assert card(page) is None
    assert "Psychiatric reviews due" not in page


def test_a_prescriber_with_nothing_due_is_told_so(program, staff, login_as):
    text = card(today_page(program, staff[Role.PRESCRIBER], login_as)).text
    assert "None: every client on psychiatric medication has a review in date." in text


def test_another_programs_reviews_are_not_shown(program, other_program, staff, login_as):
    on_cadence(other_program, "Finley", admitted_days_ago=30)
    assert "Finley" not in today_page(program, staff[Role.PRESCRIBER], login_as)


def _queries(program, client) -> tuple[int, str]:
    with at(program, TODAY, 9), CaptureQueriesContext(connection) as captured:
        response = client.get(PAGE)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_today_queries_do_not_grow_with_the_due_clients(program, staff, login_as):
    prescriber = staff[Role.PRESCRIBER]
    client = login_as(prescriber)
    on_cadence(program, "Harper", admitted_days_ago=20, prescriber=prescriber)
    few, _ = _queries(program, client)
    for n in range(6):
        episode = on_cadence(
            program, f"Many{n}", admitted_days_ago=30, prescriber=member(Role.PRESCRIBER, program)
        )
        reconciled(episode, prescriber, on=days_ago(20))
    many, page = _queries(program, client)
    assert many == few
    assert card(page).text.startswith("Psychiatric reviews due 7")
