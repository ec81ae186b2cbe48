"""Every URL of the project, requested as every role and anonymously.

The URLs come from the resolver, not from a list kept by hand: a new page without a row
in EXPECTED fails `test_every_url_has_an_expected_outcome`, so it cannot ship unreviewed.
allauth's pages are listed one by one; the Django admin's generated pages follow one rule.
The admin is then requested again as Django staff of every role and as a superuser: there
every admin URL needs a row in ADMIN_SITE_PAGES, ADMIN_MODEL_PAGES or ADMIN_APPS.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit
from uuid import uuid4

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client as HttpClient
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from django.utils.regex_helper import normalize

from intake.models import Referral, ReferralSource
from intake.models.consent import ConsentKind
from intake.services.assessments import assessment_start
from intake.services.instruments import instrument_record
from iop.accounts.models import Membership, Role, User
from tests.factories import PASSWORD, member
from tests.family.aftercare_helpers import family_aftercare_samples
from tests.family.group_helpers import family_group_samples
from tests.family.people_helpers import family_people_samples
from tests.intake.consent_helpers import make_consent, sign
from tests.intake.safety_plan_helpers import safety_plan_samples
from tests.medications.matrix_helpers import medication_samples
from tests.relapse_prevention.checkin_matrix_helpers import checkin_samples
from tests.relapse_prevention.matrix_helpers import screen_samples
from tests.relapse_prevention.rp_plan_helpers import rp_plan_samples
from tests.reports.matrix_helpers import report_samples
from tests.scheduling.matrix_helpers import level_change_samples, program_day_samples
from tests.treatment_plans.gate_helpers import gate_records
from tests.treatment_plans.pdf_helpers import plan_pdf_samples
from tests.treatment_plans.plan_helpers import plan_part_samples

ANON = "anonymous"
ACTORS = [ANON, *Role]


@dataclass(frozen=True)
class Redirect:
    """A 302 to the named page; `with_next` also asks that ?next= points back here."""

    to: str
    with_next: bool = False
    arg: str = ""  # the sample keyword the target URL takes, if any

    def __str__(self) -> str:
        return f"302 to {self.to}" + (" with ?next=" if self.with_next else "")

    def path(self, samples: dict[str, str]) -> str:
        return reverse(self.to, kwargs={self.arg: samples[self.arg]} if self.arg else None)


Outcome = int | Redirect
LOGIN = Redirect("account_login", with_next=True)


@dataclass(frozen=True)
class Route:
    key: str  # "namespace:name", or "<unnamed route>" for the admin's unnamed patterns
    route: str  # as Django reports it in ResolverMatch.route
    regex: str
    namespace: str


def _join(route: str, pattern: Any) -> str:
    # As Django joins routes for ResolverMatch.route: inner regexes lose their "^".
    return route + str(pattern.pattern).removeprefix("^") if route else str(pattern.pattern)


def _walk(
    patterns: list[Any], route: str = "", regex: str = "", namespaces: tuple[str, ...] = ()
) -> Iterator[Route]:
    for pattern in patterns:
        part = pattern.pattern.regex.pattern.removeprefix("^")
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from _walk(pattern.url_patterns, _join(route, pattern), regex + part, inner)
        elif isinstance(pattern, URLPattern):
            full_route = _join(route, pattern)
            name = ":".join((*namespaces, pattern.name)) if pattern.name else None
            yield Route(
                key=name or f"<unnamed {full_route}>",
                route=full_route,
                regex=regex + part,
                namespace=":".join(namespaces),
            )


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns))


class NoSample(Exception):
    pass


def build_url(route: Route, samples: dict[str, str]) -> str:
    template, params = normalize(route.regex)[0]
    missing = set(params) - set(samples)
    if missing:
        raise NoSample(f"no sample value for {sorted(missing)}: add one to `samples`")
    return "/" + template % {name: samples[name] for name in params}


# ---------------------------------------------------------------- expectations


def only(allowed: set[Role], ok: Outcome = 200, refused: Outcome = 403) -> dict[str, Outcome]:
    """A signed-in page: anonymous goes to sign in, `allowed` gets `ok`, the rest `refused`."""
    return {ANON: LOGIN, **{role: ok if role in allowed else refused for role in Role}}


def everyone(outcome: Outcome, anonymous: Outcome | None = None) -> dict[str, Outcome]:
    return {ANON: outcome if anonymous is None else anonymous, **dict.fromkeys(Role, outcome)}


def signed_in(outcome: Outcome) -> dict[str, Outcome]:
    """Pages about one's own account: anonymous goes to sign in, every role gets `outcome`."""
    return everyone(outcome, anonymous=LOGIN)


CLIENT_READERS = {Role.INTAKE, Role.CLINICIAN, Role.PRESCRIBER, Role.DIRECTOR}
CHARTING = {Role.CLINICIAN, Role.PRESCRIBER, Role.DIRECTOR}
PLAN_WRITERS = {Role.CLINICIAN, Role.DIRECTOR}
REPORT_WRITERS = {Role.CLINICIAN, Role.PRESCRIBER, Role.DIRECTOR}
FAMILY_EDITORS = {Role.INTAKE, Role.CLINICIAN, Role.DIRECTOR}
HOME = Redirect("home")

