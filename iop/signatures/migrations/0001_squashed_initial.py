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
        ("signatures", "0001_initial"),
        ("signatures", "0002_clinical_rows_never_deleted_locks_not_switchable"),
        ("signatures", "0003_authorized_representative_in_us_english"),
    ]

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("pghistory", "0007_auto_20250421_0444"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Signature",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("object_id", models.UUIDField()),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("client", "Client"),
                            ("representative", "Authorized representative"),
                            ("clinician", "Clinician"),
                            ("cosigner", "Co-signer"),
                            ("witness", "Staff witness"),
                        ],
                        max_length=16,
                    ),
                ),
                ("signer_name", models.CharField(max_length=200)),
                ("signed_at", models.DateTimeField()),
                ("content_sha256", models.CharField(max_length=64)),
                ("ip_address", models.GenericIPAddressField(blank=True, null=True)),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, to="contenttypes.contenttype"
                    ),
                ),
                (
                    "signer",
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
                "ordering": ["signed_at"],
                "indexes": [
                    models.Index(
                        fields=["content_type", "object_id"], name="signatures__content_1f0e50_idx"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="SignatureEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("object_id", models.UUIDField()),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("client", "Client"),
                            ("representative", "Authorized representative"),
                            ("clinician", "Clinician"),
                            ("cosigner", "Co-signer"),
                            ("witness", "Staff witness"),
                        ],
                        max_length=16,
                    ),
                ),
                ("signer_name", models.CharField(max_length=200)),
                ("signed_at", models.DateTimeField()),
                ("content_sha256", models.CharField(max_length=64)),
                ("ip_address", models.GenericIPAddressField(blank=True, null=True)),
                (
                    "content_type",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="contenttypes.contenttype",
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
                        to="signatures.signature",
                    ),
                ),
                (
                    "signer",
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
        pgtrigger.migrations.AddTrigger(
            model_name="signature",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: signatures are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="b5466dfd74330f08ea9b7579a34fad574e80bc2f",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_e5eab",
                    table="signatures_signature",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="signature",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: signatures are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="ace158d85d84bc60975de8f4dc817f9c90e0bcab",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_9ce65",
                    table="signatures_signature",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="signature",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "signatures_signatureevent" ("content_sha256", "content_type_id", "id", "ip_address", "object_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "role", "signed_at", "signer_id", "signer_name") VALUES (NEW."content_sha256", NEW."content_type_id", NEW."id", NEW."ip_address", NEW."object_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."role", NEW."signed_at", NEW."signer_id", NEW."signer_name"); RETURN NULL;',
                    hash="cdb11bae8eb4ab95e81af0a0eadd2df95f565f3c",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_c02d8",
                    table="signatures_signature",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="signature",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "signatures_signatureevent" ("content_sha256", "content_type_id", "id", "ip_address", "object_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "role", "signed_at", "signer_id", "signer_name") VALUES (NEW."content_sha256", NEW."content_type_id", NEW."id", NEW."ip_address", NEW."object_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."role", NEW."signed_at", NEW."signer_id", NEW."signer_name"); RETURN NULL;',
                    hash="3dc898e24428ef99f5f746f73b3ab54517a04b66",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_b7d66",
                    table="signatures_signature",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="signatureevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="87823d77bb0f0b6d78fb821141587d6eebc770cb",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_d8d9c",
                    table="signatures_signatureevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="signatureevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="b3250e87d5056ca6fb530bde4cb3fdaaf18bb2ae",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_19191",
                    table="signatures_signatureevent",
                    when="BEFORE",
                ),
            ),
        ),
    ]
