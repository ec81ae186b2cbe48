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
        ("clinical_reports", "0001_initial"),
        ("clinical_reports", "0002_transition_summary"),
    ]

    initial = True

    dependencies = [
        ("accounts", "0001_squashed_initial"),
        ("clients", "0001_squashed_initial"),
        ("intake", "0001_squashed_initial"),
        ("pghistory", "0007_auto_20250421_0444"),
        ("reports", "0001_squashed_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ClinicalReport",
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
                        choices=[
                            ("compliance", "Court/probation compliance report"),
                            ("progress", "Progress report"),
                            ("discharge", "Discharge summary"),
                            ("transition", "Transition summary"),
                        ],
                        max_length=20,
                    ),
                ),
                ("reference", models.CharField(max_length=20, unique=True)),
                ("period_start", models.DateField()),
                ("period_end", models.DateField()),
                ("scheduled", models.BooleanField(default=False)),
                ("due_on", models.DateField(blank=True, null=True)),
                ("content", models.JSONField(default=dict)),
                ("drawn_at", models.DateTimeField()),
                ("executive_summary", models.TextField(blank=True)),
                ("participation", models.TextField(blank=True)),
                ("recommendation", models.TextField(blank=True)),
                ("clinician_summary", models.TextField(blank=True)),
                ("aftercare", models.TextField(blank=True)),
                ("signed_at", models.DateTimeField(blank=True, null=True)),
                ("signed_text", models.TextField(blank=True)),
                ("content_sha256", models.CharField(blank=True, max_length=64)),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="clinical_reports",
                        to="clients.client",
                    ),
                ),
                (
                    "consent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="intake.consent",
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
                    "document",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="clinical_report",
                        to="reports.report",
                    ),
                ),
                (
                    "episode",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="clients.episode",
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
                    "signed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-period_end", "-created_at"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("period_end__gte", models.F("period_start"))),
                        name="report_period_in_order",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("signed_at__isnull", True),
                            models.Q(
                                models.Q(("content_sha256", ""), _negated=True),
                                ("signed_by__isnull", False),
                            ),
                            _connector="OR",
                        ),
                        name="signed_report_has_signer_and_hash",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("scheduled", True)),
                        fields=("consent", "period_start", "period_end"),
                        name="one_scheduled_report_per_period",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ClinicalReportEvent",
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
                        choices=[
                            ("compliance", "Court/probation compliance report"),
                            ("progress", "Progress report"),
                            ("discharge", "Discharge summary"),
                            ("transition", "Transition summary"),
                        ],
                        max_length=20,
                    ),
                ),
                ("reference", models.CharField(max_length=20)),
                ("period_start", models.DateField()),
                ("period_end", models.DateField()),
                ("scheduled", models.BooleanField(default=False)),
                ("due_on", models.DateField(blank=True, null=True)),
                ("content", models.JSONField(default=dict)),
                ("drawn_at", models.DateTimeField()),
                ("executive_summary", models.TextField(blank=True)),
                ("participation", models.TextField(blank=True)),
                ("recommendation", models.TextField(blank=True)),
                ("clinician_summary", models.TextField(blank=True)),
                ("aftercare", models.TextField(blank=True)),
                ("signed_at", models.DateTimeField(blank=True, null=True)),
                ("signed_text", models.TextField(blank=True)),
                ("content_sha256", models.CharField(blank=True, max_length=64)),
                (
                    "author",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
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
                    "consent",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="intake.consent",
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
                    "document",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.report",
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
                        to="clinical_reports.clinicalreport",
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
                    "signed_by",
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
            name="Disclosure",
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
                    "recipient_name",
                    models.CharField(help_text="As the consent names them.", max_length=200),
                ),
                ("information", models.JSONField(default=list)),
                ("description", models.CharField(max_length=300)),
                ("disclosed_at", models.DateTimeField()),
                ("notified", models.BooleanField(default=False)),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="clients.client",
                    ),
                ),
                (
                    "consent",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="intake.consent",
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
                    "disclosed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "recipient_user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="disclosures",
                        to="clinical_reports.clinicalreport",
                    ),
                ),
            ],
            options={
                "ordering": ["-disclosed_at"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("report", "consent"), name="one_disclosure_per_report_and_consent"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="DisclosureEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "recipient_name",
                    models.CharField(help_text="As the consent names them.", max_length=200),
                ),
                ("information", models.JSONField(default=list)),
                ("description", models.CharField(max_length=300)),
                ("disclosed_at", models.DateTimeField()),
                ("notified", models.BooleanField(default=False)),
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
                    "consent",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="intake.consent",
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
                    "disclosed_by",
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
                        to="clinical_reports.disclosure",
                    ),
                ),
                (
                    "recipient_user",
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
                    "report",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clinical_reports.clinicalreport",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="clinicalreport",
            trigger=pgtrigger.compiler.Trigger(
                name="locked_once_signed",
                sql=iop.locks.LockSql(
                    condition='WHEN (OLD."signed_at" IS NOT NULL AND (OLD."id" IS DISTINCT FROM NEW."id" OR OLD."created_at" IS DISTINCT FROM NEW."created_at" OR OLD."created_by_id" IS DISTINCT FROM NEW."created_by_id" OR OLD."client_id" IS DISTINCT FROM NEW."client_id" OR OLD."episode_id" IS DISTINCT FROM NEW."episode_id" OR OLD."program_id" IS DISTINCT FROM NEW."program_id" OR OLD."kind" IS DISTINCT FROM NEW."kind" OR OLD."reference" IS DISTINCT FROM NEW."reference" OR OLD."period_start" IS DISTINCT FROM NEW."period_start" OR OLD."period_end" IS DISTINCT FROM NEW."period_end" OR OLD."consent_id" IS DISTINCT FROM NEW."consent_id" OR OLD."scheduled" IS DISTINCT FROM NEW."scheduled" OR OLD."due_on" IS DISTINCT FROM NEW."due_on" OR OLD."author_id" IS DISTINCT FROM NEW."author_id" OR OLD."content" IS DISTINCT FROM NEW."content" OR OLD."drawn_at" IS DISTINCT FROM NEW."drawn_at" OR OLD."executive_summary" IS DISTINCT FROM NEW."executive_summary" OR OLD."participation" IS DISTINCT FROM NEW."participation" OR OLD."recommendation" IS DISTINCT FROM NEW."recommendation" OR OLD."clinician_summary" IS DISTINCT FROM NEW."clinician_summary" OR OLD."aftercare" IS DISTINCT FROM NEW."aftercare" OR OLD."signed_at" IS DISTINCT FROM NEW."signed_at" OR OLD."signed_by_id" IS DISTINCT FROM NEW."signed_by_id" OR OLD."signed_text" IS DISTINCT FROM NEW."signed_text" OR OLD."content_sha256" IS DISTINCT FROM NEW."content_sha256"))',
                    func="RAISE EXCEPTION '%: signed records are locked; correct them with an addendum or a new version', TG_TABLE_NAME; RETURN NULL;",
                    hash="75f93261980bf55339b4122c740d8dabc44313f6",
                    operation="UPDATE",
                    pgid="pgtrigger_locked_once_signed_ade8e",
                    table="clinical_reports_clinicalreport",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="clinicalreport",
            trigger=pgtrigger.compiler.Trigger(
                name="document_set_once",
                sql=iop.locks.LockSql(
                    condition='WHEN (OLD."document_id" IS NOT NULL AND OLD."document_id" IS DISTINCT FROM NEW."document_id")',
                    func="RAISE EXCEPTION '%: a signed report''s document is set once', TG_TABLE_NAME; RETURN NULL;",
                    hash="3750eb4ae33d2eb1609b05fbd343a6649684c719",
                    operation="UPDATE",
                    pgid="pgtrigger_document_set_once_f3588",
                    table="clinical_reports_clinicalreport",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="clinicalreport",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: reports are never deleted; a signed one is corrected by a new one', TG_TABLE_NAME; RETURN NULL;",
                    hash="de21dcf9cae3aa53342e2d697fd222f3092b3864",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_e17e0",
                    table="clinical_reports_clinicalreport",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="clinicalreport",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: reports are never deleted; a signed one is corrected by a new one', TG_TABLE_NAME; RETURN NULL;",
                    hash="de84d597b0abcee462a850d3805221fa0fb3b253",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_3148d",
                    table="clinical_reports_clinicalreport",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="clinicalreport",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "clinical_reports_clinicalreportevent" ("aftercare", "author_id", "client_id", "clinician_summary", "consent_id", "content", "content_sha256", "created_at", "created_by_id", "document_id", "drawn_at", "due_on", "episode_id", "executive_summary", "id", "kind", "participation", "period_end", "period_start", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "recommendation", "reference", "scheduled", "signed_at", "signed_by_id", "signed_text", "updated_at") VALUES (NEW."aftercare", NEW."author_id", NEW."client_id", NEW."clinician_summary", NEW."consent_id", NEW."content", NEW."content_sha256", NEW."created_at", NEW."created_by_id", NEW."document_id", NEW."drawn_at", NEW."due_on", NEW."episode_id", NEW."executive_summary", NEW."id", NEW."kind", NEW."participation", NEW."period_end", NEW."period_start", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."program_id", NEW."recommendation", NEW."reference", NEW."scheduled", NEW."signed_at", NEW."signed_by_id", NEW."signed_text", NEW."updated_at"); RETURN NULL;',
                    hash="da55be65901d333d942014d20d76a8fd32ced22d",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_0ff84",
                    table="clinical_reports_clinicalreport",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="clinicalreport",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "clinical_reports_clinicalreportevent" ("aftercare", "author_id", "client_id", "clinician_summary", "consent_id", "content", "content_sha256", "created_at", "created_by_id", "document_id", "drawn_at", "due_on", "episode_id", "executive_summary", "id", "kind", "participation", "period_end", "period_start", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "recommendation", "reference", "scheduled", "signed_at", "signed_by_id", "signed_text", "updated_at") VALUES (NEW."aftercare", NEW."author_id", NEW."client_id", NEW."clinician_summary", NEW."consent_id", NEW."content", NEW."content_sha256", NEW."created_at", NEW."created_by_id", NEW."document_id", NEW."drawn_at", NEW."due_on", NEW."episode_id", NEW."executive_summary", NEW."id", NEW."kind", NEW."participation", NEW."period_end", NEW."period_start", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."program_id", NEW."recommendation", NEW."reference", NEW."scheduled", NEW."signed_at", NEW."signed_by_id", NEW."signed_text", NEW."updated_at"); RETURN NULL;',
                    hash="ad7326b7af2e6b86a697d46f844b5310a74a8267",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_20382",
                    table="clinical_reports_clinicalreport",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="clinicalreportevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="7718872c01ade7c574ff468638ab9cc0e5fd59ec",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_1ec3b",
                    table="clinical_reports_clinicalreportevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="clinicalreportevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="12e1d252fbb9d3959ed2703cfc893154d726ad52",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_074bd",
                    table="clinical_reports_clinicalreportevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="disclosure",
            trigger=pgtrigger.compiler.Trigger(
                name="disclosure_is_a_fact",
                sql=iop.locks.LockSql(
                    condition='WHEN (OLD."report_id" IS DISTINCT FROM NEW."report_id" OR OLD."client_id" IS DISTINCT FROM NEW."client_id" OR OLD."consent_id" IS DISTINCT FROM NEW."consent_id" OR OLD."recipient_user_id" IS DISTINCT FROM NEW."recipient_user_id" OR OLD."recipient_name" IS DISTINCT FROM NEW."recipient_name" OR OLD."information" IS DISTINCT FROM NEW."information" OR OLD."description" IS DISTINCT FROM NEW."description" OR OLD."disclosed_at" IS DISTINCT FROM NEW."disclosed_at" OR OLD."disclosed_by_id" IS DISTINCT FROM NEW."disclosed_by_id")',
                    func="RAISE EXCEPTION '%: a disclosure is recorded once and never changed', TG_TABLE_NAME; RETURN NULL;",
                    hash="6bc3a4f53d0286d6c85fede55c2956cba8e7b192",
                    operation="UPDATE",
                    pgid="pgtrigger_disclosure_is_a_fact_d941b",
                    table="clinical_reports_disclosure",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="disclosure",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: disclosures are never deleted (the accounting lists them)', TG_TABLE_NAME; RETURN NULL;",
                    hash="c85b47a5598181557699abf69a3830cf326807b5",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_6e58d",
                    table="clinical_reports_disclosure",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="disclosure",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: disclosures are never deleted (the accounting lists them)', TG_TABLE_NAME; RETURN NULL;",
                    hash="a6a2c98a0b6646e3cc9361f96858097a07a0f45f",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_a3285",
                    table="clinical_reports_disclosure",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="disclosure",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "clinical_reports_disclosureevent" ("client_id", "consent_id", "created_at", "created_by_id", "description", "disclosed_at", "disclosed_by_id", "id", "information", "notified", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recipient_name", "recipient_user_id", "report_id", "updated_at") VALUES (NEW."client_id", NEW."consent_id", NEW."created_at", NEW."created_by_id", NEW."description", NEW."disclosed_at", NEW."disclosed_by_id", NEW."id", NEW."information", NEW."notified", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."recipient_name", NEW."recipient_user_id", NEW."report_id", NEW."updated_at"); RETURN NULL;',
                    hash="5560bcfec03787563a2f38e13d60fb43420de480",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_2cb84",
                    table="clinical_reports_disclosure",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="disclosure",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "clinical_reports_disclosureevent" ("client_id", "consent_id", "created_at", "created_by_id", "description", "disclosed_at", "disclosed_by_id", "id", "information", "notified", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recipient_name", "recipient_user_id", "report_id", "updated_at") VALUES (NEW."client_id", NEW."consent_id", NEW."created_at", NEW."created_by_id", NEW."description", NEW."disclosed_at", NEW."disclosed_by_id", NEW."id", NEW."information", NEW."notified", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."recipient_name", NEW."recipient_user_id", NEW."report_id", NEW."updated_at"); RETURN NULL;',
                    hash="ded3df6888a9f908ff728929cc8a6b1350974148",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_95e8a",
                    table="clinical_reports_disclosure",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="disclosureevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="9e97782c7a6fd6b2e5fcb5ec94d868128462aa3e",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_19b3b",
                    table="clinical_reports_disclosureevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="disclosureevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="08bbed3c571566c583c1f0133de614ba1e041137",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_71d1f",
                    table="clinical_reports_disclosureevent",
                    when="BEFORE",
                ),
            ),
        ),
    ]
