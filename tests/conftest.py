from __future__ import annotations

import uuid

import pytest
from django.test import Client as HttpClient

from iop.accounts.models import Role
from tests.celery_worker import celery_worker  # noqa: F401  (the real worker, for tests that ask)
from tests.factories import ClientFactory, EpisodeFactory, ProgramFactory, member
from tests.superuser import superuser_past_the_locks

# The files that take longest (from `--durations`), in the order they should start. A file's
# tests stay on one xdist worker (--dist loadfile), in collection order: a long file started
# last keeps one worker busy while the other idles, so the longest start first.
LONGEST_FIRST = (
    "tests/test_stack.py",  # the whole demo stack on a fresh embedded PostgreSQL
    "tests/scheduling/test_demo.py",  # the demo seed
    "tests/reports/test_render_workers.py",  # real worker processes
    "tests/e2e/",  # browser journeys
    "tests/test_role_matrix.py",  # every URL as every role
)


def _start_rank(item: pytest.Item) -> int:
    path = item.path.as_posix()
    for rank, prefix in enumerate(LONGEST_FIRST):
        if f"/{prefix}" in path:
            return rank
    return len(LONGEST_FIRST)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    items.sort(key=_start_rank)  # stable: the rest keep their order


@pytest.fixture(autouse=True)
def _mfa_off_by_default(settings):
    """Most tests are about pages, not sign-in; MFA tests switch it back on."""
    settings.IOP_REQUIRE_MFA = False


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    """Each test gets its own cache keys on the shared Redis (rate limits, sessions).

    Random, not the test's name: keys outlive a run (rate limits last minutes), and a rerun
    must not meet the last run's counts."""
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "KEY_PREFIX": prefix},
    }


@pytest.fixture(autouse=True, scope="session")
def _media_root_per_process(tmp_path_factory):
    """Stored PDFs are named by primary key, and each xdist process has its own database
    (both have a report 1): each process writes under its own directory, not .data/media."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True, scope="session")
def _flush_past_the_truncate_guard():
    """Clinical and audit tables refuse TRUNCATE (iop.locks), and a transactional test's
    flush truncates every table: only that flush, as the suite's superuser, gets through."""
    from django.test import TransactionTestCase

    teardown = TransactionTestCase._fixture_teardown

    def _fixture_teardown(self):
        with superuser_past_the_locks():
            return teardown(self)

    TransactionTestCase._fixture_teardown = _fixture_teardown
    yield
    TransactionTestCase._fixture_teardown = teardown


@pytest.fixture(autouse=True)
def _levels_of_care(request):
    """Reference data from a migration. A transactional test's flush removes it (and the
    browser tests may run before the others), so any test using the database reloads it."""
    names = request.fixturenames
    if not (
        {"db", "transactional_db", "live_server"} & set(names)
    ) and not request.node.get_closest_marker("django_db"):
        return
    from iop.clients.levels import levels_of_care_load
    from iop.clients.models import LevelOfCare

    request.getfixturevalue(
        "transactional_db" if "transactional_db" in names or "live_server" in names else "db"
    )
    if not LevelOfCare.objects.exists():
        levels_of_care_load(LevelOfCare)
    from treatment_plans.library import library_load
    from treatment_plans.models import Modality, PlanTemplate

    if not Modality.objects.exists():
        library_load(Modality, PlanTemplate)
    from groups.kinds import group_kinds_load
    from groups.models import GroupKind

    if not GroupKind.objects.exists():
        group_kinds_load(GroupKind)
    from relapse_prevention.models import PanelAnalyte, ScreenPanel
    from relapse_prevention.panels import panels_seed

    if not ScreenPanel.objects.exists():
        panels_seed(ScreenPanel, PanelAnalyte)


@pytest.fixture
def program(db):
    return ProgramFactory(name="Riverside IOP")


@pytest.fixture
def other_program(db):
    return ProgramFactory(name="Hillside IOP")


@pytest.fixture
def staff(program):
    """One user per role in `program`."""
    return {role: member(role, program, email=f"{role}@clinic.test") for role in Role}


@pytest.fixture
def client_record(program):
    """An admitted client in `program`."""
    return EpisodeFactory(client=ClientFactory(program=program)).client


@pytest.fixture
def other_client(other_program):
    """An admitted client in another program: must stay invisible."""
    return EpisodeFactory(client=ClientFactory(program=other_program)).client


@pytest.fixture
def login_as(client: HttpClient):
    def _login(user) -> HttpClient:
        client.force_login(user)
        return client

    return _login