EXPECTED: dict[str, dict[str, Outcome]] = {
    # --- our pages
    "home": {
        ANON: LOGIN,
        Role.INTAKE: Redirect("intake:queue"),
        Role.CLINICIAN: Redirect("scheduling:today"),
        Role.PRESCRIBER: Redirect("scheduling:today"),
        Role.DIRECTOR: Redirect("dashboard:census"),
        Role.PROBATION: Redirect("reports:disclosed"),
        Role.ADMINISTRATOR: Redirect("accounts:staff"),
    },
    "no_role": only(set()),
    "healthz": everyone(200),
    "session_status": signed_in(200),
    "session_keepalive": everyone(405),  # POST only
    "accounts:staff": only({Role.ADMINISTRATOR, Role.DIRECTOR}),
    "accounts:membership_decision": everyone(405),  # POST only
    # The invitation's set-password page: anyone holding the link ("not valid" for a bad one).
    "accounts:invitation_accept": everyone(200),
    "clients:list": only(CLIENT_READERS),
    # --- medications (issue 12, meds-list): probation and administrators refused every page
    "medications:list": only(CLIENT_READERS),
    "medications:add": everyone(405),  # POST only
    "medications:change": everyone(405),  # POST only
    "medications:stop": everyone(405),  # POST only
    "medications:reconcile_start": everyone(405),  # POST only (prescribers)
    "medications:reconciliation": only(CLIENT_READERS),  # directors and intake read only
    # --- end medications
    "clients:chart": only(CLIENT_READERS),
    "clients:episode_discharge": only({Role.DIRECTOR}),
    "clients:episode_discharge_plan_cancel": everyone(405),  # POST only (directors)
    "clients:episode_discharge_close": everyone(405),  # POST only (directors)
    "clients:contact_edit": only(CLIENT_READERS),
    "audit:log": only({Role.DIRECTOR}),
    "reports:disclosed": only({Role.PROBATION}),
    # Another officer's (or no) disclosure: 404 for an officer, refused for everyone else.
    "reports:disclosed_download": only({Role.PROBATION}, ok=404),
    "reports:verify": only({Role.PROBATION, Role.INTAKE, Role.CLINICIAN, Role.DIRECTOR}),
    "dashboard:census": only({Role.DIRECTOR}),
    # The list behind one census number, in the director's own program.
    "dashboard:census_figure": only({Role.DIRECTOR}),
    # --- the program day: Today, the week, sessions, attendance, bookings, tracks, groups
    "scheduling:today": only(CHARTING),
    "scheduling:followup_done": everyone(405),
    "scheduling:attendance_take": everyone(405),
    "scheduling:attendee_arrive": everyone(405),
    "scheduling:walk_in_add": everyone(405),  # POST only (those who chart)
    "scheduling:week": only(CLIENT_READERS),
    "scheduling:session": only(CLIENT_READERS),
    # family sessions: booking (BOOK_SESSIONS), who of the client's people came (POST only)
    "family:family_session_book": only(CLIENT_READERS),
    "family:guest_attendance": everyone(405),
    # The sample session is the clinician's own group and has been held already.
    "scheduling:session_move": only({Role.CLINICIAN, Role.DIRECTOR}),
    "scheduling:session_cancel": only({Role.CLINICIAN, Role.DIRECTOR}),
    "scheduling:book": only(CLIENT_READERS),
    "scheduling:track_enrol": only(CLIENT_READERS),
    "scheduling:tracks": only({Role.DIRECTOR}),
    "scheduling:track_create": only({Role.DIRECTOR}),
    "scheduling:track_detail": only({Role.DIRECTOR}),
    "scheduling:track_edit": only({Role.DIRECTOR}),
    "scheduling:block_edit": only({Role.DIRECTOR}),
    "scheduling:block_create": everyone(405),
    "scheduling:closure_create": everyone(405),
    "groups:list": only(CLIENT_READERS),
    "groups:detail": only(CLIENT_READERS),
    "groups:create": only({Role.DIRECTOR}),
    "groups:edit": only({Role.DIRECTOR}),
    "groups:roster_add": everyone(405),
    "groups:roster_remove": only({Role.DIRECTOR}),
    # --- the multi-family group (family): those who see the clients' people; changes POST
    "family:group": only(CLIENT_READERS),
    "family:group_add": everyone(405),
    "family:group_remove": everyone(405),
    "family:group_attendance": only(CLIENT_READERS),
    # --- session notes (charting); saving and signing are POST-only
    "scheduling:session_notes": only(CHARTING),
    "scheduling:group_note_save": everyone(405),
    "scheduling:group_notes_sign": everyone(405),
    "scheduling:group_part_save": everyone(405),
    "scheduling:note_write": only(CHARTING),
    "scheduling:note_detail": only(CHARTING),
    "scheduling:note_sign": everyone(405),
    "scheduling:note_cosign": everyone(405),
    "scheduling:addendum_add": everyone(405),
    "scheduling:note_warning_confirm": everyone(405),
    "scheduling:service_codes": only({Role.DIRECTOR}),
    "scheduling:service_code_edit": only({Role.DIRECTOR}),
    "scheduling:notes_unsigned": only(CHARTING),
    # --- intake (GET; the POST-only actions answer 405 before anything else)
    "intake:queue": only({Role.INTAKE}),
    "intake:referral_create": only({Role.INTAKE}),
    "intake:referral_detail": only(CLIENT_READERS),
    "intake:contact_add": everyone(405),
    "intake:admit": everyone(405),
    "intake:assessment_start": everyone(405),
    "intake:assessment_complete": everyone(405),
    "intake:asam_preview": everyone(405),
    "intake:assessment_step": only(CLIENT_READERS),
    "intake:instrument_administer": only(CLIENT_READERS),
    "intake:alert_acknowledge": only(CLIENT_READERS),
    "intake:consent_list": only(CLIENT_READERS),
    "intake:consent_create": only({Role.INTAKE}),
    "intake:treatment_consent_text": only({Role.DIRECTOR}),
    "intake:consent_detail": only(CLIENT_READERS),
    # The sample consent is signed already: intake staff are sent to read it instead.
    "intake:consent_sign": only(
        {Role.INTAKE}, ok=Redirect("intake:consent_detail", arg="consent_id")
    ),
    "intake:consent_revoke": only({Role.INTAKE}),
    "intake:consent_pdf": only(CLIENT_READERS),
    # --- safety plans (the sample plan is signed: writing and signing it lead to its page;
    # starting a new version and asking for the client copy are POST-only)
    "intake:safety_plan_start": everyone(405),
    "intake:safety_plan_detail": only(CHARTING),
    "intake:safety_plan_edit": only(
        CHARTING, ok=Redirect("intake:safety_plan_detail", arg="safety_plan_id")
    ),
    "intake:safety_plan_sign": only(
        CHARTING, ok=Redirect("intake:safety_plan_detail", arg="safety_plan_id")
    ),
    "intake:safety_plan_report_request": everyone(405),
    "intake:safety_plan_report_status": only(CHARTING),
    "intake:safety_plan_report_download": only(CHARTING),
    "intake:program_crisis_line": only({Role.DIRECTOR}),
    # --- treatment plans: the trauma-phase gate (confirming is POST-only)
    "treatment_plans:readiness_review_create": only({Role.CLINICIAN, Role.DIRECTOR}),
    "treatment_plans:readiness_confirm": everyone(405),
    "treatment_plans:phase_change": only({Role.CLINICIAN, Role.DIRECTOR}),
    # --- treatment plans: reviews and plans due (the review page of a draft says why not)
    "treatment_plans:plan_review_create": only({Role.CLINICIAN, Role.DIRECTOR}),
    "treatment_plans:plans_due": only({Role.DIRECTOR}),
    "treatment_plans:plans_due_mine": only({Role.CLINICIAN, Role.DIRECTOR}),
    # --- treatment plans: PDFs (asking for one is POST-only)
    "treatment_plans:plan_report_request": everyone(405),
    "treatment_plans:report_status": only(CHARTING),
    "treatment_plans:report_download": only(CHARTING),
    # --- treatment plans: the aftercare plan (read with the clinical record; writes POST-only)
    "treatment_plans:aftercare": only(CHARTING),
    "treatment_plans:aftercare_care": everyone(405),
    "treatment_plans:aftercare_appointment_add": everyone(405),
    "treatment_plans:aftercare_appointment_remove": everyone(405),
    "treatment_plans:aftercare_contact_add": everyone(405),
    "treatment_plans:aftercare_contact_remove": everyone(405),
    # --- random drug screening (screens-random): the schedule form of a client
    "relapse_prevention:random_schedule": only({Role.CLINICIAN, Role.PRESCRIBER}),
    # --- treatment plans: writing, signing, versions (the sample plan is a draft;
    # every change is POST-only, so a GET of it answers 405)
    "treatment_plans:plan_start": everyone(405),
    "treatment_plans:plan_detail": only(CHARTING),
    "treatment_plans:plan_details_edit": only(PLAN_WRITERS),
    "treatment_plans:plan_template_add": everyone(405),
    "treatment_plans:problem_add": only(PLAN_WRITERS),
    "treatment_plans:problem_edit": only(PLAN_WRITERS),
    "treatment_plans:problem_remove": everyone(405),
    "treatment_plans:goal_add": only(PLAN_WRITERS),
    "treatment_plans:goal_edit": only(PLAN_WRITERS),
    "treatment_plans:goal_remove": everyone(405),
    "treatment_plans:objective_add": only(PLAN_WRITERS),
    "treatment_plans:objective_edit": only(PLAN_WRITERS),
    "treatment_plans:objective_remove": everyone(405),
    "treatment_plans:intervention_add": only(PLAN_WRITERS),
    "treatment_plans:intervention_edit": only(PLAN_WRITERS),
    "treatment_plans:intervention_remove": everyone(405),
    "treatment_plans:diagnosis_add": only(PLAN_WRITERS),
    "treatment_plans:diagnosis_make_primary": everyone(405),
    "treatment_plans:diagnosis_remove": everyone(405),
    "treatment_plans:plans_to_cosign": only({Role.DIRECTOR}),
    "treatment_plans:plan_sign": only(PLAN_WRITERS),
    "treatment_plans:plan_versions": only(CHARTING),
    "treatment_plans:plan_changes": only(CHARTING),
    # --- drug screens: record, the specimen page, results, interpret, sign, addenda
    # (screens-record; the writes are POST-only, so a GET of them answers 405)
    "relapse_prevention:specimen_record": only({Role.CLINICIAN, Role.PRESCRIBER}),
    "relapse_prevention:specimen": only({Role.CLINICIAN, Role.PRESCRIBER, Role.DIRECTOR}),
    "relapse_prevention:specimen_results": everyone(405),
    "relapse_prevention:specimen_interpret": everyone(405),
    "relapse_prevention:specimen_sign": everyone(405),
    "relapse_prevention:specimen_addendum": everyone(405),
    # --- check-ins and lapses (rp-checkins; the inline check-in is POST-only)
    "relapse_prevention:checkins": only(CHARTING),
    "relapse_prevention:checkin_attendee": everyone(405),
    "relapse_prevention:checkin_error": only(CHARTING),
    "relapse_prevention:lapses": only(CHARTING),
    "relapse_prevention:lapse_record": only(CHARTING),
    "relapse_prevention:lapse": only(CHARTING),
    "relapse_prevention:lapse_error": only(CHARTING),
    # --- the relapse prevention plan (rp-plan): read by charting roles, written by plan
    # writers; the writes are POST-only. The sample plan is signed, so signing has no
    # draft and goes back to the plan.
    "relapse_prevention:plan": only(CHARTING),
    "relapse_prevention:plan_start": everyone(405),
    "relapse_prevention:plan_part_add": everyone(405),
    "relapse_prevention:plan_part_edit": everyone(405),
    "relapse_prevention:plan_others": everyone(405),
    "relapse_prevention:plan_sign": only(
        PLAN_WRITERS, ok=Redirect("relapse_prevention:plan", arg="client_id")
    ),
    "relapse_prevention:plan_versions": only(CHARTING),
    "relapse_prevention:plan_review": only(PLAN_WRITERS),
    "relapse_prevention:plan_pdf_request": everyone(405),
    "relapse_prevention:plan_pdf_status": only(CHARTING),
    "relapse_prevention:plan_pdf_download": only(CHARTING),
    "relapse_prevention:processing_decision_create": only({Role.CLINICIAN, Role.DIRECTOR}),
    "relapse_prevention:processing_decision_confirm": everyone(405),
    # --- the family aftercare plan (issue 16): read with the client's people, written by
    # plan writers (POST only), the family copy's page and PDF
    "family:aftercare": only(CLIENT_READERS),
    "family:aftercare_start": everyone(405),
    "family:aftercare_save": everyone(405),
    "family:aftercare_supporter_add": everyone(405),
    "family:aftercare_signs_refresh": everyone(405),
    "family:aftercare_sign_edit": everyone(405),
    "family:aftercare_referral_add": everyone(405),
    "family:aftercare_follow_up_add": everyone(405),
    "family:aftercare_row_remove": everyone(405),
    "family:aftercare_sign": everyone(405),
    "family:aftercare_copy_request": everyone(405),
    "family:aftercare_copy": only(CLIENT_READERS),
    "family:aftercare_copy_download": only(CLIENT_READERS),
    # --- the client's people (fam-people): read by everyone on the chart, changed by intake,
    # clinicians and directors; consents to them written by intake; do not contact is POST
    "family:people": only(CLIENT_READERS),
    "family:person_add": only(FAMILY_EDITORS),
    "family:person": only(CLIENT_READERS),
    "family:person_edit": only(FAMILY_EDITORS),
    "family:person_consent_new": only({Role.INTAKE}),
    "family:person_dnc_mark": everyone(405),
    "family:person_dnc_lift": everyone(405),
    # --- court orders (intake, clinicians and directors edit; everyone on the chart reads)
    "intake:court_order_create": only({Role.INTAKE, Role.CLINICIAN, Role.DIRECTOR}),
    "intake:court_order_edit": only({Role.INTAKE, Role.CLINICIAN, Role.DIRECTOR}),
    # --- reports: draft from the chart, the report page, its parts, signing, the PDF
    # (the writes are POST-only; the sample is a draft, so its PDF is not there: 404)
    "clinical_reports:new": only(REPORT_WRITERS),
    "clinical_reports:report": only(CHARTING),
    "clinical_reports:status": only(CHARTING),
    "clinical_reports:download": only(CHARTING, ok=404),
    "clinical_reports:narrative": everyone(405),
    "clinical_reports:refresh": everyone(405),
    "clinical_reports:sign": everyone(405),
    # --- level-of-care changes (issue 14)
    "scheduling:level_change_new": only({Role.CLINICIAN, Role.DIRECTOR}),
    "scheduling:level_changes_pending": only({Role.DIRECTOR}),
    "scheduling:level_change": only(CHARTING),
    "scheduling:level_change_decide": everyone(405),  # POST only (directors)
    "scheduling:level_change_candidates": only({Role.DIRECTOR}),
    "scheduling:level_change_candidate_dismiss": everyone(405),  # POST only (directors)
    "clinical_reports:accounting": only({Role.INTAKE, Role.CLINICIAN, Role.DIRECTOR}),
    "clinical_reports:accounting_pdf": only({Role.INTAKE, Role.CLINICIAN, Role.DIRECTOR}),
    # --- allauth: sign-in, password and two-factor pages
    "account_login": everyone(HOME, anonymous=200),
    "account_logout": everyone(200, anonymous=Redirect("account_login")),  # asks to confirm
    "account_inactive": everyone(200),
    "account_signup": everyone(HOME, anonymous=200),  # says sign-up is closed
    "account_reauthenticate": signed_in(200),
    "account_email": signed_in(200),
    "account_email_verification_sent": everyone(200),
    "account_change_password": signed_in(200),
    "account_set_password": signed_in(Redirect("account_change_password")),
    "account_reset_password": everyone(200),
    "account_reset_password_done": everyone(200),
    "account_reset_password_from_key": everyone(200),  # "invalid link" for a bad key
    "account_reset_password_from_key_done": everyone(200),
    "account_confirm_email": everyone(200),  # "invalid link" for a bad key
    "account_confirm_login_code": everyone(HOME, anonymous=Redirect("account_login")),
    "mfa_index": signed_in(200),
    "mfa_authenticate": everyone(HOME, anonymous=Redirect("account_login")),
    "mfa_reauthenticate": signed_in(Redirect("account_reauthenticate")),
    # Enrolling asks for the password again unless the sign-in was recent.
    "mfa_activate_totp": signed_in(Redirect("account_reauthenticate")),
    "mfa_generate_recovery_codes": signed_in(Redirect("account_reauthenticate")),
    "mfa_deactivate_totp": signed_in(404),  # nobody here has TOTP yet
    "mfa_view_recovery_codes": signed_in(404),
    "mfa_download_recovery_codes": signed_in(404),
}


