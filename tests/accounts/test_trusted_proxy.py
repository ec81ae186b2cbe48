"""Behind docker-compose's TLS proxy the client's address comes from X-Forwarded-For.

Compose, the README and gunicorn name the same trusted proxies, and with compose's count the
per-address sign-in limit and the audit log see each client, not the proxy.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.test import Client as HttpClient
from django.urls import reverse

from iop.accounts.models import Role
from iop.audit.models import RecordView
from tests.factories import PASSWORD, member

BASE_DIR = Path(__file__).resolve().parents[2]
COMPOSE: dict[str, Any] = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
APP_SERVICES = ["web", "worker", "beat", "migrate"]
FAILURES_PER_ADDRESS = 20
PROXY = "192.0.2.1"  # the socket's address: the proxy, for every client behind it


def compose_default(name: str, service: str = "web") -> str:
    value = COMPOSE["services"][service]["environment"][name]
    found = re.fullmatch(rf"\$\{{{name}:-(.*)\}}", value)
    assert found, f"{service}: {name} should be ${{{name}:-<default>}}, not {value!r}"
    return found.group(1)


def readme_row(name: str) -> list[str]:
    """The cells of the README's settings-table row for `name`."""
    for line in (BASE_DIR / "README.md").read_text().splitlines():
        if line.startswith(f"| `{name}` |"):
            return [cell.strip() for cell in line.strip("|").split(" | ")]
    raise AssertionError(f"README's settings table has no row for {name}")


def test_compose_trusts_exactly_its_one_proxy_and_the_readme_says_so():
    counts = {
        service: compose_default("IOP_TRUSTED_PROXY_COUNT", service) for service in APP_SERVICES
    }
    assert set(counts.values()) == {"1"}, counts
    assert "`1` in `docker-compose.yml`" in readme_row("IOP_TRUSTED_PROXY_COUNT")[-1]


def test_gunicorn_compose_and_readme_agree_on_forwarded_allow_ips():
    gunicorn_conf = (BASE_DIR / "gunicorn.conf.py").read_text()
    in_gunicorn = re.search(
        r'forwarded_allow_ips = os\.environ\.get\("IOP_FORWARDED_ALLOW_IPS", "([^"]+)"\)',
        gunicorn_conf,
    )
    assert in_gunicorn, "gunicorn.conf.py reads IOP_FORWARDED_ALLOW_IPS"
    in_compose = compose_default("IOP_FORWARDED_ALLOW_IPS")
    assert in_compose == in_gunicorn.group(1) != "*"
    assert readme_row("IOP_FORWARDED_ALLOW_IPS")[-1] == f"`{in_compose}`"


@pytest.fixture
def behind_compose_proxy(settings) -> None:
    settings.IOP_TRUSTED_PROXY_COUNT = int(compose_default("IOP_TRUSTED_PROXY_COUNT"))


def browser(address: str, typed: str = "") -> HttpClient:
    """A browser at `address` behind the proxy; `typed` is what it put in the header itself."""
    forwarded = f"{typed}, {address}" if typed else address
    return HttpClient(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def attempt(http: HttpClient, email: str, password: str) -> Any:
    return http.post(reverse("account_login"), {"login": email, "password": password})


@pytest.mark.usefixtures("behind_compose_proxy")
def test_two_clients_behind_the_proxy_do_not_share_a_limit(program, client_record):
    colleague = member(Role.CLINICIAN, program)
    attacker = browser("198.51.100.7")
    for n in range(FAILURES_PER_ADDRESS + 1):
        last = attempt(attacker, f"guess{n}@clinic.test", "wrong-password")
    assert last.status_code == 429
    # The attacker's own header cannot borrow the colleague's budget either.
    assert (
        attempt(browser("198.51.100.7", typed="198.51.100.8"), "x@clinic.test", "x").status_code
        == 429
    )

    http = browser("198.51.100.8")
    assert attempt(http, colleague.email, PASSWORD).status_code == 302
    assert http.get(reverse("clients:chart", args=[client_record.pk])).status_code == 200
    assert RecordView.objects.get(user=colleague).ip_address == "198.51.100.8"


def test_with_no_trusted_proxy_the_socket_address_is_used_and_the_header_ignored(
    program, client_record, settings
):
    settings.IOP_TRUSTED_PROXY_COUNT = 0
    colleague = member(Role.CLINICIAN, program)
    for n in range(FAILURES_PER_ADDRESS + 1):
        last = attempt(browser(f"198.51.100.{n + 1}"), f"guess{n}@clinic.test", "wrong")
    assert last.status_code == 429  # every "client" was the one socket address
    elsewhere = HttpClient(REMOTE_ADDR="192.0.2.44", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert attempt(elsewhere, colleague.email, PASSWORD).status_code == 302
    elsewhere.get(reverse("clients:chart", args=[client_record.pk]))
    assert RecordView.objects.get(user=colleague).ip_address == "192.0.2.44"
