"""The family aftercare plan: editing, signing and locking, and the family copy PDF that
holds only what each person's consent allows."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse

from family.models import FamilyAftercarePlan, FamilyCopy, FamilyReferral, FamilySupporter
from family.services import aftercare as services
from family.services.people import do_not_contact_mark
from intake.services.consents import consent_revoke
from iop.accounts.models import Role
from iop.audit.models import AuditAction, AuditEvent, RecordView
from iop.clients.discharge_steps import discharge_steps
from iop.clients.models import DischargeReason
from iop.reports.clinical.terms import ConsentInformation
from iop.reports.models import Report, ReportStatus
from iop.reports.services import report_render_one
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.family.aftercare_helpers import (
    PLAN_AND_SIGNS,
    SAFETY_NOTE,
    draft_plan,
    fresh,
    pdf_text,
    person,
    rp_plan_with_signs,
    sign_plan,
    signed_family_plan,
)
from tests.intake.consent_helpers import sign

PLAN_ONLY = [ConsentInformation.AFTERCARE_PLAN]


def url(name: str, *args) -> str:
    return reverse(f"family:{name}", args=[str(a.pk) if hasattr(a, "pk") else a for a in args])


def copy_for(plan, link, by) -> tuple[FamilyCopy, str]:
    """Ask for a copy and render it the way the worker does; returns the PDF's text."""
    copy = services.family_copy_request(plan=plan, link=fresh(link), by=by)
    assert report_render_one(report_id=str(copy.report_id))
    report = Report.objects.get(pk=copy.report_id)
    assert report.status == ReportStatus.READY
    return copy, pdf_text(report.path.read_bytes())


# ---------------------------------------------------------------- editing and signing