def admin_expectation(route: Route) -> dict[str, Outcome]:
    """No role here is Django staff: every admin page sends them to the admin sign-in,
    which (secure_admin_login) sends anonymous visitors to allauth and refuses the rest."""
    if route.key == "admin:login":
        return everyone(403, anonymous=Redirect("account_login", with_next=True))
    if route.key == "admin:logout":
        return everyone(Redirect("admin:index"))
    return everyone(Redirect("admin:login", with_next=True))


def expected_for(route: Route) -> dict[str, Outcome] | None:
    if route.namespace == "admin":
        return admin_expectation(route)
    return EXPECTED.get(route.key)


# ---------------------------------------------------------------- checking


def outcome_problem(
    response: Any, url: str, expected: Outcome, samples: dict[str, str]
) -> str | None:
    got = response.status_code
    location = response.get("Location", "")
    if isinstance(expected, int):
        return None if got == expected else f"expected {expected}, got {got} {location}".strip()
    parts = urlsplit(location)
    if got != 302 or parts.path != expected.path(samples):
        return f"expected {expected}, got {got} {location}".strip()
    if expected.with_next and parse_qs(parts.query).get("next") != [url]:
        return f"expected ?next={url}, got {location}"
    return None


def intake_records(client: Any, staff: dict[str, Any]) -> dict[str, str]:
    """A referral with a draft assessment, a signed consent and an open safety alert."""
    referral = Referral.objects.create(
        program=client.program,
        client=client,
        received_on=timezone.localdate(),
        source=ReferralSource.SELF,
        reason="Sleep and panic",
        created_by=staff[Role.INTAKE],
    )
    assessment = assessment_start(referral=referral, by=staff[Role.INTAKE])
    consent = sign(make_consent(client), witness=staff[Role.INTAKE])
    phq9 = {**{str(item): 0 for item in range(1, 10)}, "9": 1}  # item 9 raises an alert
    result = instrument_record(
        client=client, instrument="phq9", answers=phq9, by=staff[Role.CLINICIAN]
    )
    return {
        "referral_id": str(referral.pk),
        "assessment_id": str(assessment.pk),
        "step": "profile",
        "consent_id": str(consent.pk),
        "kind": ConsentKind.DISCLOSURE,
        "code": "phq9",
        "alert_id": str(result.safety_alerts.get().pk),
    }


