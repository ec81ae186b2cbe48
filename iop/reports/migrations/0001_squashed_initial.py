# The app's migration chain up to 39e9538, squashed into one (see replaces): what a fresh
# database needs, built from the models by makemigrations and merged (one CreateModel per
# model, indexes and constraints folded in, so a fresh migrate re-renders the state less).
# The schema it builds matches the old chain's (pg_dump --schema-only), but for two dead
# functions the old chain left behind (scheduling 0002 removed their triggers, not them).

import django.db.models.deletion
import iop.locks
import pgtrigger.compiler
import pgtrigger.migrations
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("reports", "0001_initial"),
        ("reports", "0002_clinical_rows_never_deleted_locks_not_switchable"),
    ]

    initial = True

    dependencies = [
        ("accounts", "0001_squashed_initial"),
        ("clients", "0001_squashed_initial"),
        ("pghistory", "0007_auto_20250421_0444"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Report",
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
                    "kind",
                    models.CharField(
                        help_text="A registered renderer, e.g. plan_clinical.", max_length=40
                    ),
                ),
                (
                    "subject_type",
                    models.CharField(help_text="E.g. treatment_plans.TreatmentPlan", max_length=80),
                ),
                ("subject_id", models.UUIDField()),
                ("title", models.CharField(blank=True, max_length=200)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting to be made"),
                            ("rendering", "Being made"),
                            ("ready", "Ready"),
                            ("failed", "Failed"),
                        ],
                        default="pending",
                        max_length=10,
                    ),
                ),
                (
                    "file_path",
                    models.CharField(
                        blank=True, help_text="Relative to MEDIA_ROOT.", max_length=200
                    ),
                ),
                ("sha256", models.CharField(blank=True, max_length=64)),
                ("size", models.PositiveIntegerField(blank=True, null=True)),
                ("rendered_at", models.DateTimeField(blank=True, null=True)),
                ("error", models.TextField(blank=True)),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reports",
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
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.program",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
                "indexes": [
                    models.Index(
                        fields=["subject_type", "subject_id", "kind"],
                        name="reports_rep_subject_fd48d7_idx",
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "ready"), _negated=True),
                            models.Q(
                                models.Q(("file_path", ""), _negated=True),
                                ("sha256__regex", "^[0-9a-f]{64}$"),
                                ("size__gt", 0),
                            ),
                            _connector="OR",
                        ),
                        name="report_ready_has_file",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ReportEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "kind",
                    models.CharField(
                        help_text="A registered renderer, e.g. plan_clinical.", max_length=40
                    ),
                ),
                (
                    "subject_type",
                    models.CharField(help_text="E.g. treatment_plans.TreatmentPlan", max_length=80),
                ),
                ("subject_id", models.UUIDField()),
                ("title", models.CharField(blank=True, max_length=200)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting to be made"),
                            ("rendering", "Being made"),
                            ("ready", "Ready"),
                            ("failed", "Failed"),
                        ],
                        default="pending",
                        max_length=10,
                    ),
                ),
                (
                    "file_path",
                    models.CharField(
                        blank=True, help_text="Relative to MEDIA_ROOT.", max_length=200
                    ),
                ),
                ("sha256", models.CharField(blank=True, max_length=64)),
                ("size", models.PositiveIntegerField(blank=True, null=True)),
                ("rendered_at", models.DateTimeField(blank=True, null=True)),
                ("error", models.TextField(blank=True)),
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
                        to="reports.report",
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="accounts.program",
                    ),
                ),
                (
                    "requested_by",
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
            model_name="report",
            trigger=pgtrigger.compiler.Trigger(
                name="ready_is_final",
                sql=iop.locks.LockSql(
                    condition="WHEN (OLD.\"status\" = 'ready')",
                    func="RAISE EXCEPTION '%: a ready report is final; render a new one', TG_TABLE_NAME; RETURN NULL;",
                    hash="11c3ded9a6a346b1b57433b51446168e9c823fe1",
                    operation="UPDATE",
                    pgid="pgtrigger_ready_is_final_a71e8",
                    table="reports_report",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="report",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: reports are never deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="1634c3c87c62c556ba0571a8a7f5324aec8539e5",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_3a439",
                    table="reports_report",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="report",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: reports are never deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="2565ea067ed66075e39af3632d88b63dcebe8f3a",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_e7d38",
                    table="reports_report",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="report",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "reports_reportevent" ("client_id", "created_at", "created_by_id", "error", "file_path", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "rendered_at", "requested_by_id", "sha256", "size", "status", "subject_id", "subject_type", "title", "updated_at") VALUES (NEW."client_id", NEW."created_at", NEW."created_by_id", NEW."error", NEW."file_path", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."program_id", NEW."rendered_at", NEW."requested_by_id", NEW."sha256", NEW."size", NEW."status", NEW."subject_id", NEW."subject_type", NEW."title", NEW."updated_at"); RETURN NULL;',
                    hash="33d572900c3b7a92723461a5273e797f9b67ecff",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_84ceb",
                    table="reports_report",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="report",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "reports_reportevent" ("client_id", "created_at", "created_by_id", "error", "file_path", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "rendered_at", "requested_by_id", "sha256", "size", "status", "subject_id", "subject_type", "title", "updated_at") VALUES (NEW."client_id", NEW."created_at", NEW."created_by_id", NEW."error", NEW."file_path", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."program_id", NEW."rendered_at", NEW."requested_by_id", NEW."sha256", NEW."size", NEW."status", NEW."subject_id", NEW."subject_type", NEW."title", NEW."updated_at"); RETURN NULL;',
                    hash="7311e5113d5b439f4ea4289cdb034a8833b6fbfe",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_234a9",
                    table="reports_report",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reportevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="665f60ffaea70f5e36e465fc2645121352adfa05",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_eac1b",
                    table="reports_reportevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reportevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="6e6e6197ead8571e6339b091c90eecb38bbc78de",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_5e963",
                    table="reports_reportevent",
                    when="BEFORE",
                ),
            ),
        ),
    ]