def test_editing_saves_and_shows(client_record, staff, login_as):
    link = person(client_record, staff, information=PLAN_AND_SIGNS)
    http = login_as(staff[Role.CLINICIAN])
    assert http.post(url("aftercare_start", client_record)).status_code == 302
    response = http.post(
        url("aftercare_save", client_record),
        {
            "plan-communication": "We talk on Sunday walks",
            "plan-boundaries": "No lending money",
        },
    )
    assert response.status_code == 302
    response = http.post(
        url("aftercare_supporter_add", client_record),
        {"supporter-client_person": str(link.pk), "supporter-role": "Calls every evening"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and b"Supporter added." in response.content
    page = http.get(url("aftercare", client_record)).content.decode()
    assert "We talk on Sunday walks" in page and "No lending money" in page
    assert "Rosa Delgado" in page and "Calls every evening" in page
    assert SAFETY_NOTE not in page  # staff-only notes never on a screen read with a client


def test_bad_input_gets_a_message_and_nothing_is_saved(client_record, staff, login_as):
    link = person(client_record, staff, information=PLAN_AND_SIGNS)
    marked = person(client_record, staff, first="Victor", last="Kane", relationship="sibling")
    do_not_contact_mark(link=marked, actor=staff[Role.INTAKE], reason="Client asked")
    http = login_as(staff[Role.CLINICIAN])
    http.post(url("aftercare_start", client_record))
    response = http.post(
        url("aftercare_supporter_add", client_record),
        {"supporter-client_person": str(link.pk), "supporter-role": ""},
    )
    assert response.status_code == 400
    assert "Say what they agreed to do" in response.content.decode()
    plan = FamilyAftercarePlan.objects.get(client=client_record)
    with pytest.raises(ValidationError, match="marked do not contact"):
        services.family_supporter_add(
            plan=plan, by=staff[Role.CLINICIAN], client_person_id=marked.pk, role="Helps"
        )
    response = http.post(
        url("aftercare_save", client_record),
        {"plan-family_not_involved": "on", "plan-not_involved_reason": ""},
    )
    assert "Say why the client chose not to involve family" in response.content.decode()
    assert not FamilySupporter.objects.exists()
    assert not FamilyAftercarePlan.objects.get(pk=plan.pk).family_not_involved


def test_warning_signs_come_only_from_the_clients_own_copy(client_record, staff):
    rp_plan_with_signs(client_record, staff[Role.CLINICIAN])
    plan = services.family_aftercare_start(client=client_record, by=staff[Role.CLINICIAN])
    assert [w.sign for w in plan.warning_signs.all()] == ["I stop answering texts"]


def test_a_signed_plan_is_locked_by_the_database(client_record, staff):
    link = person(client_record, staff, information=PLAN_AND_SIGNS)
    plan = signed_family_plan(client_record, staff, link)
    statements = [
        lambda: FamilyAftercarePlan.objects.filter(pk=plan.pk).update(boundaries="changed"),
        lambda: FamilyAftercarePlan.objects.filter(pk=plan.pk).delete(),
        lambda: FamilySupporter.objects.filter(plan=plan).update(role="changed"),
        lambda: FamilySupporter.objects.filter(plan=plan).delete(),
        lambda: FamilyReferral.objects.create(plan=plan, kind="faith", name="St. Anne's"),
    ]
    for statement in statements:
        with pytest.raises(DatabaseError), transaction.atomic():
            statement()
    with pytest.raises(ValidationError, match="signed and locked"):
        services.family_referral_add(plan=plan, by=staff[Role.CLINICIAN], kind="faith", name="X")


def test_only_the_author_signs(client_record, staff, login_as):
    link = person(client_record, staff, information=PLAN_AND_SIGNS)
    plan = draft_plan(client_record, staff, link)
    colleague = member(Role.CLINICIAN, client_record.program, email="second@clinic.test")
    with pytest.raises(ValidationError, match="Only the clinician who wrote"):
        sign_plan(plan, colleague)
    page = login_as(colleague).get(url("aftercare", client_record)).content.decode()
    assert "who wrote this version, signs it" in page
    assert FamilyAftercarePlan.objects.get(pk=plan.pk).is_draft
    assert not sign_plan(plan, staff[Role.CLINICIAN]).is_draft


def test_a_change_after_signing_is_a_new_version_that_replaces_it(client_record, staff):
    link = person(client_record, staff, information=PLAN_AND_SIGNS)
    first = signed_family_plan(client_record, staff, link)
    second = services.family_aftercare_start(client=client_record, by=staff[Role.CLINICIAN])
    assert second.version == 2 and second.previous_id == first.pk
    assert [s.role for s in second.supporters.all()] == ["Drives her to Tuesday meetings"]
    assert [w.family_does for w in second.warning_signs.all()] == ["Ask gently how she is doing"]
    sign_plan(second, staff[Role.CLINICIAN])
    first.refresh_from_db()
    assert first.superseded_at is not None


# ---------------------------------------------------------------- the family copy


def test_the_copy_holds_the_plan_and_signs_when_the_consent_covers_both(client_record, staff):
    link = person(client_record, staff, information=PLAN_AND_SIGNS)
    plan = signed_family_plan(client_record, staff, link)
    _, text = copy_for(plan, link, staff[Role.CLINICIAN])
    for expected in (
        "Rosa Delgado",
        "Drives her to Tuesday meetings",
        "We talk after dinner",
        "No loans of money",
        "Al-Anon Riverside",
        "First Al-Anon meeting",
        "I stop answering texts",
        "Ask gently how she is doing",
        "988",
    ):
        assert expected in text, expected
    assert "I sleep through the afternoon" not in text  # kept off the client's own copy


def test_the_copy_leaves_off_the_signs_when_the_consent_lacks_them(client_record, staff):
    link = person(client_record, staff, information=PLAN_ONLY)
    plan = signed_family_plan(client_record, staff, link)
    copy, text = copy_for(plan, link, staff[Role.CLINICIAN])
    assert "Drives her to Tuesday meetings" in text and "Al-Anon Riverside" in text
    assert "I stop answering texts" not in text and "Ask gently" not in text
    assert "988" in text
    assert copy.information == [ConsentInformation.AFTERCARE_PLAN]


def test_the_copy_holds_no_safety_notes_diagnosis_or_other_clients(client_record, staff, program):
    link = person(client_record, staff, information=PLAN_AND_SIGNS)
    other = EpisodeFactory(client=ClientFactory(program=program, legal_last_name="Quenneville"))
    person(other.client, staff, first="Ignatius", last="Farrowby", information=PLAN_AND_SIGNS)
    plan = signed_family_plan(client_record, staff, link)
    _, text = copy_for(plan, link, staff[Role.CLINICIAN])
    assert SAFETY_NOTE not in text
    assert "Quenneville" not in text and "Farrowby" not in text
    assert client_record.legal_last_name not in text  # first name only, as the family says it
    for clinical in ("diagnosis", "relapse", "version", "record number", "ASAM"):
        assert clinical.casefold() not in text.casefold(), clinical


@pytest.mark.parametrize("state", ["do_not_contact", "no_consent", "revoked", "awaiting", "scope"])
def test_a_copy_is_refused_with_a_message_and_nothing_stored(state, client_record, staff, login_as):
    information = [ConsentInformation.APPOINTMENTS] if state == "scope" else PLAN_AND_SIGNS
    link = person(
        client_record,
        staff,
        information=None if state == "no_consent" else information,
        signed=state != "awaiting",
    )
    plan = signed_family_plan(client_record, staff, link)
    if state == "do_not_contact":
        do_not_contact_mark(link=link, actor=staff[Role.INTAKE], reason="Client asked")
    if state == "revoked":
        consent = link.consent_links.get().consent
        consent_revoke(
            consent=consent,
            by=staff[Role.INTAKE],
            revoked_on=consent.client.program.today(),
            note="Client revoked it in session",
        )
    reports_before = Report.objects.count()
    response = login_as(staff[Role.CLINICIAN]).post(
        url("aftercare_copy_request", client_record, link)
    )
    assert response.status_code == 400
    page = response.content.decode()
    expected = {
        "do_not_contact": "marked do not contact",
        "no_consent": "No consent on file",
        "revoked": "no longer in force",
        "awaiting": "awaiting signature",
        "scope": "does not cover family aftercare plan",
    }[state]
    assert expected in page.replace("&#x27;", "'"), page
    assert not FamilyCopy.objects.filter(plan=plan).exists()
    assert Report.objects.count() == reports_before


def test_a_revocation_before_rendering_wins(client_record, staff):
    link = person(client_record, staff, information=PLAN_AND_SIGNS)
    plan = signed_family_plan(client_record, staff, link)
    copy = services.family_copy_request(plan=plan, link=link, by=staff[Role.CLINICIAN])
    consent = link.consent_links.get().consent
    consent_revoke(
        consent=consent,
        by=staff[Role.INTAKE],
        revoked_on=consent.client.program.today(),
        note="Revoked",
    )
    report_render_one(report_id=str(copy.report_id))
    report = Report.objects.get(pk=copy.report_id)
    assert report.status == ReportStatus.FAILED and not report.file_path


def test_a_copy_is_recorded_as_a_disclosure_and_its_pages_are_logged(
    client_record, staff, login_as
):
    link = person(client_record, staff, information=PLAN_AND_SIGNS)
    plan = signed_family_plan(client_record, staff, link)
    http = login_as(staff[Role.CLINICIAN])
    assert http.get(url("aftercare", client_record)).status_code == 200
    response = http.post(url("aftercare_copy_request", client_record, link))
    copy = FamilyCopy.objects.get(plan=plan)
    assert response.status_code == 302
    assert response["Location"] == url("aftercare_copy", copy.report_id)
    assert copy.consent_id == link.consent_links.get().consent_id
    event = AuditEvent.objects.get(action=AuditAction.REPORT_DISCLOSED, object_id=copy.pk)
    assert "Rosa Delgado" in event.summary
    report_render_one(report_id=str(copy.report_id))
    assert "Download PDF" in http.get(url("aftercare_copy", copy.report_id)).content.decode()
    download = http.get(url("aftercare_copy_download", copy.report_id))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    pages = set(RecordView.objects.filter(client=client_record).values_list("page", flat=True))
    assert {
        "Family aftercare plan",
        "Family aftercare plan copy",
        "Family aftercare plan PDF (family copy)",
    } <= pages


def test_the_family_copy_panel_says_who_may_have_what(client_record, staff, login_as):
    full = person(client_record, staff, information=PLAN_AND_SIGNS)
    partial = person(client_record, staff, first="Ana", last="Ruiz", information=PLAN_ONLY)
    plan = draft_plan(client_record, staff, full)
    services.family_supporter_add(
        plan=plan, by=staff[Role.CLINICIAN], client_person_id=partial.pk, role="Texts on Fridays"
    )
    sign_plan(plan, staff[Role.CLINICIAN])
    page = login_as(staff[Role.CLINICIAN]).get(url("aftercare", client_record)).content.decode()
    assert "Family copy" in page and "Consent in force until" in page
    assert "Left off: Ana Ruiz&#x27;s consent does not cover warning signs and what to do" in page
    assert 'Make the PDF<span class="visually-hidden"> for Ana Ruiz' in page


# ---------------------------------------------------------------- access


def test_wrong_roles_are_refused(client_record, staff, login_as):
    person(client_record, staff, information=PLAN_AND_SIGNS)
    page = url("aftercare", client_record)
    assert login_as(staff[Role.PROBATION]).get(page).status_code == 403
    assert login_as(staff[Role.ADMINISTRATOR]).get(page).status_code == 403
    prescriber = login_as(staff[Role.PRESCRIBER])
    assert prescriber.get(page).status_code == 200  # reads the client's people
    assert prescriber.post(url("aftercare_start", client_record)).status_code == 403
    assert (
        login_as(staff[Role.INTAKE]).post(url("aftercare_start", client_record)).status_code == 403
    )
    assert not FamilyAftercarePlan.objects.exists()


def test_another_programs_staff_get_404(client_record, staff, other_program, login_as):
    link = person(client_record, staff, information=PLAN_AND_SIGNS)
    plan = signed_family_plan(client_record, staff, link)
    copy = services.family_copy_request(plan=plan, link=link, by=staff[Role.CLINICIAN])
    elsewhere = login_as(member(Role.CLINICIAN, other_program, email="far@clinic.test"))
    assert elsewhere.get(url("aftercare", client_record)).status_code == 404
    assert elsewhere.post(url("aftercare_copy_request", client_record, link)).status_code == 404
    assert elsewhere.get(url("aftercare_copy", copy.report_id)).status_code == 404


def test_page_queries_are_bounded_and_do_not_grow_with_rows(
    client_record, staff, login_as, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    link = person(client_record, staff, information=PLAN_AND_SIGNS)
    plan = signed_family_plan(client_record, staff, link)
    http = login_as(staff[Role.CLINICIAN])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert http.get(url("aftercare", client_record)).status_code == 200
        return len(queries)

    services.family_copy_request(plan=plan, link=link, by=staff[Role.CLINICIAN])
    few = count()
    draft = services.family_aftercare_start(client=client_record, by=staff[Role.CLINICIAN])
    for n in range(4):
        more = person(client_record, staff, first=f"P{n}", information=PLAN_AND_SIGNS)
        services.family_supporter_add(
            plan=draft, by=staff[Role.CLINICIAN], client_person_id=more.pk, role="Helps"
        )
        services.family_referral_add(
            plan=draft, by=staff[Role.CLINICIAN], kind="community", name=f"Center {n}"
        )
    sign_plan(draft, staff[Role.CLINICIAN])
    assert count() == few
    with django_assert_max_num_queries(30):
        http.get(url("aftercare", client_record))


# ---------------------------------------------------------------- discharge planning


def test_the_discharge_step_waits_for_a_signed_plan_only_when_there_is_family(client_record, staff):
    episode = client_record.episodes.get()
    today = client_record.program.today()

    def step():
        steps = discharge_steps(episode, DischargeReason.COMPLETED, today)
        return next(s for s in steps if s.key == "family_aftercare")

    assert step().done  # no one named: nothing blocks the discharge
    assert all(
        s.key != "family_aftercare"
        for s in discharge_steps(episode, DischargeReason.LEFT_AMA, today)
    )
    link = person(client_record, staff, information=PLAN_AND_SIGNS)
    assert not step().done and step().detail == "Not started"
    plan = draft_plan(client_record, staff, link)
    assert not step().done
    sign_plan(plan, staff[Role.CLINICIAN])
    assert step().done


def test_a_client_who_chose_not_to_involve_family_completes_the_step(client_record, staff):
    person(client_record, staff, information=PLAN_AND_SIGNS)
    clinician = staff[Role.CLINICIAN]
    plan = services.family_aftercare_start(client=client_record, by=clinician)
    services.family_aftercare_save(
        plan=plan,
        by=clinician,
        communication="",
        boundaries="",
        family_not_involved=True,
        not_involved_reason="I want to do this part on my own",
    )
    sign_plan(plan, clinician)
    episode = client_record.episodes.get()
    steps = discharge_steps(episode, DischargeReason.COMPLETED, client_record.program.today())
    step = next(s for s in steps if s.key == "family_aftercare")
    assert step.done and "chose not to involve family" in step.detail


def test_consent_signed_later_is_read_afresh_for_the_copy(client_record, staff):
    link = person(client_record, staff, information=PLAN_AND_SIGNS, signed=False)
    plan = signed_family_plan(client_record, staff, link)
    with pytest.raises(ValidationError, match="awaiting signature"):
        services.family_copy_request(plan=plan, link=link, by=staff[Role.CLINICIAN])
    sign(link.consent_links.get().consent, staff[Role.INTAKE])
    _, text = copy_for(plan, link, staff[Role.CLINICIAN])
    assert "I stop answering texts" in text


# ---------------------------------------------------------------- the family education group


def _group_evening(client_record, staff, link):
    """A family education evening a week ago: this client's person and another client's
    father came."""
    from family.models import FamilyGroupMember
    from family.services.groups import family_group_attendance_record
    from tests.family import group_helpers

    group = group_helpers.family_group(client_record.program)
    other = EpisodeFactory(
        client=ClientFactory(program=client_record.program, legal_first_name="Bianca")
    ).client
    stranger = group_helpers.person(other, staff, "Quentin", "Brightwater")
    for member_link in (link, stranger):
        group_helpers.join(group, member_link, staff)
    session = group_helpers.group_session(group, hours_from_now=-24 * 7)
    roster = FamilyGroupMember.objects.filter(group=group).values_list(
        "client_person_id", flat=True
    )
    family_group_attendance_record(
        session=session, marks={str(pk): "attended" for pk in roster}, actor=staff[Role.CLINICIAN]
    )


def test_the_copy_says_when_the_family_came_to_the_group_and_never_who_else_did(
    client_record, staff
):
    scope = [*PLAN_AND_SIGNS, ConsentInformation.APPOINTMENTS, ConsentInformation.ATTENDANCE]
    link = person(client_record, staff, information=scope)
    _group_evening(client_record, staff, link)
    plan = signed_family_plan(client_record, staff, link)
    _copy, text = copy_for(plan, link, staff[Role.CLINICIAN])
    assert "The family education evenings" in text
    assert "Rosa Delgado came" in text
    assert "Quentin" not in text and "Brightwater" not in text and "Bianca" not in text


def test_without_attendance_in_the_consent_the_copy_leaves_the_group_out(client_record, staff):
    scope = [*PLAN_AND_SIGNS, ConsentInformation.APPOINTMENTS]
    link = person(client_record, staff, information=scope)
    _group_evening(client_record, staff, link)
    plan = signed_family_plan(client_record, staff, link)
    _copy, text = copy_for(plan, link, staff[Role.CLINICIAN])
    assert "family education" not in text.lower()