@pytest.fixture
def samples(client_record, staff) -> dict[str, str]:
    """A value for every URL keyword; every record is in the users' own program."""
    samples = {
        **intake_records(client_record, staff),
        "client_id": str(client_record.pk),
        "key": "not-a-real-key",
        "token": "not-a-real-token",
        "membership_id": str(uuid4()),
        "uidb36": "1",
        "content_type_id": "1",
        "object_id": "1",
        "id": "1",
        "app_label": "accounts",
        "figure": "active",  # a census figure (program_id: the users' program)
        "url": "no-such-page/",
        "appointment_id": str(uuid4()),  # aftercare rows: their URLs are POST-only
        "contact_id": str(uuid4()),
        "decision_id": str(uuid4()),  # pacing decisions: confirmed by POST only
        **gate_records(client_record.program, staff),
        **plan_pdf_samples(client_record, staff),
        **program_day_samples(client_record, staff),
        **medication_samples(client_record, staff),
        **screen_samples(client_record, staff),
        **checkin_samples(client_record, staff),
        **report_samples(client_record, staff),
        **level_change_samples(client_record, staff),
        **safety_plan_samples(client_record.program, staff),
        **rp_plan_samples(client_record, staff),
        **family_group_samples(client_record, staff),
        **family_aftercare_samples(client_record, staff),
        **family_people_samples(client_record, staff),
    }
    return samples | plan_part_samples(samples, staff)


