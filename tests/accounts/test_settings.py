"""Production settings: refuse to start unsafe, pass `check --deploy` when configured.

Each case runs Django in a fresh interpreter with a clean environment: the settings module
treats any process that has imported pytest as a test run, so it cannot be checked here.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from iop.accounts.models import User

SECRET = "k" * 20 + "Zq8-vR2_mT5wX9pL4sN7yB3cF6hJ1dG0aE5uK8oI2" + "x"  # 62 characters
PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": SECRET,
    "IOP_MFA_ENCRYPTION_KEY": "cHJvZHVjdGlvbi10ZXN0LWtleS0wMTIzNDU2Nzg5YWI=",
    "DJANGO_ALLOWED_HOSTS": "clinic.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://clinic.example.org",
    "EMAIL_URL": "smtp://mailer:secret@smtp.example.org:587?tls=1",
}


def run(code_or_args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """Django in a clean process; only the database and Redis URLs are passed through,
    so settings never start embedded servers of its own."""
    clean = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "iop.settings",
        "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
        "REDIS_URL": os.environ.get("REDIS_URL", settings.REDIS_URL),
        **env,
    }
    return subprocess.run(
        [sys.executable, *code_or_args],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def setup_and_print(expression: str, **env: str) -> subprocess.CompletedProcess[str]:
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    return run(["-c", code], **env)


@pytest.fixture(autouse=True)
def _database_url_is_known():
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("needs DATABASE_URL, or the subprocess would start an embedded server")


def test_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = setup_and_print("'started'")
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_refuses_a_short_secret_key():
    result = setup_and_print("'started'", **{**PRODUCTION, "DJANGO_SECRET_KEY": "short-key"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be at least 50 random characters" in result.stderr


def test_refuses_to_start_without_allowed_hosts():
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_ALLOWED_HOSTS"}
    result = setup_and_print("'started'", **env)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_debug_flag_must_be_a_boolean():
    result = setup_and_print("'started'", **{**PRODUCTION, "DJANGO_DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


def test_demo_starts_without_a_secret_key_when_debug_is_on():
    result = setup_and_print("settings.DEBUG", DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_production_requires_mfa_and_secure_cookies_by_default():
    result = setup_and_print(
        "settings.IOP_REQUIRE_MFA, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,"
        " settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS > 0, settings.DEBUG",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True", "True", "False"]


def test_check_deploy_passes_with_a_production_environment():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_refuses_to_start_without_a_mail_relay_when_debug_is_off():
    """Invitations and reminders would go to the console log in production."""
    env = {k: v for k, v in PRODUCTION.items() if k != "EMAIL_URL"}
    for args in (["manage.py", "check", "--deploy"], ["-c", "import django; django.setup()"]):
        result = run(args, **env)
        assert result.returncode != 0
        assert "ImproperlyConfigured: EMAIL_URL is not set" in result.stderr, result.stderr


def test_demo_sends_mail_to_the_console_without_a_mail_relay():
    result = setup_and_print("settings.MAILERS['default']['BACKEND']", DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.mail.backends.console.EmailBackend"


def test_seed_demo_refuses_with_debug_off(settings, db):
    settings.DEBUG = False
    with pytest.raises(CommandError, match=r"refuses to run with DEBUG off.*--force"):
        call_command("seed_demo")
    assert not User.objects.filter(email__endswith="@demo.test").exists()
