"""The record-view log: every chart view is written, nobody can rewrite it, directors search it."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.db.utils import ProgrammingError
from django.urls import reverse
from pghistory.models import Event

from iop.accounts.models import Role
from iop.audit.models import RecordView
from tests.factories import ClientFactory, EpisodeFactory, member

BROWSER = "Mozilla/5.0 (clinic workstation)"
REFUSED = "append-only"


def open_chart(http, client, **extra):
    url = reverse("clients:chart", args=[client.pk])
    return http.get(url, {"tab": "overview"}, headers={"User-Agent": BROWSER}, **extra)


def test_viewing_a_chart_writes_who_what_where(staff, client_record, login_as):
    clinician = staff[Role.CLINICIAN]
    response = open_chart(login_as(clinician), client_record)
    assert response.status_code == 200
    view = RecordView.objects.get()
    assert (view.user, view.client) == (clinician, client_record)
    assert view.program == client_record.program
    assert view.page == "Client chart"
    assert view.path == reverse("clients:chart", args=[client_record.pk]) + "?tab=overview"
    assert view.ip_address == "127.0.0.1"
    assert view.user_agent == BROWSER


def test_each_view_is_a_new_row(staff, client_record, login_as):
    http = login_as(staff[Role.DIRECTOR])
    open_chart(http, client_record)
    open_chart(http, client_record)
    assert RecordView.objects.filter(client=client_record).count() == 2


def test_refused_views_are_not_logged_as_views(staff, client_record, other_client, login_as):
    assert open_chart(login_as(staff[Role.PROBATION]), client_record).status_code == 403
    assert open_chart(login_as(staff[Role.DIRECTOR]), other_client).status_code == 404
    assert not RecordView.objects.exists()


def test_a_forged_forwarded_for_header_is_not_logged_as_the_address(staff, client_record, login_as):
    """Without a trusted proxy in front, X-Forwarded-For is whatever the browser typed."""
    open_chart(login_as(staff[Role.CLINICIAN]), client_record, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert RecordView.objects.get().ip_address == "127.0.0.1"


def test_behind_a_trusted_proxy_the_address_it_saw_is_logged(
    staff, client_record, login_as, settings
):
    """The proxy appends the address it saw; anything before it came from the browser."""
    settings.IOP_TRUSTED_PROXY_COUNT = 1
    http = login_as(staff[Role.CLINICIAN])
    open_chart(http, client_record, HTTP_X_FORWARDED_FOR="198.51.100.66, 203.0.113.9")
    assert RecordView.objects.get().ip_address == "203.0.113.9"


def test_a_malformed_forwarded_address_does_not_break_the_chart(
    staff, client_record, login_as, settings
):
    settings.IOP_TRUSTED_PROXY_COUNT = 1
    http = login_as(staff[Role.CLINICIAN])
    response = open_chart(http, client_record, HTTP_X_FORWARDED_FOR="not-an-address")
    assert response.status_code == 200
    assert RecordView.objects.get().ip_address is None


# ---------------------------------------------------------------- append-only in the database


@pytest.fixture
def logged_view(staff, client_record, login_as):
    open_chart(login_as(staff[Role.CLINICIAN]), client_record)
    return RecordView.objects.get()


def run_sql(sql: str, params: list[Any]) -> None:
    # A savepoint, so the refused statement does not spoil the rest of the test.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_database_refuses_to_update_a_record_view(logged_view):
    with pytest.raises(ProgrammingError, match=f"audit_recordview: .*{REFUSED}"):
        run_sql("UPDATE audit_recordview SET page = 'nothing' WHERE id = %s", [logged_view.pk])
    logged_view.refresh_from_db()
    assert logged_view.page == "Client chart"


def test_database_refuses_to_delete_a_record_view(logged_view):
    with pytest.raises(ProgrammingError, match=f"audit_recordview: .*{REFUSED}"):
        run_sql("DELETE FROM audit_recordview WHERE id = %s", [logged_view.pk])
    assert RecordView.objects.filter(pk=logged_view.pk).exists()


def test_bulk_orm_update_is_refused_too(logged_view):
    with pytest.raises(ProgrammingError), transaction.atomic():
        RecordView.objects.all().update(page="nothing")


def test_client_history_cannot_be_rewritten(client_record):
    client_record.legal_last_name = "Renamed"
    client_record.save()
    forge = "UPDATE clients_clientevent SET legal_last_name = 'Forged' WHERE pgh_obj_id = %s"
    with pytest.raises(ProgrammingError, match=f"clients_clientevent: .*{REFUSED}"):
        run_sql(forge, [client_record.pk])
    with pytest.raises(ProgrammingError, match=f"clients_clientevent: .*{REFUSED}"):
        run_sql("DELETE FROM clients_clientevent WHERE pgh_obj_id = %s", [client_record.pk])
    events = apps.get_model("clients", "ClientEvent").objects.filter(pgh_obj_id=client_record.pk)
    assert list(events.order_by("pgh_id").values_list("legal_last_name", flat=True)) == [
        "Testperson",
        "Renamed",
    ]


def test_every_history_table_has_the_append_only_trigger(db):
    """Any model tracked by pghistory later (notes, plans...) gets the same protection."""
    tables = {m._meta.db_table for m in apps.get_models() if issubclass(m, Event)}
    assert "clients_clientevent" in tables
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname LIKE %s",
            ["pgtrigger_append_only_%"],
        )
        protected = {row[0] for row in cursor.fetchall()}
    assert tables <= protected, tables - protected


# ---------------------------------------------------------------- the director's search


@pytest.fixture
def views_in_two_programs(staff, program, other_program, client_record, other_client, login_as):
    """Views by two Riverside staff, and one Hillside view of a Hillside client."""
    second = EpisodeFactory(client=ClientFactory(program=program, record_number="R-2002")).client
    open_chart(login_as(staff[Role.CLINICIAN]), client_record)
    open_chart(login_as(staff[Role.INTAKE]), second)
    hillside = member(Role.CLINICIAN, other_program, email="hillside@clinic.test")
    open_chart(login_as(hillside), other_client)
    return {"first": client_record, "second": second}


def audit_rows(http, **query: str) -> list[tuple[str, str]]:
    response = http.get(reverse("audit:log"), query)
    assert response.status_code == 200
    return [(v.user.email, v.client.record_number) for v in response.context["page"].object_list]


def test_director_finds_views_by_record_number(staff, views_in_two_programs, login_as):
    http = login_as(staff[Role.DIRECTOR])
    number = views_in_two_programs["second"].record_number
    assert audit_rows(http, client=number) == [("intake@clinic.test", number)]
    assert number in http.get(reverse("audit:log"), {"client": number}).content.decode()


def test_director_finds_views_by_staff_email(staff, views_in_two_programs, login_as):
    http = login_as(staff[Role.DIRECTOR])
    number = views_in_two_programs["first"].record_number
    assert audit_rows(http, user="clinician@clinic.test") == [("clinician@clinic.test", number)]


def test_director_sees_nothing_from_another_program(
    staff, views_in_two_programs, other_client, login_as
):
    http = login_as(staff[Role.DIRECTOR])
    rows = audit_rows(http)
    assert len(rows) == 2
    assert "hillside@clinic.test" not in {email for email, _ in rows}
    assert audit_rows(http, client=other_client.record_number) == []
    assert audit_rows(http, user="hillside@clinic.test") == []
    assert other_client.record_number not in http.get(reverse("audit:log")).content.decode()


def test_director_of_the_other_program_sees_only_their_own(
    views_in_two_programs, other_program, other_client, login_as
):
    director = member(Role.DIRECTOR, other_program)
    rows = audit_rows(login_as(director))
    assert rows == [("hillside@clinic.test", other_client.record_number)]
