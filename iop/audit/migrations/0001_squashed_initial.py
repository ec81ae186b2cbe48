# The app's migration chain up to 39e9538, squashed into one (see replaces): what a fresh
# database needs, built from the models by makemigrations and merged (one CreateModel per
# model, indexes and constraints folded in, so a fresh migrate re-renders the state less).
# The schema it builds matches the old chain's (pg_dump --schema-only), but for two dead
# functions the old chain left behind (scheduling 0002 removed their triggers, not them).

import django.db.models.deletion
import iop.locks
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("audit", "0001_initial"),
        ("audit", "0002_initial"),
        ("audit", "0003_auditevent_auditevent_append_only"),
        ("audit", "0004_audit_actions_for_plans"),
        ("audit", "0005_alter_auditevent_action"),
        ("audit", "0006_audit_action_consent_text_changed"),
        ("audit", "0007_safety_plan_signed_action"),
        ("audit", "0008_audit_actions_for_staff_and_settings"),
        ("audit", "0009_clinical_rows_never_deleted_locks_not_switchable"),
        ("audit", "0010_relapse_prevention_plan_events"),
    ]

    initial = True

    dependencies = [
        ("accounts", "0001_squashed_initial"),
        ("clients", "0001_squashed_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="RecordView",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(auto_now_add=True, db_index=True)),
                (
                    "page",
                    models.CharField(
                        help_text="What was shown, e.g. 'Client chart'.", max_length=200
                    ),
                ),
                ("path", models.CharField(max_length=500)),
                ("ip_address", models.GenericIPAddressField(blank=True, null=True)),
                ("user_agent", models.CharField(blank=True, max_length=300)),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="record_views",
                        to="clients.client",
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
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="record_views",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-at"],
                "indexes": [
                    models.Index(fields=["client", "-at"], name="audit_recor_client__ba4298_idx"),
                    models.Index(fields=["user", "-at"], name="audit_recor_user_id_633171_idx"),
                ],
            },
        ),
        migrations.CreateModel(
            name="AuditEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(auto_now_add=True, db_index=True)),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("client_admitted", "Client admitted"),
                            ("level_changed", "Level of care changed"),
                            ("consent_signed", "Consent signed"),
                            ("consent_revoked", "Consent revoked"),
                            ("consent_text_changed", "Consent-to-treatment text changed"),
                            ("safety_alert_raised", "Safety alert raised"),
                            ("safety_alert_closed", "Safety alert answered"),
                            ("safety_plan_signed", "Safety plan signed"),
                            ("relapse_plan_signed", "Relapse prevention plan signed"),
                            ("relapse_plan_reviewed", "Relapse prevention plan reviewed"),
                            ("plan_activated", "Treatment plan signed and active"),
                            ("plan_reviewed", "Treatment plan reviewed"),
                            ("readiness_confirmed", "Readiness for trauma processing confirmed"),
                            ("phase_changed", "Treatment phase changed"),
                            ("report_disclosed", "Report disclosed"),
                            ("note_signed", "Note signed"),
                            ("note_cosigned", "Note co-signed"),
                            ("note_addendum", "Addendum added to a signed note"),
                            ("client_discharged", "Client discharged"),
                            ("track_enrolled", "Enrolled in a track"),
                            ("session_cancelled", "Session cancelled"),
                            ("staff_invited", "Staff member invited"),
                            ("role_granted", "Role granted"),
                            ("role_requested", "Role awaiting a director's approval"),
                            ("role_approved", "Role approved by a director"),
                            ("role_declined", "Role declined by a director"),
                            ("program_settings_changed", "Program settings changed"),
                        ],
                        max_length=32,
                    ),
                ),
                ("object_type", models.CharField(max_length=60)),
                ("object_id", models.UUIDField()),
                ("summary", models.CharField(max_length=300)),
                (
                    "actor",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "client",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="audit_events",
                        to="clients.client",
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
            ],
            options={
                "ordering": ["-at"],
                "indexes": [
                    models.Index(fields=["client", "-at"], name="audit_audit_client__d3bf4c_idx"),
                    models.Index(fields=["action", "-at"], name="audit_audit_action_6fe893_idx"),
                ],
            },
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="auditevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="e4de6c5199d7441cc2c9cbcfc8bf7567c6fe7537",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_00dfa",
                    table="audit_auditevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="auditevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="a76cf47bea824ff5045fa261e61a6a7e5052ff23",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_cf96e",
                    table="audit_auditevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="recordview",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="f4cae4d4ca530369f8ee6688992522481e7a5ff1",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_cee2c",
                    table="audit_recordview",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="recordview",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="788c372a6c9c3b3c11539d7ea02ba3de31fb094c",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_9fcc5",
                    table="audit_recordview",
                    when="BEFORE",
                ),
            ),
        ),
    ]