@pytest.fixture
def _quick_healthz(monkeypatch):
    """The broker ping waits a second for workers; access is what is checked here."""
    monkeypatch.setattr("iop.views._broker_and_workers", lambda: ("ok", 1))


def test_every_url_has_an_expected_outcome():
    missing = [r.key for r in all_routes() if expected_for(r) is None]
    assert not missing, f"Add these URLs to EXPECTED in {__name__}: {missing}"


def test_expectations_name_only_urls_that_exist():
    keys = {r.key for r in all_routes()}
    assert not set(EXPECTED) - keys


def test_built_urls_reach_the_pattern_they_were_built_from(samples):
    for route in all_routes():
        url = build_url(route, samples)
        assert resolve(url).route == route.route, url


@pytest.mark.usefixtures("_quick_healthz")
@pytest.mark.parametrize("actor", ACTORS)
def test_role_matrix(actor, staff, samples):
    problems = []
    for route in all_routes():
        expected = expected_for(route)
        if expected is None:
            problems.append(f"{route.key}: no row in EXPECTED")
            continue
        try:
            url = build_url(route, samples)
        except NoSample as exc:
            problems.append(f"{route.key}: {exc}")
            continue
        http = HttpClient()
        if actor != ANON:
            http.force_login(staff[actor])
        response = http.get(url)
        problem = outcome_problem(response, url, expected[actor], samples)
        if problem:
            problems.append(f"{route.key} {url}: {problem}")
        # Pages, refusals and redirects alike: nothing shown to a signed-in user is kept by
        # the browser or a shared cache (checked on the same answers, not a second crawl).
        if actor != ANON and kept_by_a_cache(response):
            problems.append(f"{route.key} {url}: kept by a cache: {cache_directives(response)}")
    assert not problems, f"{actor}:\n" + "\n".join(problems)


