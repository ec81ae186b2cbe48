# The app's migration chain up to 39e9538, squashed into one (see replaces): what a fresh
# database needs, built from the models by makemigrations and merged (one CreateModel per
# model, indexes and constraints folded in, so a fresh migrate re-renders the state less).
# The schema it builds matches the old chain's (pg_dump --schema-only), but for two dead
# functions the old chain left behind (scheduling 0002 removed their triggers, not them).

import django.contrib.postgres.fields
import django.db.models.deletion
import iop.locks
import pgtrigger.compiler
import pgtrigger.migrations
import uuid
from django.conf import settings
from django.db import migrations, models


# The HHS 2025 screening panels (was 0002_panels_hhs_2025).
def seed_panels(apps, schema_editor):
    from relapse_prevention.panels import panels_seed

    panels_seed(
        apps.get_model("relapse_prevention", "ScreenPanel"),
        apps.get_model("relapse_prevention", "PanelAnalyte"),
    )


class Migration(migrations.Migration):
    replaces = [
        ("relapse_prevention", "0001_initial"),
        ("relapse_prevention", "0002_panels_hhs_2025"),
        ("relapse_prevention", "0003_random_screens"),
        ("relapse_prevention", "0004_specimen_signing"),
        ("relapse_prevention", "0005_relapse_prevention_plans"),
        ("relapse_prevention", "0006_checkins_and_lapses"),
        ("relapse_prevention", "0007_processing_decisions"),
    ]

    initial = True

    dependencies = [
        ("accounts", "0001_squashed_initial"),
        ("clients", "0001_squashed_initial"),
        ("groups", "0001_squashed_initial"),
        ("pghistory", "0007_auto_20250421_0444"),
        ("scheduling", "0001_squashed_initial"),
        ("treatment_plans", "0001_squashed_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ProcessingDecision",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("signs", models.TextField(help_text="The signs it answers, as they were shown.")),
                (
                    "decision",
                    models.CharField(
                        choices=[
                            ("continue", "Continue processing as planned"),
                            ("slow", "Slow the pacing"),
                            ("stabilize", "Return to stabilization"),
                        ],
                        max_length=12,
                    ),
                ),
                ("reason", models.TextField()),
                ("confirmed_at", models.DateTimeField(blank=True, null=True)),
                (
                    "confirmed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
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
                    "decided_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "episode",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="processing_decisions",
                        to="clients.episode",
                    ),
                ),
                (
                    "phase_change",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="treatment_plans.phasechange",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="treatment_plans.treatmentplan",
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
                "ordering": ["-created_at"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("confirmed_at__isnull", True),
                            models.Q(("confirmed_by", models.F("decided_by")), _negated=True),
                            _connector="OR",
                        ),
                        name="processing_decision_confirmed_by_another",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ProcessingDecisionEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("signs", models.TextField(help_text="The signs it answers, as they were shown.")),
                (
                    "decision",
                    models.CharField(
                        choices=[
                            ("continue", "Continue processing as planned"),
                            ("slow", "Slow the pacing"),
                            ("stabilize", "Return to stabilization"),
                        ],
                        max_length=12,
                    ),
                ),
                ("reason", models.TextField()),
                ("confirmed_at", models.DateTimeField(blank=True, null=True)),
                (
                    "confirmed_by",
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
                    "decided_by",
                    models.ForeignKey(
                        db_constraint=False,
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
                        to="relapse_prevention.processingdecision",
                    ),
                ),
                (
                    "phase_change",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="treatment_plans.phasechange",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="treatment_plans.treatmentplan",
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
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="RandomScreening",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("times_per_week", models.PositiveSmallIntegerField()),
                (
                    "specimen_type",
                    models.CharField(
                        choices=[("urine", "Urine"), ("oral_fluid", "Oral fluid")], max_length=16
                    ),
                ),
                ("panel_code", models.SlugField(max_length=60)),
                ("started_on", models.DateField()),
                ("ended_on", models.DateField(blank=True, null=True)),
                ("reason", models.TextField()),
                ("end_reason", models.TextField(blank=True)),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="random_screenings",
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
                    "ended_by",
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
                        related_name="random_screenings",
                        to="clients.episode",
                    ),
                ),
                (
                    "set_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-started_on", "-created_at"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("ended_on__isnull", True)),
                        fields=("episode",),
                        name="random_screening_one_active_per_episode",
                        violation_error_message="This client already has an active random schedule.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("times_per_week__gte", 1), ("times_per_week__lte", 5)),
                        name="random_screening_times_per_week_1_to_5",
                        violation_error_message="Choose from 1 to 5 screens a week.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("ended_on__isnull", True),
                            ("ended_on__gte", models.F("started_on")),
                            _connector="OR",
                        ),
                        name="random_screening_ends_after_start",
                        violation_error_message="The end date cannot be before the start date.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="RandomScreeningEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("times_per_week", models.PositiveSmallIntegerField()),
                (
                    "specimen_type",
                    models.CharField(
                        choices=[("urine", "Urine"), ("oral_fluid", "Oral fluid")], max_length=16
                    ),
                ),
                ("panel_code", models.SlugField(db_index=False, max_length=60)),
                ("started_on", models.DateField()),
                ("ended_on", models.DateField(blank=True, null=True)),
                ("reason", models.TextField()),
                ("end_reason", models.TextField(blank=True)),
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
                    "ended_by",
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
                        to="relapse_prevention.randomscreening",
                    ),
                ),
                (
                    "set_by",
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
        migrations.CreateModel(
            name="RelapsePreventionPlan",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("version", models.PositiveSmallIntegerField(default=1)),
                ("revision", models.PositiveIntegerField(default=1)),
                (
                    "what_others_do",
                    models.TextField(
                        blank=True,
                        help_text="In the client's own words.",
                        verbose_name="what I want others to do when they see my warning signs",
                    ),
                ),
                ("what_others_do_in_client_copy", models.BooleanField(default=True)),
                ("client_signed_name", models.CharField(blank=True, max_length=200)),
                ("client_signed_at", models.DateTimeField(blank=True, null=True)),
                ("clinician_signed_at", models.DateTimeField(blank=True, null=True)),
                ("signed_at", models.DateTimeField(blank=True, null=True)),
                ("signed_text", models.TextField(blank=True)),
                ("superseded_at", models.DateTimeField(blank=True, null=True)),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="relapse_prevention_plans",
                        to="clients.client",
                    ),
                ),
                (
                    "clinician_signed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
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
                    "episode",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="clients.episode",
                    ),
                ),
                (
                    "previous",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="next_version",
                        to="relapse_prevention.relapsepreventionplan",
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
                "ordering": ["-version"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("client", "version"), name="rp_plan_unique_version"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("signed_at__isnull", True)),
                        fields=("client",),
                        name="rp_plan_one_draft_per_client",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(
                            ("signed_at__isnull", False), ("superseded_at__isnull", True)
                        ),
                        fields=("client",),
                        name="rp_plan_one_in_effect_per_client",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="RelapsePreventionPlanEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("version", models.PositiveSmallIntegerField(default=1)),
                ("revision", models.PositiveIntegerField(default=1)),
                (
                    "what_others_do",
                    models.TextField(
                        blank=True,
                        help_text="In the client's own words.",
                        verbose_name="what I want others to do when they see my warning signs",
                    ),
                ),
                ("what_others_do_in_client_copy", models.BooleanField(default=True)),
                ("client_signed_name", models.CharField(blank=True, max_length=200)),
                ("client_signed_at", models.DateTimeField(blank=True, null=True)),
                ("clinician_signed_at", models.DateTimeField(blank=True, null=True)),
                ("signed_at", models.DateTimeField(blank=True, null=True)),
                ("signed_text", models.TextField(blank=True)),
                ("superseded_at", models.DateTimeField(blank=True, null=True)),
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
                    "clinician_signed_by",
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
                        to="relapse_prevention.relapsepreventionplan",
                    ),
                ),
                (
                    "previous",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relapse_prevention.relapsepreventionplan",
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
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="ScreenPanel",
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
                    "code",
                    models.SlugField(
                        help_text="Stable across versions, e.g. urine-12.", max_length=60
                    ),
                ),
                ("version", models.PositiveSmallIntegerField(default=1)),
                ("name", models.CharField(max_length=120)),
                (
                    "specimen_type",
                    models.CharField(
                        choices=[("urine", "Urine"), ("oral_fluid", "Oral fluid")], max_length=16
                    ),
                ),
                ("effective_from", models.DateField()),
                ("retired", models.BooleanField(default=False)),
                (
                    "source",
                    models.CharField(
                        blank=True,
                        help_text="Where the cut-offs come from, e.g. HHS 2025.",
                        max_length=300,
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
            ],
            options={
                "ordering": ["code", "-version"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("code", "version"), name="screen_panel_code_version"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Specimen",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("collected_at", models.DateTimeField()),
                ("observed", models.BooleanField(default=False)),
                (
                    "specimen_type",
                    models.CharField(
                        choices=[("urine", "Urine"), ("oral_fluid", "Oral fluid")], max_length=16
                    ),
                ),
                (
                    "validity",
                    models.CharField(
                        choices=[
                            ("normal", "Normal"),
                            ("dilute", "Dilute"),
                            ("substituted", "Substituted"),
                            ("adulterated", "Adulterated"),
                            ("invalid", "Invalid"),
                            ("refused", "Refused"),
                            ("unable_to_provide", "Unable to provide"),
                            ("no_show", "No-show"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "testing_site",
                    models.CharField(
                        choices=[("point_of_care", "Point-of-care device"), ("lab", "Laboratory")],
                        default="point_of_care",
                        max_length=16,
                    ),
                ),
                (
                    "lab_or_device",
                    models.CharField(
                        blank=True,
                        help_text="The laboratory, or the cup or device used.",
                        max_length=120,
                    ),
                ),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="specimens",
                        to="clients.client",
                    ),
                ),
                (
                    "collected_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
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
                    "episode",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="specimens",
                        to="clients.episode",
                    ),
                ),
                (
                    "ordered_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "panel",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="specimens",
                        to="relapse_prevention.screenpanel",
                    ),
                ),
                ("content_sha256", models.CharField(blank=True, max_length=64)),
                ("interpretation", models.TextField(blank=True)),
                (
                    "interpreted_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("signed_at", models.DateTimeField(blank=True, null=True)),
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
                ("signed_text", models.TextField(blank=True)),
            ],
            options={
                "ordering": ["-collected_at"],
                "indexes": [
                    models.Index(
                        fields=["client", "-collected_at"], name="relapse_pre_client__f8c5b7_idx"
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "validity__in",
                                [
                                    "normal",
                                    "dilute",
                                    "substituted",
                                    "adulterated",
                                    "invalid",
                                    "refused",
                                    "unable_to_provide",
                                    "no_show",
                                ],
                            )
                        ),
                        name="specimen_validity_defined",
                        violation_error_message="Choose a validity from the list.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("specimen_type__in", ["urine", "oral_fluid"])),
                        name="specimen_type_defined",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("signed_at__isnull", True),
                            models.Q(("content_sha256", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="signed_specimen_has_hash",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="SpecimenAddendum",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("text", models.TextField()),
                ("signed_at", models.DateTimeField()),
                ("content_sha256", models.CharField(max_length=64)),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
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
                    "specimen",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="addenda",
                        to="relapse_prevention.specimen",
                    ),
                ),
            ],
            options={
                "ordering": ["signed_at"],
            },
        ),
        migrations.CreateModel(
            name="SpecimenEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("collected_at", models.DateTimeField()),
                ("observed", models.BooleanField(default=False)),
                (
                    "specimen_type",
                    models.CharField(
                        choices=[("urine", "Urine"), ("oral_fluid", "Oral fluid")], max_length=16
                    ),
                ),
                (
                    "validity",
                    models.CharField(
                        choices=[
                            ("normal", "Normal"),
                            ("dilute", "Dilute"),
                            ("substituted", "Substituted"),
                            ("adulterated", "Adulterated"),
                            ("invalid", "Invalid"),
                            ("refused", "Refused"),
                            ("unable_to_provide", "Unable to provide"),
                            ("no_show", "No-show"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "testing_site",
                    models.CharField(
                        choices=[("point_of_care", "Point-of-care device"), ("lab", "Laboratory")],
                        default="point_of_care",
                        max_length=16,
                    ),
                ),
                (
                    "lab_or_device",
                    models.CharField(
                        blank=True,
                        help_text="The laboratory, or the cup or device used.",
                        max_length=120,
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
                    "collected_by",
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
                    "ordered_by",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "panel",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relapse_prevention.screenpanel",
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
                        to="relapse_prevention.specimen",
                    ),
                ),
                ("content_sha256", models.CharField(blank=True, max_length=64)),
                ("interpretation", models.TextField(blank=True)),
                (
                    "interpreted_by",
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
                ("signed_at", models.DateTimeField(blank=True, null=True)),
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
                ("signed_text", models.TextField(blank=True)),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="CheckIn",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("entered_in_error_at", models.DateTimeField(blank=True, null=True)),
                ("entered_in_error_reason", models.TextField(blank=True)),
                ("recorded_on", models.DateField(help_text="The program's local day.")),
                ("recorded_at", models.DateTimeField()),
                (
                    "craving",
                    models.PositiveSmallIntegerField(help_text="0 none, 10 the strongest."),
                ),
                ("mood", models.PositiveSmallIntegerField(help_text="0 the lowest, 10 the best.")),
                ("used", models.BooleanField(verbose_name="used since the last check-in")),
                (
                    "used_what",
                    models.CharField(blank=True, max_length=200, verbose_name="what was used"),
                ),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="check_ins",
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
                    "entered_in_error_by",
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
                        related_name="check_ins",
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
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="scheduling.session",
                    ),
                ),
            ],
            options={
                "ordering": ["-recorded_at"],
                "indexes": [
                    models.Index(
                        fields=["episode", "recorded_on"], name="relapse_pre_episode_9320c3_idx"
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("craving__lte", 10)), name="checkin_craving_0_10"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("mood__lte", 10)), name="checkin_mood_0_10"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("used", True), ("used_what", ""), _connector="OR"),
                        name="checkin_what_only_if_used",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="CheckInEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("entered_in_error_at", models.DateTimeField(blank=True, null=True)),
                ("entered_in_error_reason", models.TextField(blank=True)),
                ("recorded_on", models.DateField(help_text="The program's local day.")),
                ("recorded_at", models.DateTimeField()),
                (
                    "craving",
                    models.PositiveSmallIntegerField(help_text="0 none, 10 the strongest."),
                ),
                ("mood", models.PositiveSmallIntegerField(help_text="0 the lowest, 10 the best.")),
                ("used", models.BooleanField(verbose_name="used since the last check-in")),
                (
                    "used_what",
                    models.CharField(blank=True, max_length=200, verbose_name="what was used"),
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
                    "entered_in_error_by",
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
                        to="relapse_prevention.checkin",
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
                    "recorded_by",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="scheduling.session",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Lapse",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("entered_in_error_at", models.DateTimeField(blank=True, null=True)),
                ("entered_in_error_reason", models.TextField(blank=True)),
                ("occurred_on", models.DateField(verbose_name="when it happened")),
                (
                    "substance_or_behavior",
                    models.CharField(max_length=200, verbose_name="substance or behavior"),
                ),
                ("context", models.TextField(blank=True, verbose_name="what was going on")),
                ("what_helped", models.TextField(blank=True, verbose_name="what helped")),
                (
                    "what_to_change",
                    models.TextField(
                        blank=True, verbose_name="what the client wants to do differently"
                    ),
                ),
                ("recorded_at", models.DateTimeField()),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="lapses",
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
                    "entered_in_error_by",
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
                        related_name="lapses",
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
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "specimen",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="lapses",
                        to="relapse_prevention.specimen",
                    ),
                ),
            ],
            options={
                "ordering": ["-occurred_on", "-recorded_at"],
            },
        ),
        migrations.CreateModel(
            name="LapseEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("entered_in_error_at", models.DateTimeField(blank=True, null=True)),
                ("entered_in_error_reason", models.TextField(blank=True)),
                ("occurred_on", models.DateField(verbose_name="when it happened")),
                (
                    "substance_or_behavior",
                    models.CharField(max_length=200, verbose_name="substance or behavior"),
                ),
                ("context", models.TextField(blank=True, verbose_name="what was going on")),
                ("what_helped", models.TextField(blank=True, verbose_name="what helped")),
                (
                    "what_to_change",
                    models.TextField(
                        blank=True, verbose_name="what the client wants to do differently"
                    ),
                ),
                ("recorded_at", models.DateTimeField()),
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
                    "entered_in_error_by",
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
                        to="relapse_prevention.lapse",
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
                    "recorded_by",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "specimen",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relapse_prevention.specimen",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PanelAnalyte",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "code",
                    models.SlugField(help_text="e.g. thc, 6-am, buprenorphine", max_length=40),
                ),
                ("name", models.CharField(max_length=120)),
                (
                    "screen_cutoff",
                    models.DecimalField(decimal_places=2, help_text="ng/mL", max_digits=8),
                ),
                (
                    "confirmation_cutoff",
                    models.DecimalField(
                        blank=True, decimal_places=2, help_text="ng/mL", max_digits=8, null=True
                    ),
                ),
                ("unit", models.CharField(default="ng/mL", max_length=16)),
                (
                    "explained_by",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.CharField(
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
                            max_length=32,
                        ),
                        blank=True,
                        default=list,
                    ),
                ),
                ("ordering", models.PositiveSmallIntegerField(default=0)),
                (
                    "panel",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="analytes",
                        to="relapse_prevention.screenpanel",
                    ),
                ),
            ],
            options={
                "ordering": ["panel", "ordering", "name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("panel", "code"), name="panel_analyte_unique_code"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PlanCopingStrategy",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "in_client_copy",
                    models.BooleanField(
                        default=True,
                        help_text="The client chose to have this on their copy.",
                        verbose_name="on my copy",
                    ),
                ),
                ("description", models.TextField(verbose_name="what works for me")),
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
                    "skill",
                    models.ForeignKey(
                        blank=True,
                        help_text="The skill the groups teach that this strategy uses.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="groups.curriculumtopic",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="coping_strategies",
                        to="relapse_prevention.relapsepreventionplan",
                    ),
                ),
            ],
            options={
                "ordering": ["order", "created_at"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PlanCopingStrategyEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "in_client_copy",
                    models.BooleanField(
                        default=True,
                        help_text="The client chose to have this on their copy.",
                        verbose_name="on my copy",
                    ),
                ),
                ("description", models.TextField(verbose_name="what works for me")),
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
                        to="relapse_prevention.plancopingstrategy",
                    ),
                ),
                (
                    "skill",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The skill the groups teach that this strategy uses.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="groups.curriculumtopic",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relapse_prevention.relapsepreventionplan",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PlanCrisisResource",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "in_client_copy",
                    models.BooleanField(
                        default=True,
                        help_text="The client chose to have this on their copy.",
                        verbose_name="on my copy",
                    ),
                ),
                ("name", models.CharField(max_length=160)),
                ("contact", models.CharField(max_length=120, verbose_name="how to reach")),
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
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="crisis_resources",
                        to="relapse_prevention.relapsepreventionplan",
                    ),
                ),
            ],
            options={
                "ordering": ["order", "created_at"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PlanCrisisResourceEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "in_client_copy",
                    models.BooleanField(
                        default=True,
                        help_text="The client chose to have this on their copy.",
                        verbose_name="on my copy",
                    ),
                ),
                ("name", models.CharField(max_length=160)),
                ("contact", models.CharField(max_length=120, verbose_name="how to reach")),
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
                        to="relapse_prevention.plancrisisresource",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relapse_prevention.relapsepreventionplan",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PlanHighRiskDate",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "in_client_copy",
                    models.BooleanField(
                        default=True,
                        help_text="The client chose to have this on their copy.",
                        verbose_name="on my copy",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("anniversary", "Trauma anniversary"),
                            ("holiday", "Holiday"),
                            ("court", "Court date"),
                            ("other", "Other"),
                        ],
                        max_length=12,
                    ),
                ),
                ("label", models.CharField(max_length=160, verbose_name="what the day is")),
                ("on_date", models.DateField(verbose_name="date")),
                (
                    "recurs_yearly",
                    models.BooleanField(
                        default=False,
                        help_text="An anniversary or holiday comes back each year.",
                        verbose_name="every year",
                    ),
                ),
                ("plan_for_the_day", models.TextField(blank=True, verbose_name="plan for the day")),
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
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="high_risk_dates",
                        to="relapse_prevention.relapsepreventionplan",
                    ),
                ),
            ],
            options={
                "ordering": ["order", "created_at"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PlanHighRiskDateEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "in_client_copy",
                    models.BooleanField(
                        default=True,
                        help_text="The client chose to have this on their copy.",
                        verbose_name="on my copy",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("anniversary", "Trauma anniversary"),
                            ("holiday", "Holiday"),
                            ("court", "Court date"),
                            ("other", "Other"),
                        ],
                        max_length=12,
                    ),
                ),
                ("label", models.CharField(max_length=160, verbose_name="what the day is")),
                ("on_date", models.DateField(verbose_name="date")),
                (
                    "recurs_yearly",
                    models.BooleanField(
                        default=False,
                        help_text="An anniversary or holiday comes back each year.",
                        verbose_name="every year",
                    ),
                ),
                ("plan_for_the_day", models.TextField(blank=True, verbose_name="plan for the day")),
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
                        to="relapse_prevention.planhighriskdate",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relapse_prevention.relapsepreventionplan",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PlanSafeContact",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "in_client_copy",
                    models.BooleanField(
                        default=True,
                        help_text="The client chose to have this on their copy.",
                        verbose_name="on my copy",
                    ),
                ),
                ("name", models.CharField(max_length=120)),
                ("relationship", models.CharField(blank=True, max_length=80)),
                ("phone", models.CharField(max_length=40)),
                ("when_to_call", models.TextField(verbose_name="when to call")),
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
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="safe_contacts",
                        to="relapse_prevention.relapsepreventionplan",
                    ),
                ),
            ],
            options={
                "ordering": ["order", "created_at"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PlanSafeContactEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "in_client_copy",
                    models.BooleanField(
                        default=True,
                        help_text="The client chose to have this on their copy.",
                        verbose_name="on my copy",
                    ),
                ),
                ("name", models.CharField(max_length=120)),
                ("relationship", models.CharField(blank=True, max_length=80)),
                ("phone", models.CharField(max_length=40)),
                ("when_to_call", models.TextField(verbose_name="when to call")),
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
                        to="relapse_prevention.plansafecontact",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relapse_prevention.relapsepreventionplan",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PlanTrigger",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "in_client_copy",
                    models.BooleanField(
                        default=True,
                        help_text="The client chose to have this on their copy.",
                        verbose_name="on my copy",
                    ),
                ),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("people", "People"),
                            ("places", "Places"),
                            ("emotions", "Emotions"),
                            ("situations", "Situations"),
                            ("dates", "Dates and times of year"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "description",
                    models.TextField(verbose_name="the trigger, in the client's words"),
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
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="triggers",
                        to="relapse_prevention.relapsepreventionplan",
                    ),
                ),
            ],
            options={
                "ordering": ["order", "created_at"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PlanTriggerEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "in_client_copy",
                    models.BooleanField(
                        default=True,
                        help_text="The client chose to have this on their copy.",
                        verbose_name="on my copy",
                    ),
                ),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("people", "People"),
                            ("places", "Places"),
                            ("emotions", "Emotions"),
                            ("situations", "Situations"),
                            ("dates", "Dates and times of year"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "description",
                    models.TextField(verbose_name="the trigger, in the client's words"),
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
                        to="relapse_prevention.plantrigger",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relapse_prevention.relapsepreventionplan",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PlanWarningSign",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "in_client_copy",
                    models.BooleanField(
                        default=True,
                        help_text="The client chose to have this on their copy.",
                        verbose_name="on my copy",
                    ),
                ),
                (
                    "stage",
                    models.CharField(
                        choices=[("early", "Early"), ("middle", "Middle"), ("late", "Late")],
                        max_length=8,
                    ),
                ),
                ("description", models.TextField(verbose_name="the warning sign")),
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
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="warning_signs",
                        to="relapse_prevention.relapsepreventionplan",
                    ),
                ),
            ],
            options={
                "ordering": ["order", "created_at"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PlanWarningSignEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "in_client_copy",
                    models.BooleanField(
                        default=True,
                        help_text="The client chose to have this on their copy.",
                        verbose_name="on my copy",
                    ),
                ),
                (
                    "stage",
                    models.CharField(
                        choices=[("early", "Early"), ("middle", "Middle"), ("late", "Late")],
                        max_length=8,
                    ),
                ),
                ("description", models.TextField(verbose_name="the warning sign")),
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
                        to="relapse_prevention.planwarningsign",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relapse_prevention.relapsepreventionplan",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="RandomDraw",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField()),
                ("drawn_at", models.DateTimeField()),
                ("selected", models.BooleanField()),
                (
                    "schedule",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="draws",
                        to="relapse_prevention.randomscreening",
                    ),
                ),
            ],
            options={
                "ordering": ["-day"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("schedule", "day"), name="random_draw_once_a_day"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="RandomSelection",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("day", models.DateField()),
                ("drawn_at", models.DateTimeField()),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("pending", "Pending"),
                            ("collected", "Collected"),
                            ("no_show", "No-show"),
                        ],
                        default="pending",
                        max_length=10,
                    ),
                ),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="random_selections",
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
                    "episode",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="clients.episode",
                    ),
                ),
                (
                    "schedule",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="selections",
                        to="relapse_prevention.randomscreening",
                    ),
                ),
                (
                    "specimen",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="random_selection",
                        to="relapse_prevention.specimen",
                    ),
                ),
            ],
            options={
                "ordering": ["-day"],
                "indexes": [
                    models.Index(fields=["day", "outcome"], name="relapse_pre_day_986410_idx")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("client", "day"), name="random_selection_once_a_day"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("outcome", "pending"), ("specimen__isnull", False), _connector="OR"
                        ),
                        name="random_selection_outcome_has_specimen",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="RelapsePlanReview",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("reviewed_on", models.DateField()),
                (
                    "occasion",
                    models.CharField(
                        choices=[
                            ("plan_review", "With the treatment plan review"),
                            ("lapse", "After a lapse"),
                            ("other", "Other"),
                        ],
                        max_length=12,
                    ),
                ),
                ("summary", models.TextField(verbose_name="what was talked through")),
                (
                    "changes_needed",
                    models.BooleanField(
                        default=False, help_text="A new version is needed (and was started)."
                    ),
                ),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
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
                    "reviewed_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reviews",
                        to="relapse_prevention.relapsepreventionplan",
                    ),
                ),
            ],
            options={
                "ordering": ["-reviewed_on", "-created_at"],
            },
        ),
        migrations.CreateModel(
            name="RelapsePlanReviewEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("reviewed_on", models.DateField()),
                (
                    "occasion",
                    models.CharField(
                        choices=[
                            ("plan_review", "With the treatment plan review"),
                            ("lapse", "After a lapse"),
                            ("other", "Other"),
                        ],
                        max_length=12,
                    ),
                ),
                ("summary", models.TextField(verbose_name="what was talked through")),
                (
                    "changes_needed",
                    models.BooleanField(
                        default=False, help_text="A new version is needed (and was started)."
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
                        to="relapse_prevention.relapseplanreview",
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
                    "reviewed_by",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relapse_prevention.relapsepreventionplan",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="AnalyteResult",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "screen_result",
                    models.CharField(
                        blank=True,
                        choices=[("negative", "Negative"), ("positive", "Positive")],
                        max_length=8,
                        null=True,
                    ),
                ),
                (
                    "confirmation_result",
                    models.CharField(
                        blank=True,
                        choices=[("negative", "Negative"), ("positive", "Positive")],
                        max_length=8,
                        null=True,
                    ),
                ),
                ("cutoff", models.DecimalField(decimal_places=2, max_digits=8)),
                (
                    "value",
                    models.DecimalField(blank=True, decimal_places=2, max_digits=10, null=True),
                ),
                (
                    "analyte",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="relapse_prevention.panelanalyte",
                    ),
                ),
                (
                    "specimen",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="results",
                        to="relapse_prevention.specimen",
                    ),
                ),
            ],
            options={
                "ordering": ["analyte__ordering"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("specimen", "analyte"), name="analyte_result_once_per_specimen"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("confirmation_result__isnull", True),
                            ("screen_result__isnull", False),
                            _connector="OR",
                        ),
                        name="analyte_confirmation_after_screen",
                        violation_error_message="A confirmation result needs a screen result first.",
                    ),
                ],
            },
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="checkin",
            trigger=pgtrigger.compiler.Trigger(
                name="checkin_kept_as_recorded",
                sql=iop.locks.LockSql(
                    condition='WHEN (OLD."client_id" IS DISTINCT FROM NEW."client_id" OR OLD."episode_id" IS DISTINCT FROM NEW."episode_id" OR OLD."program_id" IS DISTINCT FROM NEW."program_id" OR OLD."session_id" IS DISTINCT FROM NEW."session_id" OR OLD."recorded_on" IS DISTINCT FROM NEW."recorded_on" OR OLD."recorded_at" IS DISTINCT FROM NEW."recorded_at" OR OLD."craving" IS DISTINCT FROM NEW."craving" OR OLD."mood" IS DISTINCT FROM NEW."mood" OR OLD."used" IS DISTINCT FROM NEW."used" OR OLD."used_what" IS DISTINCT FROM NEW."used_what" OR OLD."recorded_by_id" IS DISTINCT FROM NEW."recorded_by_id")',
                    func="RAISE EXCEPTION '%: check-ins are kept as recorded; mark one as entered in error instead', TG_TABLE_NAME; RETURN NULL;",
                    hash="d70327e706b862128b8b067c101c0ad1ee99cb00",
                    operation="UPDATE",
                    pgid="pgtrigger_checkin_kept_as_recorded_6ed6f",
                    table="relapse_prevention_checkin",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="checkin",
            trigger=pgtrigger.compiler.Trigger(
                name="checkin_error_mark_once",
                sql=iop.locks.LockSql(
                    condition="WHEN (OLD.entered_in_error_at IS NOT NULL)",
                    func="RAISE EXCEPTION '%: a check-in marked as entered in error stays so', TG_TABLE_NAME; RETURN NULL;",
                    hash="3ee3e3f9bfd31166ad53f6a8fab18dc4b4f0cc77",
                    operation="UPDATE",
                    pgid="pgtrigger_checkin_error_mark_once_20bd4",
                    table="relapse_prevention_checkin",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="checkin",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: check-ins are never deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="8a7625d13515a38117e8454d61420bbd158533ae",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_7d7b8",
                    table="relapse_prevention_checkin",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="checkin",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: check-ins are never deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="db64dc252a27e65c32d183ad535e005c2d6b644e",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_cf28b",
                    table="relapse_prevention_checkin",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="checkin",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "relapse_prevention_checkinevent" ("client_id", "craving", "created_at", "created_by_id", "entered_in_error_at", "entered_in_error_by_id", "entered_in_error_reason", "episode_id", "id", "mood", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "recorded_at", "recorded_by_id", "recorded_on", "session_id", "updated_at", "used", "used_what") VALUES (NEW."client_id", NEW."craving", NEW."created_at", NEW."created_by_id", NEW."entered_in_error_at", NEW."entered_in_error_by_id", NEW."entered_in_error_reason", NEW."episode_id", NEW."id", NEW."mood", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."program_id", NEW."recorded_at", NEW."recorded_by_id", NEW."recorded_on", NEW."session_id", NEW."updated_at", NEW."used", NEW."used_what"); RETURN NULL;',
                    hash="2fac802bb4f4903eaae1e55887dc658fd72dd5e6",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_d82ae",
                    table="relapse_prevention_checkin",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="checkin",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "relapse_prevention_checkinevent" ("client_id", "craving", "created_at", "created_by_id", "entered_in_error_at", "entered_in_error_by_id", "entered_in_error_reason", "episode_id", "id", "mood", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "recorded_at", "recorded_by_id", "recorded_on", "session_id", "updated_at", "used", "used_what") VALUES (NEW."client_id", NEW."craving", NEW."created_at", NEW."created_by_id", NEW."entered_in_error_at", NEW."entered_in_error_by_id", NEW."entered_in_error_reason", NEW."episode_id", NEW."id", NEW."mood", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."program_id", NEW."recorded_at", NEW."recorded_by_id", NEW."recorded_on", NEW."session_id", NEW."updated_at", NEW."used", NEW."used_what"); RETURN NULL;',
                    hash="431356dfd294590aaf028fddfc92b9d0f47b7d56",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_bd767",
                    table="relapse_prevention_checkin",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="checkinevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="c24b19e5a87f759ca2555dae9b1d9ad37a16f0b8",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_eed7c",
                    table="relapse_prevention_checkinevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="checkinevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="29c23bbee5d23f782e88ab16ae49e5f788ff7d82",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_19d2e",
                    table="relapse_prevention_checkinevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="processingdecision",
            trigger=pgtrigger.compiler.Trigger(
                name="locked_once_confirmed",
                sql=iop.locks.LockSql(
                    condition="WHEN (OLD.confirmed_at IS NOT NULL)",
                    func="RAISE EXCEPTION '%: a confirmed pacing decision is final; record a new decision', TG_TABLE_NAME; RETURN NULL;",
                    hash="9183ab81fe3fe2da1404e1d05f8521d0c6d8c062",
                    operation="UPDATE",
                    pgid="pgtrigger_locked_once_confirmed_ff1a9",
                    table="relapse_prevention_processingdecision",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="processingdecision",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="ba10c9962110dac7df05a37bd88baa826e509efd",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_2ee06",
                    table="relapse_prevention_processingdecision",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="processingdecision",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="48abbbc0af78383f1bad554e9c4ec00ebd3db247",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_027b4",
                    table="relapse_prevention_processingdecision",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="processingdecision",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "relapse_prevention_processingdecisionevent" ("confirmed_at", "confirmed_by_id", "created_at", "created_by_id", "decided_by_id", "decision", "episode_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phase_change_id", "plan_id", "program_id", "reason", "signs", "updated_at") VALUES (NEW."confirmed_at", NEW."confirmed_by_id", NEW."created_at", NEW."created_by_id", NEW."decided_by_id", NEW."decision", NEW."episode_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."phase_change_id", NEW."plan_id", NEW."program_id", NEW."reason", NEW."signs", NEW."updated_at"); RETURN NULL;',
                    hash="0db976351e29dfbf1eb5c7ee58351693c9e0b9ba",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_c9dc5",
                    table="relapse_prevention_processingdecision",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="processingdecision",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "relapse_prevention_processingdecisionevent" ("confirmed_at", "confirmed_by_id", "created_at", "created_by_id", "decided_by_id", "decision", "episode_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phase_change_id", "plan_id", "program_id", "reason", "signs", "updated_at") VALUES (NEW."confirmed_at", NEW."confirmed_by_id", NEW."created_at", NEW."created_by_id", NEW."decided_by_id", NEW."decision", NEW."episode_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."phase_change_id", NEW."plan_id", NEW."program_id", NEW."reason", NEW."signs", NEW."updated_at"); RETURN NULL;',
                    hash="19f96b417ef3adcc4891cf1f80c64bcf2758d1b4",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_ac6e1",
                    table="relapse_prevention_processingdecision",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="processingdecisionevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="e42d0cb090d1406c0e136c3ff6dcf62242f8339d",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_1d3bf",
                    table="relapse_prevention_processingdecisionevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="processingdecisionevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="d0874fa3d4730e2c8615d9c284047ce6f22aa308",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_ed01d",
                    table="relapse_prevention_processingdecisionevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="randomscreening",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="ca4b244b25cbd6f26b4531f88d7d79c0956e7868",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_e6d5e",
                    table="relapse_prevention_randomscreening",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="randomscreening",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="8c4e8828e491b80f8433823188f35a82211f4227",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_59e73",
                    table="relapse_prevention_randomscreening",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="randomscreening",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "relapse_prevention_randomscreeningevent" ("client_id", "created_at", "created_by_id", "end_reason", "ended_by_id", "ended_on", "episode_id", "id", "panel_code", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reason", "set_by_id", "specimen_type", "started_on", "times_per_week", "updated_at") VALUES (NEW."client_id", NEW."created_at", NEW."created_by_id", NEW."end_reason", NEW."ended_by_id", NEW."ended_on", NEW."episode_id", NEW."id", NEW."panel_code", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."reason", NEW."set_by_id", NEW."specimen_type", NEW."started_on", NEW."times_per_week", NEW."updated_at"); RETURN NULL;',
                    hash="b855bfcda8b98ee4b0825cb22bcd3d24ac34cb3f",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_1a5ab",
                    table="relapse_prevention_randomscreening",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="randomscreening",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "relapse_prevention_randomscreeningevent" ("client_id", "created_at", "created_by_id", "end_reason", "ended_by_id", "ended_on", "episode_id", "id", "panel_code", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reason", "set_by_id", "specimen_type", "started_on", "times_per_week", "updated_at") VALUES (NEW."client_id", NEW."created_at", NEW."created_by_id", NEW."end_reason", NEW."ended_by_id", NEW."ended_on", NEW."episode_id", NEW."id", NEW."panel_code", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."reason", NEW."set_by_id", NEW."specimen_type", NEW."started_on", NEW."times_per_week", NEW."updated_at"); RETURN NULL;',
                    hash="b11c9cecd00bb6e6573d039fcf1d746ed4b9ca0b",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_3f9f3",
                    table="relapse_prevention_randomscreening",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="randomdraw",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="363f5f62d4d5fd086c014ffe1b823e4e54319242",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_5e3f6",
                    table="relapse_prevention_randomdraw",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="randomdraw",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="000a2d1d352e0d43f9ea016f5cf305b802125b44",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_e1ba2",
                    table="relapse_prevention_randomdraw",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="randomscreeningevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="51ac53df0d25838672ca6cd551595a95384c8a8b",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_769e2",
                    table="relapse_prevention_randomscreeningevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="randomscreeningevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="e53073c32195ae46f354397ced96d1b611d263cd",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_0d719",
                    table="relapse_prevention_randomscreeningevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="relapsepreventionplan",
            trigger=pgtrigger.compiler.Trigger(
                name="locked_once_signed",
                sql=iop.locks.LockSql(
                    condition='WHEN (OLD."signed_at" IS NOT NULL AND (OLD."id" IS DISTINCT FROM NEW."id" OR OLD."created_at" IS DISTINCT FROM NEW."created_at" OR OLD."created_by_id" IS DISTINCT FROM NEW."created_by_id" OR OLD."client_id" IS DISTINCT FROM NEW."client_id" OR OLD."program_id" IS DISTINCT FROM NEW."program_id" OR OLD."episode_id" IS DISTINCT FROM NEW."episode_id" OR OLD."version" IS DISTINCT FROM NEW."version" OR OLD."previous_id" IS DISTINCT FROM NEW."previous_id" OR OLD."revision" IS DISTINCT FROM NEW."revision" OR OLD."what_others_do" IS DISTINCT FROM NEW."what_others_do" OR OLD."what_others_do_in_client_copy" IS DISTINCT FROM NEW."what_others_do_in_client_copy" OR OLD."client_signed_name" IS DISTINCT FROM NEW."client_signed_name" OR OLD."client_signed_at" IS DISTINCT FROM NEW."client_signed_at" OR OLD."clinician_signed_by_id" IS DISTINCT FROM NEW."clinician_signed_by_id" OR OLD."clinician_signed_at" IS DISTINCT FROM NEW."clinician_signed_at" OR OLD."signed_at" IS DISTINCT FROM NEW."signed_at" OR OLD."signed_text" IS DISTINCT FROM NEW."signed_text"))',
                    func="RAISE EXCEPTION '%: signed records are locked; correct them with an addendum or a new version', TG_TABLE_NAME; RETURN NULL;",
                    hash="9c135c903b9639b26f7812fc8b54e38a9c2cf519",
                    operation="UPDATE",
                    pgid="pgtrigger_locked_once_signed_df6fe",
                    table="relapse_prevention_relapsepreventionplan",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="relapsepreventionplan",
            trigger=pgtrigger.compiler.Trigger(
                name="rp_plan_superseded_once",
                sql=iop.locks.LockSql(
                    condition="WHEN (OLD.superseded_at IS NOT NULL)",
                    func="RAISE EXCEPTION '%: a superseded relapse prevention plan version stays as it was', TG_TABLE_NAME; RETURN NULL;",
                    hash="e488428ace864211ca2160f12c526e481bdc2b9b",
                    operation="UPDATE",
                    pgid="pgtrigger_rp_plan_superseded_once_fdbae",
                    table="relapse_prevention_relapsepreventionplan",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="relapsepreventionplan",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: relapse prevention plans are never deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="74f7698249f94a17760fd62270c3b6029df08106",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_92a54",
                    table="relapse_prevention_relapsepreventionplan",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="relapsepreventionplan",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: relapse prevention plans are never deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="38fc92046cc8c59e2bc7bf3bc4d6f969bf45b939",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_7f693",
                    table="relapse_prevention_relapsepreventionplan",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="relapsepreventionplan",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "relapse_prevention_relapsepreventionplanevent" ("client_id", "client_signed_at", "client_signed_name", "clinician_signed_at", "clinician_signed_by_id", "created_at", "created_by_id", "episode_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "previous_id", "program_id", "revision", "signed_at", "signed_text", "superseded_at", "updated_at", "version", "what_others_do", "what_others_do_in_client_copy") VALUES (NEW."client_id", NEW."client_signed_at", NEW."client_signed_name", NEW."clinician_signed_at", NEW."clinician_signed_by_id", NEW."created_at", NEW."created_by_id", NEW."episode_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."previous_id", NEW."program_id", NEW."revision", NEW."signed_at", NEW."signed_text", NEW."superseded_at", NEW."updated_at", NEW."version", NEW."what_others_do", NEW."what_others_do_in_client_copy"); RETURN NULL;',
                    hash="de0a25a4fa9ed17c82b67fd21d03a2519a0d80f8",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_7d364",
                    table="relapse_prevention_relapsepreventionplan",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="relapsepreventionplan",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "relapse_prevention_relapsepreventionplanevent" ("client_id", "client_signed_at", "client_signed_name", "clinician_signed_at", "clinician_signed_by_id", "created_at", "created_by_id", "episode_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "previous_id", "program_id", "revision", "signed_at", "signed_text", "superseded_at", "updated_at", "version", "what_others_do", "what_others_do_in_client_copy") VALUES (NEW."client_id", NEW."client_signed_at", NEW."client_signed_name", NEW."clinician_signed_at", NEW."clinician_signed_by_id", NEW."created_at", NEW."created_by_id", NEW."episode_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."previous_id", NEW."program_id", NEW."revision", NEW."signed_at", NEW."signed_text", NEW."superseded_at", NEW."updated_at", NEW."version", NEW."what_others_do", NEW."what_others_do_in_client_copy"); RETURN NULL;',
                    hash="47691c330d70959f3f9c93399dbeaaa87c98e71c",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_79152",
                    table="relapse_prevention_relapsepreventionplan",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="relapseplanreviewevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="b9188ceeb07438a6f5c59a2b558fb82a09f4778b",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_f2493",
                    table="relapse_prevention_relapseplanreviewevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="relapseplanreviewevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="5361cdd1f8a48a043af7d28e072b6593d492e215",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_4afd5",
                    table="relapse_prevention_relapseplanreviewevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="relapseplanreview",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: relapse prevention plan reviews are final once recorded', TG_TABLE_NAME; RETURN NULL;",
                    hash="ebf638fcdaef4d8420cf878d03c582b20b9c6fdc",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_2df92",
                    table="relapse_prevention_relapseplanreview",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="relapseplanreview",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: relapse prevention plan reviews are final once recorded', TG_TABLE_NAME; RETURN NULL;",
                    hash="4e533962bd36a1dc6f50df7e42537912af9f8110",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_ac2c2",
                    table="relapse_prevention_relapseplanreview",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="relapseplanreview",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "relapse_prevention_relapseplanreviewevent" ("changes_needed", "client_id", "created_at", "created_by_id", "id", "occasion", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "program_id", "reviewed_by_id", "reviewed_on", "summary", "updated_at") VALUES (NEW."changes_needed", NEW."client_id", NEW."created_at", NEW."created_by_id", NEW."id", NEW."occasion", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."plan_id", NEW."program_id", NEW."reviewed_by_id", NEW."reviewed_on", NEW."summary", NEW."updated_at"); RETURN NULL;',
                    hash="ae34929f0ef522b0c28ca87d472835155266ee80",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_7a52a",
                    table="relapse_prevention_relapseplanreview",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="relapseplanreview",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "relapse_prevention_relapseplanreviewevent" ("changes_needed", "client_id", "created_at", "created_by_id", "id", "occasion", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "program_id", "reviewed_by_id", "reviewed_on", "summary", "updated_at") VALUES (NEW."changes_needed", NEW."client_id", NEW."created_at", NEW."created_by_id", NEW."id", NEW."occasion", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."plan_id", NEW."program_id", NEW."reviewed_by_id", NEW."reviewed_on", NEW."summary", NEW."updated_at"); RETURN NULL;',
                    hash="4c71b5948d117191bf0cb5ae42310639202c13dc",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_f94c0",
                    table="relapse_prevention_relapseplanreview",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planwarningsignevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="7a4245d556ada6a1d2cfa64b033780cf6a99c4de",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_6fe0a",
                    table="relapse_prevention_planwarningsignevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planwarningsignevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="4c365ffd5372624af226ddd9348fbbbbe658052a",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_396a6",
                    table="relapse_prevention_planwarningsignevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planwarningsign",
            trigger=pgtrigger.compiler.Trigger(
                name="rp_plan_part_locked",
                sql=iop.locks.LockSql(
                    func="\n                DECLARE\n                    R RECORD;\n                BEGIN\n                    IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;\n                    IF EXISTS (\n                        SELECT 1 FROM relapse_prevention_relapsepreventionplan p\n                        WHERE p.id = R.plan_id AND p.signed_at IS NOT NULL\n                    ) THEN\n                        RAISE EXCEPTION\n                            'Signed relapse prevention plans are locked: make a new version.';\n                    END IF;\n                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n                    RETURN NEW;\n                END;\n            ",
                    hash="13b948f5db0a17864b1ce8972c0578aaa8d411eb",
                    operation="INSERT OR UPDATE OR DELETE",
                    pgid="pgtrigger_rp_plan_part_locked_52b19",
                    table="relapse_prevention_planwarningsign",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planwarningsign",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="181b67affa01a770f9959e2bf8022f00de3bf06d",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_1c866",
                    table="relapse_prevention_planwarningsign",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planwarningsign",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "relapse_prevention_planwarningsignevent" ("created_at", "created_by_id", "description", "id", "in_client_copy", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "stage", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."description", NEW."id", NEW."in_client_copy", NEW."order", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."plan_id", NEW."stage", NEW."updated_at"); RETURN NULL;',
                    hash="718d5129e0ff49e324d1a7a103268db85f262d47",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_a98be",
                    table="relapse_prevention_planwarningsign",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planwarningsign",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "relapse_prevention_planwarningsignevent" ("created_at", "created_by_id", "description", "id", "in_client_copy", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "stage", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."description", NEW."id", NEW."in_client_copy", NEW."order", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."plan_id", NEW."stage", NEW."updated_at"); RETURN NULL;',
                    hash="0cc1a6b712fa9589e53d4caf8af3243497bfe780",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_34467",
                    table="relapse_prevention_planwarningsign",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plantriggerevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="b6ca8ccd9152f9e124fb19ff47595a5edd3bd0b1",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_92bb3",
                    table="relapse_prevention_plantriggerevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plantriggerevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="33caa9d28e4647d967f432d65415445abd888fab",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_d4f24",
                    table="relapse_prevention_plantriggerevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plantrigger",
            trigger=pgtrigger.compiler.Trigger(
                name="rp_plan_part_locked",
                sql=iop.locks.LockSql(
                    func="\n                DECLARE\n                    R RECORD;\n                BEGIN\n                    IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;\n                    IF EXISTS (\n                        SELECT 1 FROM relapse_prevention_relapsepreventionplan p\n                        WHERE p.id = R.plan_id AND p.signed_at IS NOT NULL\n                    ) THEN\n                        RAISE EXCEPTION\n                            'Signed relapse prevention plans are locked: make a new version.';\n                    END IF;\n                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n                    RETURN NEW;\n                END;\n            ",
                    hash="d609538e5576add8235b80afc87092fe73f545b6",
                    operation="INSERT OR UPDATE OR DELETE",
                    pgid="pgtrigger_rp_plan_part_locked_58b71",
                    table="relapse_prevention_plantrigger",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plantrigger",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="f986a49dac70e31ebf2a0f4171b04b3ed31b5b1e",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_1daa3",
                    table="relapse_prevention_plantrigger",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plantrigger",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "relapse_prevention_plantriggerevent" ("category", "created_at", "created_by_id", "description", "id", "in_client_copy", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "updated_at") VALUES (NEW."category", NEW."created_at", NEW."created_by_id", NEW."description", NEW."id", NEW."in_client_copy", NEW."order", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."plan_id", NEW."updated_at"); RETURN NULL;',
                    hash="0f5f22feebb1fa04efc35b6f467f8e422eff3394",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_ae430",
                    table="relapse_prevention_plantrigger",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plantrigger",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "relapse_prevention_plantriggerevent" ("category", "created_at", "created_by_id", "description", "id", "in_client_copy", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "updated_at") VALUES (NEW."category", NEW."created_at", NEW."created_by_id", NEW."description", NEW."id", NEW."in_client_copy", NEW."order", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."plan_id", NEW."updated_at"); RETURN NULL;',
                    hash="a47dac014d8fe71a2cf31e3d9fab09cdab8f51ec",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_be625",
                    table="relapse_prevention_plantrigger",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plansafecontactevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="b6ef7e5b4fb9e1a7199048dc718e4223b2769d91",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_24336",
                    table="relapse_prevention_plansafecontactevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plansafecontactevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="cbbf52b60f5e1a140aecc1ffcbeb5871907201e6",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_ee51e",
                    table="relapse_prevention_plansafecontactevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plansafecontact",
            trigger=pgtrigger.compiler.Trigger(
                name="rp_plan_part_locked",
                sql=iop.locks.LockSql(
                    func="\n                DECLARE\n                    R RECORD;\n                BEGIN\n                    IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;\n                    IF EXISTS (\n                        SELECT 1 FROM relapse_prevention_relapsepreventionplan p\n                        WHERE p.id = R.plan_id AND p.signed_at IS NOT NULL\n                    ) THEN\n                        RAISE EXCEPTION\n                            'Signed relapse prevention plans are locked: make a new version.';\n                    END IF;\n                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n                    RETURN NEW;\n                END;\n            ",
                    hash="0f24b5ba11ebc9752bd7d0e8259f715741d996d8",
                    operation="INSERT OR UPDATE OR DELETE",
                    pgid="pgtrigger_rp_plan_part_locked_b5418",
                    table="relapse_prevention_plansafecontact",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plansafecontact",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="b9959138b2ce32169e436ee1e08e9ea107512c7c",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_0a66f",
                    table="relapse_prevention_plansafecontact",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plansafecontact",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "relapse_prevention_plansafecontactevent" ("created_at", "created_by_id", "id", "in_client_copy", "name", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phone", "plan_id", "relationship", "updated_at", "when_to_call") VALUES (NEW."created_at", NEW."created_by_id", NEW."id", NEW."in_client_copy", NEW."name", NEW."order", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."phone", NEW."plan_id", NEW."relationship", NEW."updated_at", NEW."when_to_call"); RETURN NULL;',
                    hash="2bf3220b988a9dfe6bb8866dab0ef32410d53f1d",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_77e5d",
                    table="relapse_prevention_plansafecontact",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plansafecontact",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "relapse_prevention_plansafecontactevent" ("created_at", "created_by_id", "id", "in_client_copy", "name", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phone", "plan_id", "relationship", "updated_at", "when_to_call") VALUES (NEW."created_at", NEW."created_by_id", NEW."id", NEW."in_client_copy", NEW."name", NEW."order", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."phone", NEW."plan_id", NEW."relationship", NEW."updated_at", NEW."when_to_call"); RETURN NULL;',
                    hash="f5ed3dd80dfc6e1d4ef035676059e8066b88c09c",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_0cad7",
                    table="relapse_prevention_plansafecontact",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planhighriskdateevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="60c8c65dbb7aefae5e43fbc394a416bfc1c1953e",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_a2227",
                    table="relapse_prevention_planhighriskdateevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planhighriskdateevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="edb2e30f03e959ef90e092c381d0c6b96bdfcc45",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_f00ee",
                    table="relapse_prevention_planhighriskdateevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planhighriskdate",
            trigger=pgtrigger.compiler.Trigger(
                name="rp_plan_part_locked",
                sql=iop.locks.LockSql(
                    func="\n                DECLARE\n                    R RECORD;\n                BEGIN\n                    IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;\n                    IF EXISTS (\n                        SELECT 1 FROM relapse_prevention_relapsepreventionplan p\n                        WHERE p.id = R.plan_id AND p.signed_at IS NOT NULL\n                    ) THEN\n                        RAISE EXCEPTION\n                            'Signed relapse prevention plans are locked: make a new version.';\n                    END IF;\n                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n                    RETURN NEW;\n                END;\n            ",
                    hash="5cff52acf83cdb10525f0e97a6ab048fa5b356df",
                    operation="INSERT OR UPDATE OR DELETE",
                    pgid="pgtrigger_rp_plan_part_locked_ca4d4",
                    table="relapse_prevention_planhighriskdate",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planhighriskdate",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="2b2e3891f88ca1d3906f45569842dc98896224dc",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_c878f",
                    table="relapse_prevention_planhighriskdate",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planhighriskdate",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "relapse_prevention_planhighriskdateevent" ("created_at", "created_by_id", "id", "in_client_copy", "kind", "label", "on_date", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_for_the_day", "plan_id", "recurs_yearly", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."id", NEW."in_client_copy", NEW."kind", NEW."label", NEW."on_date", NEW."order", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."plan_for_the_day", NEW."plan_id", NEW."recurs_yearly", NEW."updated_at"); RETURN NULL;',
                    hash="9ac4c7969592ff7a07787971dae4c0b5e9988c97",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_2066e",
                    table="relapse_prevention_planhighriskdate",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planhighriskdate",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "relapse_prevention_planhighriskdateevent" ("created_at", "created_by_id", "id", "in_client_copy", "kind", "label", "on_date", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_for_the_day", "plan_id", "recurs_yearly", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."id", NEW."in_client_copy", NEW."kind", NEW."label", NEW."on_date", NEW."order", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."plan_for_the_day", NEW."plan_id", NEW."recurs_yearly", NEW."updated_at"); RETURN NULL;',
                    hash="ebbb3ece3de7e307907c34dea95a48439fadfd92",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_cc8e3",
                    table="relapse_prevention_planhighriskdate",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plancrisisresourceevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="3ae36c8d2b619ceebbbbceb4cc772c661ff49000",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_57453",
                    table="relapse_prevention_plancrisisresourceevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plancrisisresourceevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="22a664a6cc1092b11c5749b5dcd89e55a81181ad",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_c75ef",
                    table="relapse_prevention_plancrisisresourceevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plancrisisresource",
            trigger=pgtrigger.compiler.Trigger(
                name="rp_plan_part_locked",
                sql=iop.locks.LockSql(
                    func="\n                DECLARE\n                    R RECORD;\n                BEGIN\n                    IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;\n                    IF EXISTS (\n                        SELECT 1 FROM relapse_prevention_relapsepreventionplan p\n                        WHERE p.id = R.plan_id AND p.signed_at IS NOT NULL\n                    ) THEN\n                        RAISE EXCEPTION\n                            'Signed relapse prevention plans are locked: make a new version.';\n                    END IF;\n                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n                    RETURN NEW;\n                END;\n            ",
                    hash="e38910bd7202703b2180eb5499fe3032f2acd7fd",
                    operation="INSERT OR UPDATE OR DELETE",
                    pgid="pgtrigger_rp_plan_part_locked_a4eea",
                    table="relapse_prevention_plancrisisresource",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plancrisisresource",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="bffb6cd192fed5eb11894d3cd38fd534d765ea4a",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_056ac",
                    table="relapse_prevention_plancrisisresource",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plancrisisresource",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "relapse_prevention_plancrisisresourceevent" ("contact", "created_at", "created_by_id", "id", "in_client_copy", "name", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "updated_at") VALUES (NEW."contact", NEW."created_at", NEW."created_by_id", NEW."id", NEW."in_client_copy", NEW."name", NEW."order", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."plan_id", NEW."updated_at"); RETURN NULL;',
                    hash="a5401a2c5080d9a7cb1d4081302cd78dc9cea259",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_0ed7b",
                    table="relapse_prevention_plancrisisresource",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plancrisisresource",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "relapse_prevention_plancrisisresourceevent" ("contact", "created_at", "created_by_id", "id", "in_client_copy", "name", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "updated_at") VALUES (NEW."contact", NEW."created_at", NEW."created_by_id", NEW."id", NEW."in_client_copy", NEW."name", NEW."order", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."plan_id", NEW."updated_at"); RETURN NULL;',
                    hash="0cb5e9f1b7e6657cc47ec0346cbcbed1d51bff8a",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_18f36",
                    table="relapse_prevention_plancrisisresource",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plancopingstrategyevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="aa38dd5c4dfed71f577a2358f79272f770b5fd8c",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_72390",
                    table="relapse_prevention_plancopingstrategyevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plancopingstrategyevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="869dd087e64c54b28c1e3cd3fcd340396516d832",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_406d6",
                    table="relapse_prevention_plancopingstrategyevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plancopingstrategy",
            trigger=pgtrigger.compiler.Trigger(
                name="rp_plan_part_locked",
                sql=iop.locks.LockSql(
                    func="\n                DECLARE\n                    R RECORD;\n                BEGIN\n                    IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;\n                    IF EXISTS (\n                        SELECT 1 FROM relapse_prevention_relapsepreventionplan p\n                        WHERE p.id = R.plan_id AND p.signed_at IS NOT NULL\n                    ) THEN\n                        RAISE EXCEPTION\n                            'Signed relapse prevention plans are locked: make a new version.';\n                    END IF;\n                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n                    RETURN NEW;\n                END;\n            ",
                    hash="e2ee2fd92888fddfc40b0429da8d00887e34a4cf",
                    operation="INSERT OR UPDATE OR DELETE",
                    pgid="pgtrigger_rp_plan_part_locked_cefc4",
                    table="relapse_prevention_plancopingstrategy",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plancopingstrategy",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="dc7ceff3e29dea1fee7b64d86d7251c75d3f0d15",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_97aff",
                    table="relapse_prevention_plancopingstrategy",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plancopingstrategy",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "relapse_prevention_plancopingstrategyevent" ("created_at", "created_by_id", "description", "id", "in_client_copy", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "skill_id", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."description", NEW."id", NEW."in_client_copy", NEW."order", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."plan_id", NEW."skill_id", NEW."updated_at"); RETURN NULL;',
                    hash="19858bb4ed629e682a2540c81a92d5d8e7b15ba5",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_eda54",
                    table="relapse_prevention_plancopingstrategy",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plancopingstrategy",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "relapse_prevention_plancopingstrategyevent" ("created_at", "created_by_id", "description", "id", "in_client_copy", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "skill_id", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."description", NEW."id", NEW."in_client_copy", NEW."order", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."plan_id", NEW."skill_id", NEW."updated_at"); RETURN NULL;',
                    hash="4edeb7d22cb9fd66d4bccaf7fcadf7a66a210bf6",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_a5cc8",
                    table="relapse_prevention_plancopingstrategy",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="relapsepreventionplanevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="501018207bc8aba86110de565b8ccd71a94714b2",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_62c43",
                    table="relapse_prevention_relapsepreventionplanevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="relapsepreventionplanevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="3e1d3e3076d0fe6f6aecc5130de113836c933ae0",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_8d85c",
                    table="relapse_prevention_relapsepreventionplanevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="screenpanel",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="12f2b08b0c0ca8047ee0fea9908c58c7dd4a1ec7",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_a0215",
                    table="relapse_prevention_screenpanel",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="screenpanel",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="c4ab2473703bd79fe5074cf12ebd412db59a9a9a",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_9d688",
                    table="relapse_prevention_screenpanel",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="panelanalyte",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="a06e6064c702ea3d9decbb90e8272b59e6d68c64",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_1f609",
                    table="relapse_prevention_panelanalyte",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="panelanalyte",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="6eaefb279be78ad74e75e49fae5dcc7dd9a31a35",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_991d4",
                    table="relapse_prevention_panelanalyte",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="specimen",
            trigger=pgtrigger.compiler.Trigger(
                name="locked_once_signed",
                sql=iop.locks.LockSql(
                    condition='WHEN (OLD."signed_at" IS NOT NULL AND (OLD."id" IS DISTINCT FROM NEW."id" OR OLD."created_at" IS DISTINCT FROM NEW."created_at" OR OLD."created_by_id" IS DISTINCT FROM NEW."created_by_id" OR OLD."client_id" IS DISTINCT FROM NEW."client_id" OR OLD."episode_id" IS DISTINCT FROM NEW."episode_id" OR OLD."panel_id" IS DISTINCT FROM NEW."panel_id" OR OLD."ordered_by_id" IS DISTINCT FROM NEW."ordered_by_id" OR OLD."collected_at" IS DISTINCT FROM NEW."collected_at" OR OLD."collected_by_id" IS DISTINCT FROM NEW."collected_by_id" OR OLD."observed" IS DISTINCT FROM NEW."observed" OR OLD."specimen_type" IS DISTINCT FROM NEW."specimen_type" OR OLD."validity" IS DISTINCT FROM NEW."validity" OR OLD."testing_site" IS DISTINCT FROM NEW."testing_site" OR OLD."lab_or_device" IS DISTINCT FROM NEW."lab_or_device" OR OLD."interpretation" IS DISTINCT FROM NEW."interpretation" OR OLD."interpreted_by_id" IS DISTINCT FROM NEW."interpreted_by_id" OR OLD."signed_at" IS DISTINCT FROM NEW."signed_at" OR OLD."signed_by_id" IS DISTINCT FROM NEW."signed_by_id" OR OLD."signed_text" IS DISTINCT FROM NEW."signed_text" OR OLD."content_sha256" IS DISTINCT FROM NEW."content_sha256"))',
                    func="RAISE EXCEPTION '%: signed records are locked; correct them with an addendum or a new version', TG_TABLE_NAME; RETURN NULL;",
                    hash="f0ef0432cbcd49ecabc86dc5cecec58ad0cf8699",
                    operation="UPDATE",
                    pgid="pgtrigger_locked_once_signed_6ea2f",
                    table="relapse_prevention_specimen",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="specimen",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="5168c48af66e50bd411a057d7a50d928f83436a6",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_3adb1",
                    table="relapse_prevention_specimen",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="specimen",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="4a5926ad58f17bd5aaa632f52944cc170f742aa6",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_22316",
                    table="relapse_prevention_specimen",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="specimen",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "relapse_prevention_specimenevent" ("client_id", "collected_at", "collected_by_id", "content_sha256", "created_at", "created_by_id", "episode_id", "id", "interpretation", "interpreted_by_id", "lab_or_device", "observed", "ordered_by_id", "panel_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "signed_at", "signed_by_id", "signed_text", "specimen_type", "testing_site", "updated_at", "validity") VALUES (NEW."client_id", NEW."collected_at", NEW."collected_by_id", NEW."content_sha256", NEW."created_at", NEW."created_by_id", NEW."episode_id", NEW."id", NEW."interpretation", NEW."interpreted_by_id", NEW."lab_or_device", NEW."observed", NEW."ordered_by_id", NEW."panel_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."signed_at", NEW."signed_by_id", NEW."signed_text", NEW."specimen_type", NEW."testing_site", NEW."updated_at", NEW."validity"); RETURN NULL;',
                    hash="ca16fb5f5bbbbdd74ac48a542ebbdffbbbc9b4ce",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_cd789",
                    table="relapse_prevention_specimen",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="specimen",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "relapse_prevention_specimenevent" ("client_id", "collected_at", "collected_by_id", "content_sha256", "created_at", "created_by_id", "episode_id", "id", "interpretation", "interpreted_by_id", "lab_or_device", "observed", "ordered_by_id", "panel_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "signed_at", "signed_by_id", "signed_text", "specimen_type", "testing_site", "updated_at", "validity") VALUES (NEW."client_id", NEW."collected_at", NEW."collected_by_id", NEW."content_sha256", NEW."created_at", NEW."created_by_id", NEW."episode_id", NEW."id", NEW."interpretation", NEW."interpreted_by_id", NEW."lab_or_device", NEW."observed", NEW."ordered_by_id", NEW."panel_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."signed_at", NEW."signed_by_id", NEW."signed_text", NEW."specimen_type", NEW."testing_site", NEW."updated_at", NEW."validity"); RETURN NULL;',
                    hash="d0098297aec3e84ad112e224b854a63f563fafac",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_f0ea0",
                    table="relapse_prevention_specimen",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="randomselection",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="a7d10942caf102b555374ab750b2de0aa1a31577",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_67ed6",
                    table="relapse_prevention_randomselection",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="randomselection",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="c2225516e3c15975a06397b24e558f2a6ee182b4",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_99323",
                    table="relapse_prevention_randomselection",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="lapseevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="acc1db328bb9f900a367739f3734003e976e975c",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_80f07",
                    table="relapse_prevention_lapseevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="lapseevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="1eebf3cbe5ff7e8fbc8c5298a0f35d18b3378dd7",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_aa0e4",
                    table="relapse_prevention_lapseevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="lapse",
            trigger=pgtrigger.compiler.Trigger(
                name="lapse_kept_as_recorded",
                sql=iop.locks.LockSql(
                    condition='WHEN (OLD."client_id" IS DISTINCT FROM NEW."client_id" OR OLD."episode_id" IS DISTINCT FROM NEW."episode_id" OR OLD."program_id" IS DISTINCT FROM NEW."program_id" OR OLD."occurred_on" IS DISTINCT FROM NEW."occurred_on" OR OLD."substance_or_behavior" IS DISTINCT FROM NEW."substance_or_behavior" OR OLD."context" IS DISTINCT FROM NEW."context" OR OLD."what_helped" IS DISTINCT FROM NEW."what_helped" OR OLD."what_to_change" IS DISTINCT FROM NEW."what_to_change" OR OLD."specimen_id" IS DISTINCT FROM NEW."specimen_id" OR OLD."recorded_at" IS DISTINCT FROM NEW."recorded_at" OR OLD."recorded_by_id" IS DISTINCT FROM NEW."recorded_by_id")',
                    func="RAISE EXCEPTION '%: lapses are kept as recorded; mark one as entered in error instead', TG_TABLE_NAME; RETURN NULL;",
                    hash="4ce54d26bf49595ac05ffab8fa403205e1a84653",
                    operation="UPDATE",
                    pgid="pgtrigger_lapse_kept_as_recorded_825fd",
                    table="relapse_prevention_lapse",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="lapse",
            trigger=pgtrigger.compiler.Trigger(
                name="lapse_error_mark_once",
                sql=iop.locks.LockSql(
                    condition="WHEN (OLD.entered_in_error_at IS NOT NULL)",
                    func="RAISE EXCEPTION '%: a lapse marked as entered in error stays so', TG_TABLE_NAME; RETURN NULL;",
                    hash="5af8d9140708ef14006d06d26887a1154da7f96e",
                    operation="UPDATE",
                    pgid="pgtrigger_lapse_error_mark_once_6e6fa",
                    table="relapse_prevention_lapse",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="lapse",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: lapses are never deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="ea60bca7d1af6a3ae24cd299e6690b2188fa39fe",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_793f2",
                    table="relapse_prevention_lapse",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="lapse",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: lapses are never deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="1070a8d036e31cd804b8691217c92264318de8a4",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_ccce5",
                    table="relapse_prevention_lapse",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="lapse",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "relapse_prevention_lapseevent" ("client_id", "context", "created_at", "created_by_id", "entered_in_error_at", "entered_in_error_by_id", "entered_in_error_reason", "episode_id", "id", "occurred_on", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "recorded_at", "recorded_by_id", "specimen_id", "substance_or_behavior", "updated_at", "what_helped", "what_to_change") VALUES (NEW."client_id", NEW."context", NEW."created_at", NEW."created_by_id", NEW."entered_in_error_at", NEW."entered_in_error_by_id", NEW."entered_in_error_reason", NEW."episode_id", NEW."id", NEW."occurred_on", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."program_id", NEW."recorded_at", NEW."recorded_by_id", NEW."specimen_id", NEW."substance_or_behavior", NEW."updated_at", NEW."what_helped", NEW."what_to_change"); RETURN NULL;',
                    hash="b1ed4d52c71b0775238bdd517ee2be3b54066676",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_3511a",
                    table="relapse_prevention_lapse",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="lapse",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "relapse_prevention_lapseevent" ("client_id", "context", "created_at", "created_by_id", "entered_in_error_at", "entered_in_error_by_id", "entered_in_error_reason", "episode_id", "id", "occurred_on", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "recorded_at", "recorded_by_id", "specimen_id", "substance_or_behavior", "updated_at", "what_helped", "what_to_change") VALUES (NEW."client_id", NEW."context", NEW."created_at", NEW."created_by_id", NEW."entered_in_error_at", NEW."entered_in_error_by_id", NEW."entered_in_error_reason", NEW."episode_id", NEW."id", NEW."occurred_on", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."program_id", NEW."recorded_at", NEW."recorded_by_id", NEW."specimen_id", NEW."substance_or_behavior", NEW."updated_at", NEW."what_helped", NEW."what_to_change"); RETURN NULL;',
                    hash="65c96cfb6771e44a150bcfd068482b64c1aa279a",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_14a3a",
                    table="relapse_prevention_lapse",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="analyteresult",
            trigger=pgtrigger.compiler.Trigger(
                name="results_locked_once_signed",
                sql=iop.locks.LockSql(
                    func="\n                    IF EXISTS (\n                        SELECT 1 FROM relapse_prevention_specimen s\n                        WHERE s.id = NEW.specimen_id AND s.signed_at IS NOT NULL\n                    ) OR (TG_OP = 'UPDATE' AND EXISTS (\n                        SELECT 1 FROM relapse_prevention_specimen s\n                        WHERE s.id = OLD.specimen_id AND s.signed_at IS NOT NULL\n                    )) THEN\n                        RAISE EXCEPTION '%: signed records are locked; correct them with an addendum or a new version', TG_TABLE_NAME;\n                    END IF;\n                    RETURN NEW;\n                ",
                    hash="01e0ea1c55606daa0fbf1ad2f5893b222401123b",
                    operation="INSERT OR UPDATE",
                    pgid="pgtrigger_results_locked_once_signed_74ec9",
                    table="relapse_prevention_analyteresult",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="analyteresult",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="79b02d3446c7ad2e3dcfce30b692bb2a0f6c0dee",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_9b59c",
                    table="relapse_prevention_analyteresult",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="analyteresult",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="0fdaae43b6ae3f2a855d62c49c51226cbf878138",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_8ae41",
                    table="relapse_prevention_analyteresult",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="specimenaddendum",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: addenda are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="1a8effbc22fecdf2166b8899a9a531905fdbe902",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_541b5",
                    table="relapse_prevention_specimenaddendum",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="specimenaddendum",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: addenda are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="16c1b83d58d68bc87b29241e8906a517f439e248",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_c8138",
                    table="relapse_prevention_specimenaddendum",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="specimenevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="32541df78d5b0968b3c68399476b7c5b3ee2c94f",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_254b8",
                    table="relapse_prevention_specimenevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="specimenevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="398aee0c8f84a554a967eb2dc3dcec12c829673c",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_ef188",
                    table="relapse_prevention_specimenevent",
                    when="BEFORE",
                ),
            ),
        ),
        migrations.RunPython(seed_panels, migrations.RunPython.noop),
    ]
