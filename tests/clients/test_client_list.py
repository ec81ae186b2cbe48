"""The client list: scoped to the user's programs, searchable, and cheap however long it gets."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from iop.accounts.models import Role
from iop.clients.models import Client, Episode, SafetyFlag
from iop.clients.views import PAGE_SIZE
from tests.factories import ClientFactory, EpisodeFactory, level
from tests.page_text import rows


def listed(http, **query: str) -> list[str]:
    response = http.get(reverse("clients:list"), query)
    assert response.status_code == 200
    return [client.record_number for client in response.context["page"].object_list]


@pytest.fixture
def people(program):
    def admitted(**fields):
        return EpisodeFactory(client=ClientFactory(program=program, **fields)).client

    return {
        "ana": admitted(legal_first_name="Ana", legal_last_name="Quintero", record_number="R-1001"),
        "bo": admitted(
            legal_first_name="Robert",
            legal_last_name="Lindqvist",
            preferred_name="Bo",
            record_number="R-1002",
        ),
        "cy": admitted(
            legal_first_name="Cyrus", legal_last_name="Abernathy", record_number="R-1003"
        ),
    }


@pytest.fixture
def clinician_http(staff, login_as):
    return login_as(staff[Role.CLINICIAN])


def test_search_by_last_name(clinician_http, people):
    assert listed(clinician_http, q="quintero") == ["R-1001"]


def test_search_by_preferred_name(clinician_http, people):
    assert listed(clinician_http, q="Bo") == ["R-1002"]


def test_search_by_record_number(clinician_http, people):
    assert listed(clinician_http, q="r-1003") == ["R-1003"]


def test_search_with_no_match_says_so(clinician_http, people):
    response = clinician_http.get(reverse("clients:list"), {"q": "Nobody"})
    assert list(response.context["page"].object_list) == []
    assert "No client matches" in response.content.decode()


def test_search_never_reaches_another_program(clinician_http, people, other_client):
    assert listed(clinician_http, q=other_client.record_number, status="all") == []
    assert listed(clinician_http, q=other_client.legal_first_name, status="all") == []


def test_discharged_clients_show_only_when_asked(clinician_http, people):
    episode = people["cy"].episodes.get()
    episode.discharged_on = episode.admitted_on + datetime.timedelta(days=3)
    episode.discharge_reason = "completed"
    episode.save()
    assert "R-1003" not in listed(clinician_http)
    assert "R-1003" in listed(clinician_http, status="all")


def test_htmx_search_returns_only_the_results(clinician_http, people):
    response = clinician_http.get(
        reverse("clients:list"),
        {"q": "quintero"},
        headers={"HX-Request": "true", "HX-Target": "client-results"},
    )
    body = response.content.decode()
    records = [row[2] for row in rows(body)[1:]]  # the Record column, below the headings
    assert records == ["R-1001"]
    assert "<html" not in body
    assert 'id="client-results"' in body


def add_clients(program, count: int, clinician) -> None:
    """Admitted clients, every third with a safety flag and a primary clinician."""
    clients = Client.objects.bulk_create(ClientFactory.build_batch(count, program=program))
    loc = level()
    admitted = datetime.date(2026, 1, 5)
    Episode.objects.bulk_create(
        Episode(
            client=c,
            program=program,
            admitted_on=admitted,
            level_of_care=loc,
            primary_clinician=clinician if i % 3 == 0 else None,
        )
        for i, c in enumerate(clients)
    )
    SafetyFlag.objects.bulk_create(
        SafetyFlag(client=c, kind="allergy", note="Penicillin")
        for i, c in enumerate(clients)
        if i % 3 == 0
    )


def count_queries(http, rows: int, **query: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = http.get(reverse("clients:list"), query)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == rows
    return len(queries)


@pytest.mark.parametrize("query", [{}, {"status": "all"}, {"q": "Testperson"}])
def test_list_costs_the_same_queries_for_3_40_and_400_clients(query, staff, program, login_as):
    """40 against 400 catches work that grows with the caseload; 3 against a full page
    catches a query per row."""
    clinician = staff[Role.CLINICIAN]
    http = login_as(clinician)
    http.get(reverse("clients:list"))  # first request of the session stores its activity time
    add_clients(program, 3, clinician)
    with_3 = count_queries(http, 3, **query)
    add_clients(program, 37, clinician)
    with_40 = count_queries(http, PAGE_SIZE, **query)
    add_clients(program, 360, clinician)
    with_400 = count_queries(http, PAGE_SIZE, **query)
    assert with_3 == with_40 == with_400
