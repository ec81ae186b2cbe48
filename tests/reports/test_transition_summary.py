"""The transition summary: the discharge summary written for the provider who takes the
client on. It names them, holds the aftercare, and goes to them only under a consent that
names them, with only what that consent covers."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from intake.models.consent import ConsentInformation
from iop.accounts.models import Role
from iop.clients.services import episode_discharge
from iop.reports.clinical import services
from iop.reports.services import report_render_one
from tests.intake.consent_helpers import make_consent, sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def moving(client_record, staff):
    """A discharge to residential care recorded for today (its steps not yet done)."""
    episode = client_record.episodes.get()
    episode_discharge(
        episode=episode,
        discharged_on=client_record.program.today(),
        reason="step_up",
        receiving_provider="Hillcrest Residential",
        receiving_provider_contact="Intake line (202) 555-0150",
        by=staff[Role.DIRECTOR],
    )
    episode.refresh_from_db()
    return episode


def _draft(episode, author, consent=None):
    return services.report_draft(
        kind="transition",
        client=episode.client,
        episode=episode,
        start=episode.admitted_on,
        end=episode.program.today(),
        consent=consent,
        author=author,
    )


def _sections(report):
    return {s["key"]: s for s in report.content["sections"]}


def test_it_names_the_receiving_provider_and_the_pdf_says_so(moving, staff):
    report = _draft(moving, staff[Role.CLINICIAN])
    discharge = _sections(report)["discharge"]
    assert discharge["receiving_provider"] == "Hillcrest Residential"
    assert discharge["planned_text"].endswith("to Hillcrest Residential.")
    assert "to Hillcrest Residential" in report.clinician_summary  # the drafted part
    report = services.narrative_save(
        report=report,
        by=staff[Role.CLINICIAN],
        data={"clinician_summary": report.clinician_summary, "aftercare": "Residential care."},
    )
    report = services.report_sign(
        report=report,
        by=staff[Role.CLINICIAN],
        shown_sha256=services.report_shown_hash(report),
    )
    report.refresh_from_db()
    document = report.document
    assert document is not None
    assert report_render_one(report_id=document.pk)
    document.refresh_from_db()
    reader = PdfReader(io.BytesIO(document.path.read_bytes()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Transition summary" in text
    assert "Hillcrest Residential" in text


def test_for_the_provider_it_holds_only_what_their_consent_covers(moving, staff):
    consent = sign(
        make_consent(
            moving.client,
            recipient_name="Hillcrest Residential",
            information=[ConsentInformation.DISCHARGE_STATUS],
            purpose="Continuity of care on admission to residential treatment.",
        ),
        staff[Role.INTAKE],
    )
    report = _draft(moving, staff[Role.CLINICIAN], consent=consent)
    included = set(_sections(report))
    assert {"identifiers", "discharge", "aftercare"} <= included
    assert not included & {"course", "attendance", "drug_screens", "instruments", "medications"}
    assert report.consent == consent


def test_the_closing_step_asks_for_the_transition_summary_not_a_discharge_summary(moving, staff):
    from iop.clients.discharge_steps import discharge_steps

    step = {s.key: s for s in discharge_steps(moving, "step_up", moving.program.today())}[
        "discharge_summary"
    ]
    assert (step.title, step.done) == ("Transition summary", False)
    assert "kind=transition" in (step.url or "")
    report = _draft(moving, staff[Role.CLINICIAN])
    step = {s.key: s for s in discharge_steps(moving, "step_up", moving.program.today())}[
        "discharge_summary"
    ]
    assert step.detail == f"{report.reference} is drafted, not signed"