def cache_directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def kept_by_a_cache(response) -> bool:
    directives = cache_directives(response)
    return not {"no-store", "private"} <= directives or "public" in directives


def test_table_never_opens_a_staff_page_to_probation():
    """Guards the table itself: besides their own account pages, the officer opens only
    their reports, the check of a report's PDF, the health check and the idle timer."""
    opened = {key for key, row in EXPECTED.items() if row[Role.PROBATION] == 200}
    own_account_pages = {key for key in opened if key.startswith(("account_", "mfa_"))}
    assert opened - own_account_pages == {
        "reports:disclosed",
        "reports:verify",
        "healthz",
        "session_status",
        "accounts:invitation_accept",
    }


NOT_STAFF_PAGES = {
    "healthz",
    "session_status",
    "reports:disclosed",
    "reports:verify",
    "accounts:invitation_accept",
}


@pytest.mark.usefixtures("_quick_healthz")
def test_probation_officer_ends_on_403_or_404_on_every_staff_page(staff, samples):
    """Following redirects too: no staff page, admin page included, ends in a 200 for them."""
    http = HttpClient()
    http.force_login(staff[Role.PROBATION])
    own_page = reverse("reports:disclosed")
    for route in all_routes():
        if route.route.startswith("accounts/") or route.key in NOT_STAFF_PAGES:
            continue
        url = build_url(route, samples)
        response = http.get(url, follow=True)
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        if final == own_page:  # "home" sends the officer to their reports
            continue
        assert response.status_code in {403, 404, 405}, f"{route.key} {url} -> {final}"


# ---------------------------------------------------------------- the admin, as Django staff
# The matrix above has no Django staff users. Here each role's user is staff (is_staff), and a
# superuser (no role) joins them: only the administrator and the superuser get past the admin
# sign-in, and the administrator only to the pages their role needs, for their own programs.

SUPERUSER = "superuser"
ADMIN_ACTORS = [*Role, SUPERUSER]
ADMIN_SIGN_IN = Redirect("admin:login", with_next=True)
ADMIN_INDEX = Redirect("admin:index")

