# The app's migration chain up to 39e9538, squashed into one (see replaces): what a fresh
# database needs, built from the models by makemigrations and merged (one CreateModel per
# model, indexes and constraints folded in, so a fresh migrate re-renders the state less).
# The schema it builds matches the old chain's (pg_dump --schema-only), but for two dead
# functions the old chain left behind (scheduling 0002 removed their triggers, not them).

import django.db.models.deletion
import django.db.models.functions.text
import iop.locks
import pgtrigger.compiler
import pgtrigger.migrations
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [("medications", "0001_initial")]

    initial = True

    dependencies = [
        ("clients", "0001_squashed_initial"),
        ("pghistory", "0007_auto_20250421_0444"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Medication",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "name",
                    models.CharField(
                        help_text="As on the label, e.g. Buprenorphine/naloxone (Suboxone).",
                        max_length=120,
                    ),
                ),
                (
                    "drug_class",
                    models.CharField(
                        choices=[
                            ("buprenorphine", "Buprenorphine (MOUD)"),
                            ("methadone", "Methadone (MOUD)"),
                            ("naltrexone", "Naltrexone"),
                            ("acamprosate", "Acamprosate"),
                            ("disulfiram", "Disulfiram"),
                            ("morphine", "Opioid analgesic: morphine"),
                            ("codeine", "Opioid analgesic: codeine"),
                            ("oxycodone", "Opioid analgesic: oxycodone"),
                            ("hydrocodone", "Opioid analgesic: hydrocodone"),
                            ("hydromorphone", "Opioid analgesic: hydromorphone"),
                            ("fentanyl", "Opioid analgesic: fentanyl"),
                            ("tramadol", "Opioid analgesic: tramadol"),
                            ("benzodiazepine", "Benzodiazepine"),
                            ("z_drug", "Sleep medication (zolpidem and similar)"),
                            ("amphetamine_stimulant", "Stimulant: amphetamine class"),
                            ("methylphenidate", "Stimulant: methylphenidate class"),
                            ("non_stimulant_adhd", "ADHD medication, non-stimulant"),
                            ("cannabinoid", "Prescribed cannabinoid (dronabinol)"),
                            ("ssri", "Antidepressant: SSRI"),
                            ("snri", "Antidepressant: SNRI"),
                            ("other_antidepressant", "Antidepressant: other"),
                            ("antipsychotic", "Antipsychotic"),
                            ("mood_stabilizer", "Mood stabilizer"),
                            ("alpha_agonist", "Alpha blocker or agonist (prazosin, clonidine)"),
                            ("sedating_antihistamine", "Sedating antihistamine (hydroxyzine)"),
                            ("anxiolytic_other", "Anxiolytic: other (buspirone)"),
                            ("other", "Other medication"),
                        ],
                        help_text="What a drug screen can match it to.",
                        max_length=32,
                    ),
                ),
                ("dose", models.CharField(help_text="e.g. 8 mg/2 mg", max_length=60)),
                (
                    "route",
                    models.CharField(
                        choices=[
                            ("oral", "By mouth"),
                            ("sublingual", "Under the tongue (sublingual)"),
                            ("injection", "Injection"),
                            ("xr_injection", "Extended-release injection"),
                            ("transdermal", "Skin patch"),
                            ("inhaled", "Inhaled"),
                            ("nasal", "Nasal"),
                            ("other", "Other"),
                        ],
                        default="oral",
                        max_length=16,
                    ),
                ),
                (
                    "frequency",
                    models.CharField(help_text="e.g. once daily, at bedtime", max_length=60),
                ),
                ("indication", models.CharField(blank=True, max_length=200)),
                ("outside_prescriber", models.CharField(blank=True, max_length=120)),
                (
                    "started_on",
                    models.DateField(
                        help_text="An approximate date is fine for a reported medication."
                    ),
                ),
                ("stopped_on", models.DateField(blank=True, null=True)),
                ("stop_reason", models.CharField(blank=True, max_length=300)),
                (
                    "controlled",
                    models.BooleanField(default=False, verbose_name="controlled substance"),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("reported", "Reported by the client"),
                            ("outside_record", "Outside record"),
                            ("prescribed_here", "Prescribed here"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="medications",
                        to="clients.client",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "prescriber",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="medications_prescribed",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["stopped_on", django.db.models.functions.text.Lower("name")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("stopped_on__isnull", True),
                            ("stopped_on__gte", models.F("started_on")),
                            _connector="OR",
                        ),
                        name="medication_stop_not_before_start",
                        violation_error_message="The stop date cannot be before the start date.",
                    ),
                    models.UniqueConstraint(
                        models.F("client"),
                        django.db.models.functions.text.Lower("name"),
                        condition=models.Q(("stopped_on__isnull", True)),
                        name="medication_one_current_entry_per_name",
                        violation_error_message="This medication is already on the client's list.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("source", "prescribed_here"), _negated=True),
                            ("prescriber__isnull", False),
                            _connector="OR",
                        ),
                        name="medication_prescribed_here_names_prescriber",
                        violation_error_message="A prescription made here names its prescriber.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="MedicationEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "name",
                    models.CharField(
                        help_text="As on the label, e.g. Buprenorphine/naloxone (Suboxone).",
                        max_length=120,
                    ),
                ),
                (
                    "drug_class",
                    models.CharField(
                        choices=[
                            ("buprenorphine", "Buprenorphine (MOUD)"),
                            ("methadone", "Methadone (MOUD)"),
                            ("naltrexone", "Naltrexone"),
                            ("acamprosate", "Acamprosate"),
                            ("disulfiram", "Disulfiram"),
                            ("morphine", "Opioid analgesic: morphine"),
                            ("codeine", "Opioid analgesic: codeine"),
                            ("oxycodone", "Opioid analgesic: oxycodone"),
                            ("hydrocodone", "Opioid analgesic: hydrocodone"),
                            ("hydromorphone", "Opioid analgesic: hydromorphone"),
                            ("fentanyl", "Opioid analgesic: fentanyl"),
                            ("tramadol", "Opioid analgesic: tramadol"),
                            ("benzodiazepine", "Benzodiazepine"),
                            ("z_drug", "Sleep medication (zolpidem and similar)"),
                            ("amphetamine_stimulant", "Stimulant: amphetamine class"),
                            ("methylphenidate", "Stimulant: methylphenidate class"),
                            ("non_stimulant_adhd", "ADHD medication, non-stimulant"),
                            ("cannabinoid", "Prescribed cannabinoid (dronabinol)"),
                            ("ssri", "Antidepressant: SSRI"),
                            ("snri", "Antidepressant: SNRI"),
                            ("other_antidepressant", "Antidepressant: other"),
                            ("antipsychotic", "Antipsychotic"),
                            ("mood_stabilizer", "Mood stabilizer"),
                            ("alpha_agonist", "Alpha blocker or agonist (prazosin, clonidine)"),
                            ("sedating_antihistamine", "Sedating antihistamine (hydroxyzine)"),
                            ("anxiolytic_other", "Anxiolytic: other (buspirone)"),
                            ("other", "Other medication"),
                        ],
                        help_text="What a drug screen can match it to.",
                        max_length=32,
                    ),
                ),
                ("dose", models.CharField(help_text="e.g. 8 mg/2 mg", max_length=60)),
                (
                    "route",
                    models.CharField(
                        choices=[
                            ("oral", "By mouth"),
                            ("sublingual", "Under the tongue (sublingual)"),
                            ("injection", "Injection"),
                            ("xr_injection", "Extended-release injection"),
                            ("transdermal", "Skin patch"),
                            ("inhaled", "Inhaled"),
                            ("nasal", "Nasal"),
                            ("other", "Other"),
                        ],
                        default="oral",
                        max_length=16,
                    ),
                ),
                (
                    "frequency",
                    models.CharField(help_text="e.g. once daily, at bedtime", max_length=60),
                ),
                ("indication", models.CharField(blank=True, max_length=200)),
                ("outside_prescriber", models.CharField(blank=True, max_length=120)),
                (
                    "started_on",
                    models.DateField(
                        help_text="An approximate date is fine for a reported medication."
                    ),
                ),
                ("stopped_on", models.DateField(blank=True, null=True)),
                ("stop_reason", models.CharField(blank=True, max_length=300)),
                (
                    "controlled",
                    models.BooleanField(default=False, verbose_name="controlled substance"),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("reported", "Reported by the client"),
                            ("outside_record", "Outside record"),
                            ("prescribed_here", "Prescribed here"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "client",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clients.client",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="events",
                        to="medications.medication",
                    ),
                ),
                (
                    "prescriber",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Reconciliation",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "occasion",
                    models.CharField(
                        choices=[
                            ("admission", "Admission"),
                            ("medication_visit", "Medication-management visit"),
                            ("review", "Other review"),
                        ],
                        max_length=20,
                    ),
                ),
                ("visit_session_id", models.UUIDField(blank=True, null=True)),
                ("started_at", models.DateTimeField()),
                ("completed_at", models.DateTimeField(blank=True, null=True)),
                ("summary", models.TextField(blank=True)),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reconciliations",
                        to="clients.client",
                    ),
                ),
                (
                    "episode",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reconciliations",
                        to="clients.episode",
                    ),
                ),
                (
                    "reconciled_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-started_at"],
                "indexes": [
                    models.Index(
                        fields=["client", "-completed_at"], name="medications_client__4aff2e_idx"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("visit_session_id__isnull", False)),
                        fields=("visit_session_id",),
                        name="reconciliation_once_per_visit",
                        violation_error_message="This visit already has a medication reconciliation.",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("completed_at__isnull", True)),
                        fields=("episode",),
                        name="reconciliation_one_open_per_episode",
                        violation_error_message="A reconciliation is already in progress for this episode.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="MedicationChange",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("recorded", "Recorded"),
                            ("prescribed", "Prescribed"),
                            ("changed", "Changed"),
                            ("confirmed", "Confirmed"),
                            ("stopped", "Stopped"),
                        ],
                        max_length=16,
                    ),
                ),
                ("changed_at", models.DateTimeField()),
                ("fields_changed", models.JSONField(blank=True, default=dict)),
                ("reason", models.TextField(blank=True)),
                (
                    "changed_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "medication",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="changes",
                        to="medications.medication",
                    ),
                ),
                (
                    "reconciliation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="changes",
                        to="medications.reconciliation",
                    ),
                ),
            ],
            options={
                "ordering": ["changed_at"],
            },
        ),
        migrations.CreateModel(
            name="ReconciliationEntry",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "decision",
                    models.CharField(
                        choices=[
                            ("confirmed", "Confirmed"),
                            ("changed", "Changed"),
                            ("stopped", "Stopped"),
                            ("added", "Added"),
                        ],
                        max_length=16,
                    ),
                ),
                ("reason", models.TextField(blank=True)),
                ("decided_at", models.DateTimeField()),
                (
                    "medication",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reconciliation_entries",
                        to="medications.medication",
                    ),
                ),
                (
                    "reconciliation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="entries",
                        to="medications.reconciliation",
                    ),
                ),
            ],
            options={
                "ordering": ["decided_at"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("reconciliation", "medication"),
                        name="reconciliation_entry_once_per_medication",
                        violation_error_message="This medication is already decided here.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ReconciliationEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                (
                    "occasion",
                    models.CharField(
                        choices=[
                            ("admission", "Admission"),
                            ("medication_visit", "Medication-management visit"),
                            ("review", "Other review"),
                        ],
                        max_length=20,
                    ),
                ),
                ("visit_session_id", models.UUIDField(blank=True, null=True)),
                ("started_at", models.DateTimeField()),
                ("completed_at", models.DateTimeField(blank=True, null=True)),
                ("summary", models.TextField(blank=True)),
                (
                    "client",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clients.client",
                    ),
                ),
                (
                    "episode",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clients.episode",
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="events",
                        to="medications.reconciliation",
                    ),
                ),
                (
                    "reconciled_by",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="medication",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="110a5df892ea73480ae5c7d3b34f485fe0fc4ba9",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_69392",
                    table="medications_medication",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="medication",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="fc09c3bbec144908c450808f0d56d19ae3b815b9",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_9d245",
                    table="medications_medication",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="medication",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "medications_medicationevent" ("client_id", "controlled", "created_at", "created_by_id", "dose", "drug_class", "frequency", "id", "indication", "name", "outside_prescriber", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "prescriber_id", "route", "source", "started_on", "stop_reason", "stopped_on", "updated_at") VALUES (NEW."client_id", NEW."controlled", NEW."created_at", NEW."created_by_id", NEW."dose", NEW."drug_class", NEW."frequency", NEW."id", NEW."indication", NEW."name", NEW."outside_prescriber", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."prescriber_id", NEW."route", NEW."source", NEW."started_on", NEW."stop_reason", NEW."stopped_on", NEW."updated_at"); RETURN NULL;',
                    hash="0b1c9784ddc403048efdeb8e1e358a66fca72dca",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_bd22f",
                    table="medications_medication",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="medication",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "medications_medicationevent" ("client_id", "controlled", "created_at", "created_by_id", "dose", "drug_class", "frequency", "id", "indication", "name", "outside_prescriber", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "prescriber_id", "route", "source", "started_on", "stop_reason", "stopped_on", "updated_at") VALUES (NEW."client_id", NEW."controlled", NEW."created_at", NEW."created_by_id", NEW."dose", NEW."drug_class", NEW."frequency", NEW."id", NEW."indication", NEW."name", NEW."outside_prescriber", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."prescriber_id", NEW."route", NEW."source", NEW."started_on", NEW."stop_reason", NEW."stopped_on", NEW."updated_at"); RETURN NULL;',
                    hash="d2713fa55660eb5acf9e48b218013db21fb35d5a",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_1f478",
                    table="medications_medication",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="medicationevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="0ed139ddd715c0503cf2c0bce14ec6f94763762b",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_af938",
                    table="medications_medicationevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="medicationevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="5edf77a9e6e7757313b8dea09d944deffba9936e",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_465a9",
                    table="medications_medicationevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reconciliation",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="d8a6939e8211df427b491021d7f31f4554c4a2bc",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_3e8ed",
                    table="medications_reconciliation",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reconciliation",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="13184f16df254b1567221f7a7c9d74b8c63f4a93",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_8670d",
                    table="medications_reconciliation",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reconciliation",
            trigger=pgtrigger.compiler.Trigger(
                name="completed_is_final",
                sql=iop.locks.LockSql(
                    condition='WHEN (OLD."completed_at" IS NOT NULL)',
                    func="RAISE EXCEPTION '%: a completed reconciliation is final', TG_TABLE_NAME; RETURN NULL;",
                    hash="f9cd72e6a7d836cead9716dca4755590df776fd5",
                    operation="UPDATE",
                    pgid="pgtrigger_completed_is_final_af30f",
                    table="medications_reconciliation",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reconciliation",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "medications_reconciliationevent" ("client_id", "completed_at", "episode_id", "id", "occasion", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reconciled_by_id", "started_at", "summary", "visit_session_id") VALUES (NEW."client_id", NEW."completed_at", NEW."episode_id", NEW."id", NEW."occasion", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."reconciled_by_id", NEW."started_at", NEW."summary", NEW."visit_session_id"); RETURN NULL;',
                    hash="b91aa74112463e4029172e5ba7a2ed31eefc644d",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_094b9",
                    table="medications_reconciliation",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reconciliation",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "medications_reconciliationevent" ("client_id", "completed_at", "episode_id", "id", "occasion", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reconciled_by_id", "started_at", "summary", "visit_session_id") VALUES (NEW."client_id", NEW."completed_at", NEW."episode_id", NEW."id", NEW."occasion", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."reconciled_by_id", NEW."started_at", NEW."summary", NEW."visit_session_id"); RETURN NULL;',
                    hash="e7e815ace80114e435fd3a7b593c8bfa1f56f2c8",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_e5a6a",
                    table="medications_reconciliation",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="medicationchange",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: medication changes are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="6a38c90deabd68e351542f15420199cb15d7c655",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_f085b",
                    table="medications_medicationchange",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="medicationchange",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: medication changes are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="164bb2526c0c5c437e72caa490764dd197ed76a0",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_15ec2",
                    table="medications_medicationchange",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reconciliationentry",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: reconciliation decisions are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="f31104fd5afd16b325fdd45aa2f1196943807c04",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_18b44",
                    table="medications_reconciliationentry",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reconciliationentry",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: reconciliation decisions are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="827ec6f1987e266c78756a0ada0e10f9742741c8",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_1658a",
                    table="medications_reconciliationentry",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reconciliationevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="d225b3ab8ea52090a2e10c8acb82ab54f947ccc5",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_0063f",
                    table="medications_reconciliationevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reconciliationevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="e7c2423b8667a45755fb0dd4da4f7584f8614829",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_12ad5",
                    table="medications_reconciliationevent",
                    when="BEFORE",
                ),
            ),
        ),
    ]
