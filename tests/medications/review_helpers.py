"""Medication and reconciliation rows for the review cadence tests, made with the models
directly (the medication services have their own tests), and a clock in program time."""

from __future__ import annotations

import datetime
from typing import Any, cast

import time_machine

from iop.accounts.models import Program, User
from iop.clients.models import Client, Episode
from iop.medications.classes import DrugClass
from iop.medications.models import (
    Medication,
    MedicationSource,
    Reconciliation,
    ReconciliationOccasion,
)
from tests.factories import ClientFactory, EpisodeFactory

TODAY = datetime.date(2026, 3, 4)  # a Wednesday


def local(program: Program, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return program.at(day, datetime.time(hour, minute))


def at(program: Program, day: datetime.date, hour: int, minute: int = 0) -> Any:
    return time_machine.travel(local(program, day, hour, minute), tick=False)


def days_ago(n: int, today: datetime.date = TODAY) -> datetime.date:
    return today - datetime.timedelta(days=n)


def admitted(program: Program, first: str, *, on: datetime.date) -> Episode:
    client = ClientFactory(program=program, legal_first_name=first, legal_last_name="Rivera")
    return cast(Episode, EpisodeFactory(client=client, admitted_on=on))


def medication(
    client: Client,
    *,
    name: str = "Sertraline",
    drug_class: str = DrugClass.SSRI,
    started_on: datetime.date,
    stopped_on: datetime.date | None = None,
    prescriber: User | None = None,
) -> Medication:
    return Medication.objects.create(
        client=client,
        name=name,
        drug_class=drug_class,
        dose="50 mg",
        frequency="once daily",
        started_on=started_on,
        stopped_on=stopped_on,
        stop_reason="Side effects" if stopped_on else "",
        prescriber=prescriber,
        outside_prescriber="" if prescriber else "Dr. Outside",
        source=MedicationSource.PRESCRIBED_HERE if prescriber else MedicationSource.REPORTED,
    )


def reconciled(
    episode: Episode, by: User, *, on: datetime.date, hour: int = 10, completed: bool = True
) -> Reconciliation:
    moment = local(episode.program, on, hour)
    return Reconciliation.objects.create(
        client=episode.client,
        episode=episode,
        occasion=ReconciliationOccasion.MEDICATION_VISIT,
        reconciled_by=by,
        started_at=moment - datetime.timedelta(minutes=20),
        completed_at=moment if completed else None,
        summary="Sertraline confirmed.",
    )


def on_cadence(
    program: Program, first: str, *, admitted_days_ago: int, prescriber: User | None = None
) -> Episode:
    """An admitted client taking a psychiatric medication since admission."""
    episode = admitted(program, first, on=days_ago(admitted_days_ago))
    medication(episode.client, started_on=episode.admitted_on, prescriber=prescriber)
    return episode