# Outcomes as (program administrator, superuser).
AdminPages = dict[str, tuple[Outcome, Outcome]]
SCOPED_NO_ADD: AdminPages = {  # people join by invitation; programs are created by a superuser
    "changelist": (200, 200),
    "add": (403, 200),
    "change": (200, 200),
    "history": (200, 200),
    "delete": (403, 403),  # referenced by clinical records: deactivated, never deleted
}
SCOPED: AdminPages = {**SCOPED_NO_ADD, "add": (200, 200)}
# A superuser may delete reference data (what records still use is protected).
SUPERUSER_ONLY: AdminPages = dict.fromkeys(SCOPED, (403, 200))
ADMIN_MODEL_PAGES: dict[str, AdminPages] = {
    "accounts_program": SCOPED_NO_ADD,
    "accounts_user": SCOPED_NO_ADD,  # memberships show inline, read-only (tests/accounts)
    "scheduling_room": SCOPED,
    "groups_groupkind": SCOPED,
    # Directors keep service codes on their own page; the rest is reference data.
    "scheduling_servicecode": SUPERUSER_ONLY,
    "clients_levelofcare": SUPERUSER_ONLY,
    "auth_group": SUPERUSER_ONLY,
    "account_emailaddress": SUPERUSER_ONLY,
    # screens-panels (issue 12): drug screen panels, for directors and superusers; never deleted.
    "relapse_prevention_screenpanel": {**dict.fromkeys(SCOPED, (403, 200)), "delete": (403, 403)},
}
ADMIN_SITE_PAGES: AdminPages = {
    "admin:index": (200, 200),
    "admin:login": (ADMIN_INDEX, ADMIN_INDEX),
    "admin:logout": (405, 405),  # POST only
    "admin:password_change": (200, 200),  # one's own password
    "admin:password_change_done": (200, 200),
    "admin:autocomplete": (403, 403),  # without a field to complete
    "admin:jsi18n": (200, 200),
    "admin:view_on_site": (404, 404),  # no model here has a public page
    "admin:auth_user_password_change": (403, 200),  # another person's password
}
ADMIN_APPS: AdminPages = {
    "accounts": (200, 200),
    "scheduling": (200, 200),
    "groups": (200, 200),
    "clients": (404, 200),
    "auth": (404, 200),
    "account": (404, 200),
    "relapse_prevention": (404, 200),  # screens-panels (issue 12)
}
# History with client names and note text, and two-factor secrets: nobody's, in the admin.
ADMIN_PAGES_FOR_NOBODY = ["/admin/pghistory/events/", "/admin/mfa/authenticator/", "/admin/x/"]


def admin_model(route: Route) -> str | None:
    parts = route.route.split("/")
    if len(parts) > 3 and parts[0] == "admin" and "<" not in parts[1] + parts[2]:
        return f"{parts[1]}_{parts[2]}"
    return None


AdminRow = tuple[str, tuple[Outcome, Outcome], dict[str, str]]


def admin_rows(route: Route, objects: dict[str, str]) -> list[AdminRow]:
    """(URL, outcomes, its samples) for one admin route: app pages once per app, model pages
    on `objects`."""
    if route.key == "admin:app_list":
        return [(f"/admin/{label}/", outcomes, {}) for label, outcomes in ADMIN_APPS.items()]
    if route.key == "<unnamed admin/(?P<url>.*)$>":
        return [(url, (404, 404), {}) for url in ADMIN_PAGES_FOR_NOBODY]
    if route.key in ADMIN_SITE_PAGES:
        # The content type of a model with rows (the ids of content types depend on the order
        # migrations ran in; an unmanaged one, such as pghistory's Events, has no table).
        user_type = str(ContentType.objects.get_for_model(User).pk)
        samples = {"content_type_id": user_type, "object_id": "1", "id": objects["accounts_user"]}
        return [(build_url(route, samples), ADMIN_SITE_PAGES[route.key], samples)]
    model = admin_model(route)
    if model is None or model not in ADMIN_MODEL_PAGES:
        raise NoSample(f"{route.key}: add it to ADMIN_SITE_PAGES or ADMIN_MODEL_PAGES")
    samples = {"object_id": objects[model]}
    url = build_url(route, samples)
    if route.key.startswith("<unnamed"):  # .../<id>/ sends anyone inside the admin on
        to_change = Redirect(f"admin:{model}_change", arg="object_id")
        return [(url, (to_change, to_change), samples)]
    page = route.key.removeprefix(f"admin:{model}_")
    return [(url, ADMIN_MODEL_PAGES[model][page], samples)]


def director_admin_expected(outcomes: tuple[Outcome, Outcome], url: str) -> Outcome:
    """screens-panels (issue 12): a director, as staff, opens the admin for the drug screen
    panels only (as a superuser does); the administrator's other pages are refused."""
    if url.startswith("/admin/relapse_prevention/"):
        return outcomes[1]
    parts = url.strip("/").split("/")
    if isinstance(outcomes[0], Redirect) or len(parts) < 2 or parts[1] not in ADMIN_APPS:
        return outcomes[0]
    if outcomes == (404, 404):
        return 404
    if url.endswith("/history/") and outcomes[0] == 200:
        return ADMIN_INDEX  # outside the director's pages the object is not found
    return 404 if len(parts) == 2 else 403


def admin_expected(actor: str, outcomes: tuple[Outcome, Outcome], url: str) -> Outcome:
    if actor == Role.DIRECTOR:
        return director_admin_expected(outcomes, url)
    if actor == Role.ADMINISTRATOR:
        return outcomes[0]
    if actor == SUPERUSER:
        return outcomes[1]
    # Every other role: the admin sign-in, which shows "not authorized" and signs nobody in.
    if url == reverse("admin:login"):
        return 200
    return ADMIN_INDEX if url == reverse("admin:logout") else ADMIN_SIGN_IN


