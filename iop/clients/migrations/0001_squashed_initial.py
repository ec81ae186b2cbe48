# The app's migration chain up to 39e9538, squashed into one (see replaces): what a fresh
# database needs, built from the models by makemigrations and merged (one CreateModel per
# model, indexes and constraints folded in, so a fresh migrate re-renders the state less).
# The schema it builds matches the old chain's (pg_dump --schema-only), but for two dead
# functions the old chain left behind (scheduling 0002 removed their triggers, not them).
# Not carried over, as it only changed existing rows: 0004_client_phone_e164 (rewrote stored phone numbers).

import django.db.models.deletion
import django.db.models.functions.text
import iop.locks
import pgtrigger.compiler
import pgtrigger.migrations
import uuid
from django.conf import settings
from django.db import migrations, models


# Reference data a fresh database needs (was 0002_levels_of_care).
def load_levels(apps, schema_editor):
    from iop.clients.levels import levels_of_care_load

    levels_of_care_load(apps.get_model("clients", "LevelOfCare"))


class Migration(migrations.Migration):
    replaces = [
        ("clients", "0001_initial"),
        ("clients", "0002_levels_of_care"),
        ("clients", "0003_remove_client_insert_insert_and_more"),
        ("clients", "0004_client_phone_e164"),
        ("clients", "0005_planned_discharge"),
        ("clients", "0006_clinical_rows_never_deleted_locks_not_switchable"),
        ("clients", "0007_record_number_unique_per_program"),
        ("clients", "0008_discharge_kinds_receiving_provider"),
    ]

    initial = True

    dependencies = [
        ("accounts", "0001_squashed_initial"),
        ("pghistory", "0007_auto_20250421_0444"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Client",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("record_number", models.CharField(max_length=20)),
                ("legal_first_name", models.CharField(max_length=80)),
                ("legal_last_name", models.CharField(max_length=80)),
                (
                    "preferred_name",
                    models.CharField(
                        blank=True,
                        help_text="The name staff use when speaking with the client.",
                        max_length=80,
                    ),
                ),
                ("pronouns", models.CharField(blank=True, max_length=40)),
                ("date_of_birth", models.DateField()),
                ("phone", models.CharField(blank=True, max_length=30)),
                ("email", models.EmailField(blank=True, max_length=254)),
                ("address", models.TextField(blank=True)),
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
                        related_name="clients",
                        to="accounts.program",
                    ),
                ),
                (
                    "reminder_channel",
                    models.CharField(
                        choices=[
                            ("none", "No reminders"),
                            ("email", "Email"),
                            ("sms", "Text message"),
                        ],
                        default="none",
                        max_length=8,
                        verbose_name="session reminders by",
                    ),
                ),
                (
                    "reminder_discreet",
                    models.BooleanField(
                        default=True,
                        help_text="Leave the program's name and any clinical word out of reminder texts.",
                        verbose_name="discreet reminders",
                    ),
                ),
            ],
            options={
                "ordering": ["legal_last_name", "legal_first_name"],
                "indexes": [
                    models.Index(
                        fields=["program", "legal_last_name", "legal_first_name"],
                        name="clients_cli_program_94785d_idx",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        models.F("program"),
                        django.db.models.functions.text.Lower("record_number"),
                        name="client_record_number_unique_in_program",
                        violation_error_message="This record number is already in use in this program.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ClientEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("record_number", models.CharField(max_length=20)),
                ("legal_first_name", models.CharField(max_length=80)),
                ("legal_last_name", models.CharField(max_length=80)),
                (
                    "preferred_name",
                    models.CharField(
                        blank=True,
                        help_text="The name staff use when speaking with the client.",
                        max_length=80,
                    ),
                ),
                ("pronouns", models.CharField(blank=True, max_length=40)),
                ("date_of_birth", models.DateField()),
                ("phone", models.CharField(blank=True, max_length=30)),
                ("email", models.EmailField(blank=True, max_length=254)),
                ("address", models.TextField(blank=True)),
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
                        to="clients.client",
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
                    "reminder_channel",
                    models.CharField(
                        choices=[
                            ("none", "No reminders"),
                            ("email", "Email"),
                            ("sms", "Text message"),
                        ],
                        default="none",
                        max_length=8,
                        verbose_name="session reminders by",
                    ),
                ),
                (
                    "reminder_discreet",
                    models.BooleanField(
                        default=True,
                        help_text="Leave the program's name and any clinical word out of reminder texts.",
                        verbose_name="discreet reminders",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="LevelOfCare",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "edition",
                    models.CharField(
                        choices=[
                            ("3", "ASAM Criteria, 3rd edition"),
                            ("4", "ASAM Criteria, 4th edition (2023)"),
                        ],
                        max_length=1,
                    ),
                ),
                ("code", models.CharField(max_length=8)),
                ("name", models.CharField(max_length=120)),
                (
                    "min_weekly_hours",
                    models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True),
                ),
                (
                    "max_weekly_hours",
                    models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True),
                ),
                (
                    "ordering",
                    models.PositiveSmallIntegerField(help_text="Intensity order, low to high."),
                ),
            ],
            options={
                "verbose_name": "level of care",
                "verbose_name_plural": "levels of care",
                "ordering": ["edition", "ordering"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("edition", "code"), name="loc_unique_edition_code"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="SafetyFlag",
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
                            ("suicide_risk", "Suicide risk"),
                            ("self_harm", "Self-harm"),
                            ("violence", "Risk of violence"),
                            ("medical", "Medical alert"),
                            ("allergy", "Allergy"),
                            ("domestic_violence", "Domestic violence: do not disclose location"),
                            ("other", "Other"),
                        ],
                        max_length=24,
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=200)),
                ("resolved_at", models.DateTimeField(blank=True, null=True)),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="safety_flags",
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
                    "resolved_by",
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
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="SafetyFlagEvent",
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
                            ("suicide_risk", "Suicide risk"),
                            ("self_harm", "Self-harm"),
                            ("violence", "Risk of violence"),
                            ("medical", "Medical alert"),
                            ("allergy", "Allergy"),
                            ("domestic_violence", "Domestic violence: do not disclose location"),
                            ("other", "Other"),
                        ],
                        max_length=24,
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=200)),
                ("resolved_at", models.DateTimeField(blank=True, null=True)),
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
                        to="clients.safetyflag",
                    ),
                ),
                (
                    "resolved_by",
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
            name="Episode",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("admitted_on", models.DateField()),
                ("discharged_on", models.DateField(blank=True, null=True)),
                (
                    "discharge_reason",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("completed", "Planned completion"),
                            ("step_down", "Step down to outpatient"),
                            ("step_up", "Step up to a higher level of care elsewhere"),
                            ("administrative", "Administrative discharge"),
                            ("left_ama", "Left against clinical advice"),
                            ("lost_to_contact", "Lost to contact"),
                            ("transferred", "Transferred to another provider"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="episodes",
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
                    "primary_clinician",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="primary_episodes",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="episodes",
                        to="accounts.program",
                    ),
                ),
                (
                    "level_of_care",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="clients.levelofcare",
                    ),
                ),
                (
                    "discharge_planned_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("discharge_planned_on", models.DateField(blank=True, null=True)),
                (
                    "discharge_planned_reason",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("completed", "Planned completion"),
                            ("step_down", "Step down to outpatient"),
                            ("step_up", "Step up to a higher level of care elsewhere"),
                            ("administrative", "Administrative discharge"),
                            ("left_ama", "Left against clinical advice"),
                            ("lost_to_contact", "Lost to contact"),
                            ("transferred", "Transferred to another provider"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                ("receiving_provider", models.CharField(blank=True, max_length=200)),
                (
                    "receiving_provider_contact",
                    models.CharField(
                        blank=True,
                        help_text="Phone, address or the person who accepted the referral.",
                        max_length=200,
                    ),
                ),
            ],
            options={
                "ordering": ["-admitted_on"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("discharged_on__isnull", True)),
                        fields=("client",),
                        name="episode_one_open_per_client",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("discharged_on__isnull", True),
                            ("discharged_on__gte", models.F("admitted_on")),
                            _connector="OR",
                        ),
                        name="episode_discharge_after_admission",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("discharge_planned_on__isnull", True),
                            models.Q(
                                ("discharged_on__isnull", True),
                                ("discharge_planned_on__gte", models.F("admitted_on")),
                            ),
                            _connector="OR",
                        ),
                        name="episode_planned_discharge_open_after_admission",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="EpisodeEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("admitted_on", models.DateField()),
                ("discharged_on", models.DateField(blank=True, null=True)),
                (
                    "discharge_reason",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("completed", "Planned completion"),
                            ("step_down", "Step down to outpatient"),
                            ("step_up", "Step up to a higher level of care elsewhere"),
                            ("administrative", "Administrative discharge"),
                            ("left_ama", "Left against clinical advice"),
                            ("lost_to_contact", "Lost to contact"),
                            ("transferred", "Transferred to another provider"),
                            ("other", "Other"),
                        ],
                        max_length=20,
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
                        to="clients.episode",
                    ),
                ),
                (
                    "primary_clinician",
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
                    "level_of_care",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clients.levelofcare",
                    ),
                ),
                (
                    "discharge_planned_by",
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
                ("discharge_planned_on", models.DateField(blank=True, null=True)),
                (
                    "discharge_planned_reason",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("completed", "Planned completion"),
                            ("step_down", "Step down to outpatient"),
                            ("step_up", "Step up to a higher level of care elsewhere"),
                            ("administrative", "Administrative discharge"),
                            ("left_ama", "Left against clinical advice"),
                            ("lost_to_contact", "Lost to contact"),
                            ("transferred", "Transferred to another provider"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                ("receiving_provider", models.CharField(blank=True, max_length=200)),
                (
                    "receiving_provider_contact",
                    models.CharField(
                        blank=True,
                        help_text="Phone, address or the person who accepted the referral.",
                        max_length=200,
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="LevelOfCareChange",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("effective_on", models.DateField()),
                ("reason", models.TextField()),
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
                    "episode",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="level_changes",
                        to="clients.episode",
                    ),
                ),
                (
                    "from_level",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="clients.levelofcare",
                    ),
                ),
                (
                    "to_level",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="clients.levelofcare",
                    ),
                ),
            ],
            options={
                "ordering": ["-effective_on", "-created_at"],
            },
        ),
        migrations.CreateModel(
            name="LevelOfCareChangeEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("effective_on", models.DateField()),
                ("reason", models.TextField()),
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
                    "from_level",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clients.levelofcare",
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
                        to="clients.levelofcarechange",
                    ),
                ),
                (
                    "to_level",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clients.levelofcare",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="client",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="20a5bf00bfba03dcc8f0c315ac6279d85c1bfda9",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_9bc51",
                    table="clients_client",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="client",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="4210d56222e82988fa4e25deea33c69b0b3ce17d",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_bbd05",
                    table="clients_client",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="client",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "clients_clientevent" ("address", "created_at", "created_by_id", "date_of_birth", "email", "id", "legal_first_name", "legal_last_name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phone", "preferred_name", "program_id", "pronouns", "record_number", "reminder_channel", "reminder_discreet", "updated_at") VALUES (NEW."address", NEW."created_at", NEW."created_by_id", NEW."date_of_birth", NEW."email", NEW."id", NEW."legal_first_name", NEW."legal_last_name", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."phone", NEW."preferred_name", NEW."program_id", NEW."pronouns", NEW."record_number", NEW."reminder_channel", NEW."reminder_discreet", NEW."updated_at"); RETURN NULL;',
                    hash="277125a55cf813d07b5b6bc5dee05ca3426b9a7b",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_a5391",
                    table="clients_client",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="client",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "clients_clientevent" ("address", "created_at", "created_by_id", "date_of_birth", "email", "id", "legal_first_name", "legal_last_name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phone", "preferred_name", "program_id", "pronouns", "record_number", "reminder_channel", "reminder_discreet", "updated_at") VALUES (NEW."address", NEW."created_at", NEW."created_by_id", NEW."date_of_birth", NEW."email", NEW."id", NEW."legal_first_name", NEW."legal_last_name", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."phone", NEW."preferred_name", NEW."program_id", NEW."pronouns", NEW."record_number", NEW."reminder_channel", NEW."reminder_discreet", NEW."updated_at"); RETURN NULL;',
                    hash="ee3a4c25dd7258966c833dae7351cb1f86df18e8",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_757e7",
                    table="clients_client",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="clientevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="f043e87531b40c12e1240475fc5d699789b9ca6a",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_2989c",
                    table="clients_clientevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="clientevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="efd5f1d1b1227bc126fcdd744ee1d79a83e69dc0",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_fb123",
                    table="clients_clientevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="episodeevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="5b7bcb69bf47290c2c3118bf6c76e3e8cc927525",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_76835",
                    table="clients_episodeevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="episodeevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="f44699e55ffcca4653c02b184d06ec0f198656d1",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_7a7d1",
                    table="clients_episodeevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="episode",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="5ec3a8c72764ac5c790a62d20f204445b8b72d30",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_7bdd4",
                    table="clients_episode",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="episode",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="3520c75d3454041c4a4572f994c0ab68d6ecefe1",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_7a15b",
                    table="clients_episode",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="episode",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "clients_episodeevent" ("admitted_on", "client_id", "created_at", "created_by_id", "discharge_planned_by_id", "discharge_planned_on", "discharge_planned_reason", "discharge_reason", "discharged_on", "id", "level_of_care_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "primary_clinician_id", "program_id", "receiving_provider", "receiving_provider_contact", "updated_at") VALUES (NEW."admitted_on", NEW."client_id", NEW."created_at", NEW."created_by_id", NEW."discharge_planned_by_id", NEW."discharge_planned_on", NEW."discharge_planned_reason", NEW."discharge_reason", NEW."discharged_on", NEW."id", NEW."level_of_care_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."primary_clinician_id", NEW."program_id", NEW."receiving_provider", NEW."receiving_provider_contact", NEW."updated_at"); RETURN NULL;',
                    hash="37c3194be475fdc1e519e01d6a0a395c9dabce45",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_7711d",
                    table="clients_episode",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="episode",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "clients_episodeevent" ("admitted_on", "client_id", "created_at", "created_by_id", "discharge_planned_by_id", "discharge_planned_on", "discharge_planned_reason", "discharge_reason", "discharged_on", "id", "level_of_care_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "primary_clinician_id", "program_id", "receiving_provider", "receiving_provider_contact", "updated_at") VALUES (NEW."admitted_on", NEW."client_id", NEW."created_at", NEW."created_by_id", NEW."discharge_planned_by_id", NEW."discharge_planned_on", NEW."discharge_planned_reason", NEW."discharge_reason", NEW."discharged_on", NEW."id", NEW."level_of_care_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."primary_clinician_id", NEW."program_id", NEW."receiving_provider", NEW."receiving_provider_contact", NEW."updated_at"); RETURN NULL;',
                    hash="fa1d9dae8f2bfce26a433d199252e370fd743b60",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_f4432",
                    table="clients_episode",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelofcarechange",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="0dac957c17e05679a76351e4f5758c295b53e7c6",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_f5936",
                    table="clients_levelofcarechange",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelofcarechange",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="350cc27f1b6c1fd221e57451f79f6c60152b1f89",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_e528a",
                    table="clients_levelofcarechange",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelofcarechange",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "clients_levelofcarechangeevent" ("created_at", "created_by_id", "effective_on", "episode_id", "from_level_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reason", "to_level_id", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."effective_on", NEW."episode_id", NEW."from_level_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."reason", NEW."to_level_id", NEW."updated_at"); RETURN NULL;',
                    hash="8bd586304355ecc63959da66cfc3f2e4e2ea09db",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_d3c98",
                    table="clients_levelofcarechange",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelofcarechange",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "clients_levelofcarechangeevent" ("created_at", "created_by_id", "effective_on", "episode_id", "from_level_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reason", "to_level_id", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."effective_on", NEW."episode_id", NEW."from_level_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."reason", NEW."to_level_id", NEW."updated_at"); RETURN NULL;',
                    hash="03e5b03476f73573f701daa94d2ea870b64b5d12",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_5aefe",
                    table="clients_levelofcarechange",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelofcarechangeevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="06ae3e5512e8e7373f2279954be450c5873e8c79",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_05819",
                    table="clients_levelofcarechangeevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelofcarechangeevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="05fc614e0361dce13dd4e4f1d8258ba91131660b",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_1b4e0",
                    table="clients_levelofcarechangeevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyflag",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="3cabe4f0dfda8d0008fa8474d8883fb81049670f",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_3794a",
                    table="clients_safetyflag",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyflag",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="b01552546e93902933c74390ed9eeceb4634610c",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_704a2",
                    table="clients_safetyflag",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyflag",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "clients_safetyflagevent" ("client_id", "created_at", "created_by_id", "id", "kind", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "resolved_at", "resolved_by_id", "updated_at") VALUES (NEW."client_id", NEW."created_at", NEW."created_by_id", NEW."id", NEW."kind", NEW."note", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."resolved_at", NEW."resolved_by_id", NEW."updated_at"); RETURN NULL;',
                    hash="645e91c5da3a1274ddbd3cf1c78d66c0bee709ac",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_634d3",
                    table="clients_safetyflag",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyflag",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "clients_safetyflagevent" ("client_id", "created_at", "created_by_id", "id", "kind", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "resolved_at", "resolved_by_id", "updated_at") VALUES (NEW."client_id", NEW."created_at", NEW."created_by_id", NEW."id", NEW."kind", NEW."note", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."resolved_at", NEW."resolved_by_id", NEW."updated_at"); RETURN NULL;',
                    hash="283d2daa26cf8888ee3ea55e2063c7ab47a6fa14",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_06722",
                    table="clients_safetyflag",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyflagevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="896515b0acb26bd2e374b4dd2b421914cc9e6c53",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_a5ff7",
                    table="clients_safetyflagevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyflagevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="6433dc59c445219fd176bdb844a1fddc31fefff1",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_e4a06",
                    table="clients_safetyflagevent",
                    when="BEFORE",
                ),
            ),
        ),
        migrations.RunPython(load_levels, migrations.RunPython.noop),
    ]