@pytest.fixture
def admin_objects(program, staff) -> dict[str, str]:
    """The object each admin model's pages open, in the users' program where it has one."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from groups.models import GroupKind
    from iop.clients.models import LevelOfCare
    from relapse_prevention.models import ScreenPanel
    from scheduling.models import Room, ServiceCode

    director = staff[Role.DIRECTOR]
    objects = {
        "accounts_program": program,
        "accounts_user": director,
        "scheduling_room": Room.objects.create(program=program, name="Room 9", capacity=8),
        "groups_groupkind": GroupKind.objects.create(program=program, code="art", name="Art"),
        "scheduling_servicecode": ServiceCode.objects.create(
            program=program, code="90834", label="Psychotherapy, 45 minutes", kinds=["individual"]
        ),
        "clients_levelofcare": LevelOfCare.objects.first(),
        "auth_group": Group.objects.create(name="Unused"),
        "account_emailaddress": EmailAddress.objects.create(user=director, email=director.email),
        "relapse_prevention_screenpanel": ScreenPanel.objects.filter(retired=False).first(),
    }
    return {model: str(obj.pk) for model, obj in objects.items()}


def admin_user(actor: str, staff: dict[str, Any]) -> User:
    if actor == SUPERUSER:
        return User.objects.create_superuser("root@clinic.test", PASSWORD)
    user = staff[actor]
    user.is_staff = True
    user.save()
    return user


def test_every_admin_url_has_an_expected_outcome(staff, admin_objects):
    missing = []
    for route in all_routes():
        if route.namespace == "admin":
            try:
                admin_rows(route, admin_objects)
            except NoSample as exc:
                missing.append(str(exc))
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("actor", ADMIN_ACTORS)
def test_admin_matrix_for_django_staff_of_each_role(actor, staff, admin_objects):
    http = HttpClient()
    http.force_login(admin_user(actor, staff))
    problems = []
    for route in all_routes():
        if route.namespace != "admin":
            continue
        for url, outcomes, samples in admin_rows(route, admin_objects):
            expected = admin_expected(actor, outcomes, url)
            problem = outcome_problem(http.get(url), url, expected, samples)
            if problem:
                problems.append(f"{route.key} {url}: {problem}")
    assert not problems, f"{actor}:\n" + "\n".join(problems)


def test_administrator_cannot_open_the_shared_group_kinds(staff, program):
    """Kinds without a program are everyone's library: only a superuser changes them."""
    from groups.models import GroupKind

    shared = GroupKind.objects.filter(program=None).first()
    assert shared is not None
    url = reverse("admin:groups_groupkind_change", args=[shared.pk])
    administrator = HttpClient()
    administrator.force_login(admin_user(Role.ADMINISTRATOR, staff))
    assert outcome_problem(administrator.get(url), url, ADMIN_INDEX, {}) is None
    root = HttpClient()
    root.force_login(admin_user(SUPERUSER, staff))
    assert root.get(url).status_code == 200


# ---------------------------------------------------------------- other programs


@pytest.mark.parametrize("role", sorted(CLIENT_READERS))
def test_same_role_in_another_program_gets_404_for_the_chart(role, client_record, other_program):
    outsider = member(role, other_program)
    http = HttpClient()
    http.force_login(outsider)
    assert http.get(reverse("clients:chart", args=[client_record.pk])).status_code == 404
    listing = http.get(reverse("clients:list"), {"status": "all"})
    assert client_record.record_number not in listing.content.decode()


@pytest.mark.parametrize("role", sorted(CLIENT_READERS))
def test_chart_of_each_program_opens_only_for_its_own_staff(
    role, staff, client_record, other_client
):
    http = HttpClient()
    http.force_login(staff[role])
    assert http.get(reverse("clients:chart", args=[client_record.pk])).status_code == 200
    assert http.get(reverse("clients:chart", args=[other_client.pk])).status_code == 404


def test_unknown_client_id_is_404(staff):
    http = HttpClient()
    http.force_login(staff[Role.DIRECTOR])
    assert http.get(reverse("clients:chart", args=[uuid4()])).status_code == 404


def test_administrator_here_and_clinician_elsewhere_cannot_open_this_programs_chart(
    program, other_program, client_record, other_client
):
    """Capabilities do not travel between programs: VIEW_CLIENTS in Hillside opens
    nothing in Riverside, where the same person only runs accounts."""
    person = member(Role.ADMINISTRATOR, program)
    Membership.objects.create(user=person, program=other_program, role=Role.CLINICIAN)
    http = HttpClient()
    http.force_login(person)
    assert http.get(reverse("clients:chart", args=[client_record.pk])).status_code == 404
    assert http.get(reverse("clients:chart", args=[other_client.pk])).status_code == 200


def test_django_admin_opens_for_a_staff_superuser(db):
    """The other side of the admin rule above: the admin itself works for Django staff."""
    superuser = User.objects.create_superuser("root@clinic.test", PASSWORD)
    http = HttpClient()
    http.force_login(superuser)
    assert http.get(reverse("admin:index")).status_code == 200
    assert http.get(reverse("admin:accounts_user_changelist")).status_code == 200
