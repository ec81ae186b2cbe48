# The app's migration chain up to 39e9538, squashed into one (see replaces): what a fresh
# database needs, built from the models by makemigrations and merged (one CreateModel per
# model, indexes and constraints folded in, so a fresh migrate re-renders the state less).
# The schema it builds matches the old chain's (pg_dump --schema-only), but for two dead
# functions the old chain left behind (scheduling 0002 removed their triggers, not them).
# Not carried over, as they only changed existing rows: 0005_template_words_become_suggestions
# and 0010's RunPython (rewrote draft goals and stored phase values).

import django.contrib.postgres.fields
import django.db.models.deletion
import iop.locks
import pgtrigger.compiler
import pgtrigger.migrations
import uuid
from django.conf import settings
from django.db import migrations, models


# The built-in intervention library and plan templates (was 0002_library).
def load_library(apps, schema_editor):
    from treatment_plans.library import library_load

    library_load(
        apps.get_model("treatment_plans", "Modality"),
        apps.get_model("treatment_plans", "PlanTemplate"),
    )


# The problem-to-finding link table is created by Django itself, so no model Meta carries
# its locks: they are SQL. A signed plan's problem keeps the findings it was signed with;
# linking and unlinking on a draft stays open; TRUNCATE never.
FINDINGS_TABLE = "treatment_plans_planproblem_instrument_results"

# The first form of the lock (was 0003_problem_findings_locked). 0008 added the one below
# without dropping this one, so databases migrated by the old chain hold both; a fresh
# database holds both too, keeping the schemas identical.
FINDINGS_LOCKED_FIRST_FORM = f"""
CREATE FUNCTION treatment_plans_problem_findings_locked() RETURNS trigger AS $$
DECLARE
    R RECORD;
BEGIN
    IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;
    IF EXISTS (
        SELECT 1
        FROM treatment_plans_planproblem pr
        JOIN treatment_plans_treatmentplan p ON p.id = pr.plan_id
        WHERE pr.id = R.planproblem_id AND p.activated_at IS NOT NULL
    ) THEN
        RAISE EXCEPTION 'Signed plan versions are locked: make a new version.';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER problem_findings_locked
BEFORE INSERT OR UPDATE OR DELETE ON {FINDINGS_TABLE}
FOR EACH ROW EXECUTE FUNCTION treatment_plans_problem_findings_locked();
"""

FINDINGS_LOCKED_FIRST_FORM_BACKWARD = f"""
DROP TRIGGER IF EXISTS problem_findings_locked ON {FINDINGS_TABLE};
DROP FUNCTION IF EXISTS treatment_plans_problem_findings_locked();
"""

# The lock in the form of iop.locks, no pgtrigger.ignore escape hatch (was
# 0008_problem_findings_locked_once_signed).
FINDINGS_LOCKED_ONCE_SIGNED = f"""
CREATE OR REPLACE FUNCTION iop_problem_findings_locked() RETURNS TRIGGER AS $$
DECLARE
    R RECORD;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them',
            TG_TABLE_NAME;
    END IF;
    IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;
    IF EXISTS (
        SELECT 1 FROM treatment_plans_planproblem pr
        JOIN treatment_plans_treatmentplan p ON p.id = pr.plan_id
        WHERE pr.id IN (R.planproblem_id, OLD.planproblem_id) AND p.activated_at IS NOT NULL
    ) THEN
        RAISE EXCEPTION '%: Signed plan versions are locked: make a new version.', TG_TABLE_NAME;
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER iop_findings_locked_once_signed
    BEFORE INSERT OR UPDATE OR DELETE ON {FINDINGS_TABLE}
    FOR EACH ROW EXECUTE FUNCTION iop_problem_findings_locked();
CREATE TRIGGER iop_findings_never_truncated
    BEFORE TRUNCATE ON {FINDINGS_TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION iop_problem_findings_locked();
"""

FINDINGS_LOCKED_ONCE_SIGNED_BACKWARD = f"""
DROP TRIGGER IF EXISTS iop_findings_locked_once_signed ON {FINDINGS_TABLE};
DROP TRIGGER IF EXISTS iop_findings_never_truncated ON {FINDINGS_TABLE};
DROP FUNCTION IF EXISTS iop_problem_findings_locked();
"""


class Migration(migrations.Migration):
    replaces = [
        ("treatment_plans", "0001_initial"),
        ("treatment_plans", "0002_library"),
        ("treatment_plans", "0003_problem_findings_locked"),
        ("treatment_plans", "0004_goal_suggestion_diagnoses"),
        ("treatment_plans", "0005_template_words_become_suggestions"),
        ("treatment_plans", "0006_us_spelling_labels"),
        ("treatment_plans", "0007_clinical_rows_never_deleted_locks_not_switchable"),
        ("treatment_plans", "0008_problem_findings_locked_once_signed"),
        ("treatment_plans", "0009_aftercare"),
        ("treatment_plans", "0010_stabilization_in_us_english"),
    ]

    initial = True

    dependencies = [
        ("accounts", "0001_squashed_initial"),
        ("clients", "0001_squashed_initial"),
        ("intake", "0001_squashed_initial"),
        ("pghistory", "0007_auto_20250421_0444"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AftercarePlan",
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
                    "continuing_care",
                    models.TextField(
                        blank=True,
                        help_text="In plain words, as the client would say it.",
                        verbose_name="what continues after the program",
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
                    "episode",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="aftercare",
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
            ],
        ),
        migrations.CreateModel(
            name="AftercarePlanEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "continuing_care",
                    models.TextField(
                        blank=True,
                        help_text="In plain words, as the client would say it.",
                        verbose_name="what continues after the program",
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
                        to="treatment_plans.aftercareplan",
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
            name="Modality",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("code", models.SlugField(max_length=40)),
                ("name", models.CharField(max_length=120)),
                (
                    "trauma_processing",
                    models.BooleanField(
                        default=False,
                        help_text="Held back until a confirmed readiness review (EMDR, PE, CPT).",
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
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="modalities",
                        to="accounts.program",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("program", "code"), name="modality_unique_code"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("program__isnull", True)),
                        fields=("code",),
                        name="modality_builtin_code",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="PlanTemplate",
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
                    "category",
                    models.CharField(
                        choices=[
                            ("trauma", "Trauma"),
                            ("substance_use", "Substance use"),
                            ("co_occurring", "Co-occurring"),
                        ],
                        max_length=16,
                    ),
                ),
                ("title", models.CharField(max_length=120)),
                ("problem", models.TextField()),
                (
                    "goal_client_words",
                    models.TextField(
                        help_text="Suggested wording, shown beside the goal; never copied in as the client's words."
                    ),
                ),
                ("goal_clinical", models.TextField()),
                ("objectives", models.JSONField(default=list)),
                ("interventions", models.JSONField(default=list)),
                ("active", models.BooleanField(default=True)),
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
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="plan_templates",
                        to="accounts.program",
                    ),
                ),
            ],
            options={
                "ordering": ["category", "title"],
            },
        ),
        migrations.CreateModel(
            name="ReadinessReview",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("affect_tolerance", models.CharField(max_length=16)),
                ("grounding_skill", models.CharField(max_length=16)),
                ("self_harm", models.CharField(max_length=16)),
                ("home_stability", models.CharField(max_length=16)),
                (
                    "des_score",
                    models.DecimalField(blank=True, decimal_places=1, max_digits=5, null=True),
                ),
                ("acute_suicide_risk", models.BooleanField()),
                (
                    "ready",
                    models.BooleanField(help_text="Computed on the server from the answers above."),
                ),
                ("notes", models.TextField(blank=True)),
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
                    "episode",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="readiness_reviews",
                        to="clients.episode",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="ReadinessReviewEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("affect_tolerance", models.CharField(max_length=16)),
                ("grounding_skill", models.CharField(max_length=16)),
                ("self_harm", models.CharField(max_length=16)),
                ("home_stability", models.CharField(max_length=16)),
                (
                    "des_score",
                    models.DecimalField(blank=True, decimal_places=1, max_digits=5, null=True),
                ),
                ("acute_suicide_risk", models.BooleanField()),
                (
                    "ready",
                    models.BooleanField(help_text="Computed on the server from the answers above."),
                ),
                ("notes", models.TextField(blank=True)),
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
                        to="treatment_plans.readinessreview",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="TreatmentPlan",
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
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("active", "Active"),
                            ("superseded", "Superseded"),
                        ],
                        default="draft",
                        max_length=12,
                    ),
                ),
                (
                    "phase",
                    models.CharField(
                        choices=[
                            ("stabilization", "Stabilization and preparation"),
                            ("processing", "Trauma processing"),
                            ("integration", "Integration"),
                        ],
                        default="stabilization",
                        max_length=16,
                    ),
                ),
                ("revision", models.PositiveIntegerField(default=1)),
                ("strengths", models.TextField(blank=True)),
                (
                    "pacing_preferences",
                    models.TextField(
                        blank=True,
                        help_text="How fast, what helps, what to avoid.",
                        verbose_name="preferences for pacing",
                    ),
                ),
                (
                    "avoid",
                    models.TextField(blank=True, verbose_name="topics or approaches to avoid"),
                ),
                ("referrals", models.TextField(blank=True)),
                ("discharge_criteria", models.TextField(blank=True)),
                ("aftercare_plan", models.TextField(blank=True)),
                ("client_signed_name", models.CharField(blank=True, max_length=200)),
                ("client_signed_at", models.DateTimeField(blank=True, null=True)),
                ("clinician_signed_at", models.DateTimeField(blank=True, null=True)),
                ("cosigned_at", models.DateTimeField(blank=True, null=True)),
                ("activated_at", models.DateTimeField(blank=True, null=True)),
                ("review_due_on", models.DateField(blank=True, null=True)),
                ("superseded_at", models.DateTimeField(blank=True, null=True)),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="plans",
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
                    "cosigned_by",
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
                        related_name="plans",
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
                (
                    "intake_assessment",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="intake.assessment",
                    ),
                ),
            ],
            options={
                "ordering": ["-version"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("episode", "version"), name="plan_unique_version"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("status", "active")),
                        fields=("episode",),
                        name="plan_one_active_per_episode",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("status", "draft")),
                        fields=("episode",),
                        name="plan_one_draft_per_episode",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="TreatmentPlanEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("version", models.PositiveSmallIntegerField(default=1)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("active", "Active"),
                            ("superseded", "Superseded"),
                        ],
                        default="draft",
                        max_length=12,
                    ),
                ),
                (
                    "phase",
                    models.CharField(
                        choices=[
                            ("stabilization", "Stabilization and preparation"),
                            ("processing", "Trauma processing"),
                            ("integration", "Integration"),
                        ],
                        default="stabilization",
                        max_length=16,
                    ),
                ),
                ("revision", models.PositiveIntegerField(default=1)),
                ("strengths", models.TextField(blank=True)),
                (
                    "pacing_preferences",
                    models.TextField(
                        blank=True,
                        help_text="How fast, what helps, what to avoid.",
                        verbose_name="preferences for pacing",
                    ),
                ),
                (
                    "avoid",
                    models.TextField(blank=True, verbose_name="topics or approaches to avoid"),
                ),
                ("referrals", models.TextField(blank=True)),
                ("discharge_criteria", models.TextField(blank=True)),
                ("aftercare_plan", models.TextField(blank=True)),
                ("client_signed_name", models.CharField(blank=True, max_length=200)),
                ("client_signed_at", models.DateTimeField(blank=True, null=True)),
                ("clinician_signed_at", models.DateTimeField(blank=True, null=True)),
                ("cosigned_at", models.DateTimeField(blank=True, null=True)),
                ("activated_at", models.DateTimeField(blank=True, null=True)),
                ("review_due_on", models.DateField(blank=True, null=True)),
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
                    "cosigned_by",
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
                        to="treatment_plans.treatmentplan",
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
                (
                    "intake_assessment",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="intake.assessment",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="AftercareAppointment",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("removed_at", models.DateTimeField(blank=True, null=True)),
                ("removed_reason", models.TextField(blank=True)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("counseling", "Outpatient counseling or therapy"),
                            ("psychiatry", "Psychiatry or medication management"),
                            ("primary_care", "Primary care"),
                            ("support_group", "Support group or mutual-help meeting"),
                            ("receiving_program", "Step-down or receiving program"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "with_whom",
                    models.CharField(
                        help_text="Provider or clinician.", max_length=200, verbose_name="with"
                    ),
                ),
                ("starts_at", models.DateTimeField()),
                (
                    "place",
                    models.CharField(blank=True, max_length=300, verbose_name="place or address"),
                ),
                ("phone", models.CharField(blank=True, max_length=30)),
                ("notes", models.TextField(blank=True)),
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
                    "removed_by",
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
                        related_name="appointments",
                        to="treatment_plans.aftercareplan",
                    ),
                ),
            ],
            options={
                "ordering": ["starts_at", "created_at"],
            },
        ),
        migrations.CreateModel(
            name="AftercareContact",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("removed_at", models.DateTimeField(blank=True, null=True)),
                ("removed_reason", models.TextField(blank=True)),
                ("name", models.CharField(max_length=200)),
                (
                    "role",
                    models.CharField(
                        blank=True,
                        help_text="For example sponsor, outpatient counselor, crisis line, family member.",
                        max_length=120,
                        verbose_name="role or relationship",
                    ),
                ),
                ("phone", models.CharField(blank=True, max_length=30)),
                ("when_to_call", models.TextField(blank=True)),
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
                    "removed_by",
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
                        related_name="contacts",
                        to="treatment_plans.aftercareplan",
                    ),
                ),
            ],
            options={
                "ordering": ["created_at"],
            },
        ),
        migrations.CreateModel(
            name="AftercareContactEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("removed_at", models.DateTimeField(blank=True, null=True)),
                ("removed_reason", models.TextField(blank=True)),
                ("name", models.CharField(max_length=200)),
                (
                    "role",
                    models.CharField(
                        blank=True,
                        help_text="For example sponsor, outpatient counselor, crisis line, family member.",
                        max_length=120,
                        verbose_name="role or relationship",
                    ),
                ),
                ("phone", models.CharField(blank=True, max_length=30)),
                ("when_to_call", models.TextField(blank=True)),
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
                        to="treatment_plans.aftercarecontact",
                    ),
                ),
                (
                    "removed_by",
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
                    "plan",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="treatment_plans.aftercareplan",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="AftercareAppointmentEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("removed_at", models.DateTimeField(blank=True, null=True)),
                ("removed_reason", models.TextField(blank=True)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("counseling", "Outpatient counseling or therapy"),
                            ("psychiatry", "Psychiatry or medication management"),
                            ("primary_care", "Primary care"),
                            ("support_group", "Support group or mutual-help meeting"),
                            ("receiving_program", "Step-down or receiving program"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "with_whom",
                    models.CharField(
                        help_text="Provider or clinician.", max_length=200, verbose_name="with"
                    ),
                ),
                ("starts_at", models.DateTimeField()),
                (
                    "place",
                    models.CharField(blank=True, max_length=300, verbose_name="place or address"),
                ),
                ("phone", models.CharField(blank=True, max_length=30)),
                ("notes", models.TextField(blank=True)),
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
                        to="treatment_plans.aftercareappointment",
                    ),
                ),
                (
                    "removed_by",
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
                    "plan",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="treatment_plans.aftercareplan",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PhaseChange",
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
                    "from_phase",
                    models.CharField(
                        choices=[
                            ("stabilization", "Stabilization and preparation"),
                            ("processing", "Trauma processing"),
                            ("integration", "Integration"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "to_phase",
                    models.CharField(
                        choices=[
                            ("stabilization", "Stabilization and preparation"),
                            ("processing", "Trauma processing"),
                            ("integration", "Integration"),
                        ],
                        max_length=16,
                    ),
                ),
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
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="phase_changes",
                        to="treatment_plans.treatmentplan",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="PlanDiagnosis",
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
                    models.CharField(help_text="ICD-10-CM, with its dot (F43.10).", max_length=8),
                ),
                ("description", models.CharField(max_length=300)),
                (
                    "code_list",
                    models.CharField(
                        help_text="The ICD-10-CM release it came from.", max_length=40
                    ),
                ),
                (
                    "rank",
                    models.CharField(
                        choices=[("primary", "Primary"), ("secondary", "Secondary")], max_length=10
                    ),
                ),
                ("recorded_at", models.DateTimeField()),
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
                        related_name="diagnoses",
                        to="treatment_plans.treatmentplan",
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
            ],
            options={
                "ordering": ["rank", "recorded_at", "code"],
                "constraints": [
                    models.UniqueConstraint(fields=("plan", "code"), name="diagnosis_unique_code"),
                    models.UniqueConstraint(
                        condition=models.Q(("rank", "primary")),
                        fields=("plan",),
                        name="diagnosis_one_primary",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="PlanProblem",
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
                ("statement", models.TextField(verbose_name="problem")),
                (
                    "asam_dimensions",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.PositiveSmallIntegerField(), blank=True, default=list
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
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="problems",
                        to="treatment_plans.treatmentplan",
                    ),
                ),
                (
                    "instrument_results",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="intake.instrumentresult"
                    ),
                ),
            ],
            options={
                "ordering": ["order", "created_at"],
            },
        ),
        migrations.CreateModel(
            name="PlanIntervention",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("description", models.TextField(blank=True)),
                (
                    "frequency",
                    models.CharField(help_text="E.g. 'weekly, 50 minutes'.", max_length=80),
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
                    "modality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="treatment_plans.modality",
                    ),
                ),
                (
                    "responsible",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "problem",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="interventions",
                        to="treatment_plans.planproblem",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="interventions",
                        to="treatment_plans.treatmentplan",
                    ),
                ),
            ],
            options={
                "ordering": ["created_at"],
            },
        ),
        migrations.CreateModel(
            name="PlanReview",
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
                ("summary", models.TextField(blank=True)),
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
                        related_name="reviews",
                        to="treatment_plans.treatmentplan",
                    ),
                ),
            ],
            options={
                "ordering": ["-reviewed_on"],
            },
        ),
        migrations.CreateModel(
            name="PlanReviewEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("reviewed_on", models.DateField()),
                ("summary", models.TextField(blank=True)),
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
                        to="treatment_plans.planreview",
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
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PlanProblemEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("order", models.PositiveSmallIntegerField(default=0)),
                ("statement", models.TextField(verbose_name="problem")),
                (
                    "asam_dimensions",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.PositiveSmallIntegerField(), blank=True, default=list
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
                        to="treatment_plans.planproblem",
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
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PlanInterventionEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("description", models.TextField(blank=True)),
                (
                    "frequency",
                    models.CharField(help_text="E.g. 'weekly, 50 minutes'.", max_length=80),
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
                    "modality",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="treatment_plans.modality",
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
                        to="treatment_plans.planintervention",
                    ),
                ),
                (
                    "responsible",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "problem",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="treatment_plans.planproblem",
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
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PlanDiagnosisEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "code",
                    models.CharField(help_text="ICD-10-CM, with its dot (F43.10).", max_length=8),
                ),
                ("description", models.CharField(max_length=300)),
                (
                    "code_list",
                    models.CharField(
                        help_text="The ICD-10-CM release it came from.", max_length=40
                    ),
                ),
                (
                    "rank",
                    models.CharField(
                        choices=[("primary", "Primary"), ("secondary", "Secondary")], max_length=10
                    ),
                ),
                ("recorded_at", models.DateTimeField()),
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
                        to="treatment_plans.plandiagnosis",
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
                    "recorded_by",
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
            name="PhaseChangeEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "from_phase",
                    models.CharField(
                        choices=[
                            ("stabilization", "Stabilization and preparation"),
                            ("processing", "Trauma processing"),
                            ("integration", "Integration"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "to_phase",
                    models.CharField(
                        choices=[
                            ("stabilization", "Stabilization and preparation"),
                            ("processing", "Trauma processing"),
                            ("integration", "Integration"),
                        ],
                        max_length=16,
                    ),
                ),
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
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PlanGoal",
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
                    "client_words",
                    models.TextField(
                        blank=True, default="", verbose_name="goal in the client's own words"
                    ),
                ),
                ("clinical_goal", models.TextField(verbose_name="clinical restatement")),
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
                    "problem",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="goals",
                        to="treatment_plans.planproblem",
                    ),
                ),
                (
                    "suggested_words",
                    models.TextField(blank=True, default="", verbose_name="suggested wording"),
                ),
            ],
            options={
                "ordering": ["created_at"],
            },
        ),
        migrations.CreateModel(
            name="PlanObjective",
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
                    "description",
                    models.TextField(verbose_name="objective (observable, measurable)"),
                ),
                (
                    "measure",
                    models.CharField(
                        choices=[
                            ("instrument_below", "Instrument score below a threshold"),
                            ("attendance", "Attendance at or above a rate"),
                            ("practice", "A skill practiced so many times a week"),
                            ("observed", "Observed and recorded by staff"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "instrument",
                    models.CharField(blank=True, help_text="E.g. phq9, pcl5.", max_length=16),
                ),
                (
                    "threshold",
                    models.DecimalField(blank=True, decimal_places=1, max_digits=6, null=True),
                ),
                (
                    "per_week",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="times per week"
                    ),
                ),
                ("target_date", models.DateField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("not_started", "Not started"),
                            ("in_progress", "In progress"),
                            ("met", "Met"),
                            ("revised", "Revised"),
                            ("discontinued", "Discontinued"),
                        ],
                        default="not_started",
                        max_length=14,
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
                    "goal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="objectives",
                        to="treatment_plans.plangoal",
                    ),
                ),
            ],
            options={
                "ordering": ["target_date", "created_at"],
            },
        ),
        migrations.CreateModel(
            name="PlanObjectiveEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "description",
                    models.TextField(verbose_name="objective (observable, measurable)"),
                ),
                (
                    "measure",
                    models.CharField(
                        choices=[
                            ("instrument_below", "Instrument score below a threshold"),
                            ("attendance", "Attendance at or above a rate"),
                            ("practice", "A skill practiced so many times a week"),
                            ("observed", "Observed and recorded by staff"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "instrument",
                    models.CharField(blank=True, help_text="E.g. phq9, pcl5.", max_length=16),
                ),
                (
                    "threshold",
                    models.DecimalField(blank=True, decimal_places=1, max_digits=6, null=True),
                ),
                (
                    "per_week",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="times per week"
                    ),
                ),
                ("target_date", models.DateField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("not_started", "Not started"),
                            ("in_progress", "In progress"),
                            ("met", "Met"),
                            ("revised", "Revised"),
                            ("discontinued", "Discontinued"),
                        ],
                        default="not_started",
                        max_length=14,
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
                    "goal",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="treatment_plans.plangoal",
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
                        to="treatment_plans.planobjective",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PlanGoalEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "client_words",
                    models.TextField(
                        blank=True, default="", verbose_name="goal in the client's own words"
                    ),
                ),
                ("clinical_goal", models.TextField(verbose_name="clinical restatement")),
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
                        to="treatment_plans.plangoal",
                    ),
                ),
                (
                    "problem",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="treatment_plans.planproblem",
                    ),
                ),
                (
                    "suggested_words",
                    models.TextField(blank=True, default="", verbose_name="suggested wording"),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PlanReviewItem",
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
                    "rating",
                    models.CharField(
                        choices=[
                            ("met", "Met"),
                            ("progressing", "Progressing"),
                            ("not_progressing", "Not progressing"),
                            ("revised", "Revised"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "evidence",
                    models.TextField(help_text="What was shown beside the rating, kept as it was."),
                ),
                ("note", models.TextField(blank=True)),
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
                    "objective",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="treatment_plans.planobjective",
                    ),
                ),
                (
                    "review",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="items",
                        to="treatment_plans.planreview",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("review", "objective"), name="review_item_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PlanReviewItemEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "rating",
                    models.CharField(
                        choices=[
                            ("met", "Met"),
                            ("progressing", "Progressing"),
                            ("not_progressing", "Not progressing"),
                            ("revised", "Revised"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "evidence",
                    models.TextField(help_text="What was shown beside the rating, kept as it was."),
                ),
                ("note", models.TextField(blank=True)),
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
                    "objective",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="treatment_plans.planobjective",
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
                        to="treatment_plans.planreviewitem",
                    ),
                ),
                (
                    "review",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="treatment_plans.planreview",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="aftercareplan",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="5502817b7030872732e25e2f3090651ab0bb757d",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_16c2c",
                    table="treatment_plans_aftercareplan",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="aftercareplan",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="82cb6c44366e9ee9911015c0cac1c28cded0b7fe",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_e5356",
                    table="treatment_plans_aftercareplan",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="aftercareplan",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "treatment_plans_aftercareplanevent" ("client_id", "continuing_care", "created_at", "created_by_id", "episode_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "updated_at") VALUES (NEW."client_id", NEW."continuing_care", NEW."created_at", NEW."created_by_id", NEW."episode_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."program_id", NEW."updated_at"); RETURN NULL;',
                    hash="ab7e0d4cedfdfc9ec60203ac4d3c3ded06f61de2",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_1bded",
                    table="treatment_plans_aftercareplan",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="aftercareplan",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "treatment_plans_aftercareplanevent" ("client_id", "continuing_care", "created_at", "created_by_id", "episode_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "updated_at") VALUES (NEW."client_id", NEW."continuing_care", NEW."created_at", NEW."created_by_id", NEW."episode_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."program_id", NEW."updated_at"); RETURN NULL;',
                    hash="9529ea27877eb6f6cfbf19997806dffbb80cb603",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_0b224",
                    table="treatment_plans_aftercareplan",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="aftercarecontactevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="3fac3dcb3fd43e5d3e656907ee9cafc4b3ed8eef",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_46eb8",
                    table="treatment_plans_aftercarecontactevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="aftercarecontactevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="b00448c12984735c61f4cf426ff32e4dec1b3da3",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_0d3b8",
                    table="treatment_plans_aftercarecontactevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="aftercarecontact",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="2c3728bc8242a5eaf5dfb6a9302dff67b7f074b4",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_58568",
                    table="treatment_plans_aftercarecontact",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="aftercarecontact",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="6a14cbe74fd9350bd6f7159fcafb926db926f523",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_9137b",
                    table="treatment_plans_aftercarecontact",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="aftercarecontact",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "treatment_plans_aftercarecontactevent" ("created_at", "created_by_id", "id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phone", "plan_id", "removed_at", "removed_by_id", "removed_reason", "role", "updated_at", "when_to_call") VALUES (NEW."created_at", NEW."created_by_id", NEW."id", NEW."name", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."phone", NEW."plan_id", NEW."removed_at", NEW."removed_by_id", NEW."removed_reason", NEW."role", NEW."updated_at", NEW."when_to_call"); RETURN NULL;',
                    hash="a1b8d885a8a732bb54e25aa00ce140e53c69f7cf",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_36260",
                    table="treatment_plans_aftercarecontact",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="aftercarecontact",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "treatment_plans_aftercarecontactevent" ("created_at", "created_by_id", "id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phone", "plan_id", "removed_at", "removed_by_id", "removed_reason", "role", "updated_at", "when_to_call") VALUES (NEW."created_at", NEW."created_by_id", NEW."id", NEW."name", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."phone", NEW."plan_id", NEW."removed_at", NEW."removed_by_id", NEW."removed_reason", NEW."role", NEW."updated_at", NEW."when_to_call"); RETURN NULL;',
                    hash="c3c581a7e54a166d7e82306b0482154526613001",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_54857",
                    table="treatment_plans_aftercarecontact",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="aftercareappointmentevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="31eeee6ee6f166038f09bab9ea5b58f4a60344c0",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_5125d",
                    table="treatment_plans_aftercareappointmentevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="aftercareappointmentevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="820684ce12354ee8416f7d79ee9d39708ca4b442",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_6aebb",
                    table="treatment_plans_aftercareappointmentevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="aftercareappointment",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="edf6e96b2292a52e5ecea95cc207368613b1eca7",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_a09c6",
                    table="treatment_plans_aftercareappointment",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="aftercareappointment",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="1c90f14bd956e73ae8d44fd1ed1591a7d5f9c874",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_a2d54",
                    table="treatment_plans_aftercareappointment",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="aftercareappointment",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "treatment_plans_aftercareappointmentevent" ("created_at", "created_by_id", "id", "kind", "notes", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phone", "place", "plan_id", "removed_at", "removed_by_id", "removed_reason", "starts_at", "updated_at", "with_whom") VALUES (NEW."created_at", NEW."created_by_id", NEW."id", NEW."kind", NEW."notes", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."phone", NEW."place", NEW."plan_id", NEW."removed_at", NEW."removed_by_id", NEW."removed_reason", NEW."starts_at", NEW."updated_at", NEW."with_whom"); RETURN NULL;',
                    hash="606dc2186a7156fa9d34f0920d7dc6800510ce8d",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_6d8c3",
                    table="treatment_plans_aftercareappointment",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="aftercareappointment",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "treatment_plans_aftercareappointmentevent" ("created_at", "created_by_id", "id", "kind", "notes", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phone", "place", "plan_id", "removed_at", "removed_by_id", "removed_reason", "starts_at", "updated_at", "with_whom") VALUES (NEW."created_at", NEW."created_by_id", NEW."id", NEW."kind", NEW."notes", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."phone", NEW."place", NEW."plan_id", NEW."removed_at", NEW."removed_by_id", NEW."removed_reason", NEW."starts_at", NEW."updated_at", NEW."with_whom"); RETURN NULL;',
                    hash="c7b2cffd02bbc41c18104877a6ed92b01e941087",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_afc31",
                    table="treatment_plans_aftercareappointment",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="aftercareplanevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="e3b4d3664d9c7b8de1b9489b5a727a4c3b20d618",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_6e166",
                    table="treatment_plans_aftercareplanevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="aftercareplanevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="8dd1c757a2aa6217050ee01610ad2a4e22175f9c",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_44fe7",
                    table="treatment_plans_aftercareplanevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planobjective",
            trigger=pgtrigger.compiler.Trigger(
                name="plan_locked",
                sql=iop.locks.LockSql(
                    func="\n            DECLARE\n                R RECORD;\n                plan_id UUID;\n            BEGIN\n                IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;\n                plan_id := (SELECT pr.plan_id FROM treatment_plans_plangoal g JOIN treatment_plans_planproblem pr ON pr.id = g.problem_id WHERE g.id = R.goal_id);\n                IF EXISTS (\n                    SELECT 1 FROM treatment_plans_treatmentplan p\n                    WHERE p.id = plan_id AND p.activated_at IS NOT NULL\n                ) THEN\n                    RAISE EXCEPTION 'Signed plan versions are locked: make a new version.';\n                END IF;\n                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n                RETURN NEW;\n            END;\n        ",
                    hash="d7d5eb7575dbe00ff814412a88a59710de71dada",
                    operation="INSERT OR UPDATE OR DELETE",
                    pgid="pgtrigger_plan_locked_73334",
                    table="treatment_plans_planobjective",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planobjective",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="71855f446f8bc120336a205db80212a8fa8a5ca3",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_f0db1",
                    table="treatment_plans_planobjective",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planobjective",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "treatment_plans_planobjectiveevent" ("created_at", "created_by_id", "description", "goal_id", "id", "instrument", "measure", "per_week", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "status", "target_date", "threshold", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."description", NEW."goal_id", NEW."id", NEW."instrument", NEW."measure", NEW."per_week", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."status", NEW."target_date", NEW."threshold", NEW."updated_at"); RETURN NULL;',
                    hash="2727906fd3bf9152c58e620fd3ae9a43f8fe3a24",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_51b59",
                    table="treatment_plans_planobjective",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planobjective",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "treatment_plans_planobjectiveevent" ("created_at", "created_by_id", "description", "goal_id", "id", "instrument", "measure", "per_week", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "status", "target_date", "threshold", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."description", NEW."goal_id", NEW."id", NEW."instrument", NEW."measure", NEW."per_week", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."status", NEW."target_date", NEW."threshold", NEW."updated_at"); RETURN NULL;',
                    hash="6d3ebf77dcdb4240cf16d47cbf5659bef0ba9b37",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_68459",
                    table="treatment_plans_planobjective",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planobjectiveevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="9921377e7086a8e15b2f27fa57391f922ef3aa57",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_afe8e",
                    table="treatment_plans_planobjectiveevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planobjectiveevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="a3ee2cfdd3ea861a0db9a12bb0edff074297b952",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_2aeb6",
                    table="treatment_plans_planobjectiveevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plangoalevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="81bf422733d72f660c3dec92850ec95591271617",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_77758",
                    table="treatment_plans_plangoalevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plangoalevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="bb95562966286dac3540ecd917102035461055cb",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_71055",
                    table="treatment_plans_plangoalevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plangoal",
            trigger=pgtrigger.compiler.Trigger(
                name="plan_locked",
                sql=iop.locks.LockSql(
                    func="\n            DECLARE\n                R RECORD;\n                plan_id UUID;\n            BEGIN\n                IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;\n                plan_id := (SELECT pr.plan_id FROM treatment_plans_planproblem pr WHERE pr.id = R.problem_id);\n                IF EXISTS (\n                    SELECT 1 FROM treatment_plans_treatmentplan p\n                    WHERE p.id = plan_id AND p.activated_at IS NOT NULL\n                ) THEN\n                    RAISE EXCEPTION 'Signed plan versions are locked: make a new version.';\n                END IF;\n                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n                RETURN NEW;\n            END;\n        ",
                    hash="21d6f64d86ec483849867ecea45093106047af5a",
                    operation="INSERT OR UPDATE OR DELETE",
                    pgid="pgtrigger_plan_locked_08839",
                    table="treatment_plans_plangoal",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plangoal",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="cfcc061735b291d2369f1e76bfbd519ba25d4b84",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_af531",
                    table="treatment_plans_plangoal",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plangoal",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "treatment_plans_plangoalevent" ("client_words", "clinical_goal", "created_at", "created_by_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "problem_id", "suggested_words", "updated_at") VALUES (NEW."client_words", NEW."clinical_goal", NEW."created_at", NEW."created_by_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."problem_id", NEW."suggested_words", NEW."updated_at"); RETURN NULL;',
                    hash="fa4a61f491e1a86dda161c7eb4fb21d8a46822c1",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_df0cb",
                    table="treatment_plans_plangoal",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plangoal",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "treatment_plans_plangoalevent" ("client_words", "clinical_goal", "created_at", "created_by_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "problem_id", "suggested_words", "updated_at") VALUES (NEW."client_words", NEW."clinical_goal", NEW."created_at", NEW."created_by_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."problem_id", NEW."suggested_words", NEW."updated_at"); RETURN NULL;',
                    hash="4b7f4dc957aeecae15064c1abcd7831aa891b6e5",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_677df",
                    table="treatment_plans_plangoal",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planreviewitem",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: plan reviews are final once recorded', TG_TABLE_NAME; RETURN NULL;",
                    hash="b38ad19f48b88ad3239edef5705f35d71914516e",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_349c7",
                    table="treatment_plans_planreviewitem",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planreviewitem",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: plan reviews are final once recorded', TG_TABLE_NAME; RETURN NULL;",
                    hash="ed107ed0be923223fe1c8e7617c6e74c0866d101",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_c89de",
                    table="treatment_plans_planreviewitem",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planreviewitem",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "treatment_plans_planreviewitemevent" ("created_at", "created_by_id", "evidence", "id", "note", "objective_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "rating", "review_id", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."evidence", NEW."id", NEW."note", NEW."objective_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."rating", NEW."review_id", NEW."updated_at"); RETURN NULL;',
                    hash="dde2c2d62c4de08c00f269c889919272edbff9ba",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_08edb",
                    table="treatment_plans_planreviewitem",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planreviewitem",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "treatment_plans_planreviewitemevent" ("created_at", "created_by_id", "evidence", "id", "note", "objective_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "rating", "review_id", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."evidence", NEW."id", NEW."note", NEW."objective_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."rating", NEW."review_id", NEW."updated_at"); RETURN NULL;',
                    hash="1516e7bd0c0e04228dbb105545c3380e5a12f2d6",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_e91d0",
                    table="treatment_plans_planreviewitem",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planreviewitemevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="45085f119e07c6cf7a3faa0dd23dfe3056c30826",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_98551",
                    table="treatment_plans_planreviewitemevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planreviewitemevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="027d9bcf9083a08df2f3d294373294365234c247",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_4f9c1",
                    table="treatment_plans_planreviewitemevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="readinessreview",
            trigger=pgtrigger.compiler.Trigger(
                name="locked_once_confirmed",
                sql=iop.locks.LockSql(
                    condition="WHEN (OLD.confirmed_at IS NOT NULL)",
                    func="RAISE EXCEPTION '%: a confirmed readiness review is final; record a new review', TG_TABLE_NAME; RETURN NULL;",
                    hash="6dd595502a9d286499084ea0fe2cabc43b2043ba",
                    operation="UPDATE",
                    pgid="pgtrigger_locked_once_confirmed_e7235",
                    table="treatment_plans_readinessreview",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="readinessreview",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="ea3d650a8334ac3344cec9ad9a039c751b1da78f",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_45803",
                    table="treatment_plans_readinessreview",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="readinessreview",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="023f9b785f6109000358b67ce8878cee201ef12b",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_1c556",
                    table="treatment_plans_readinessreview",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="readinessreview",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "treatment_plans_readinessreviewevent" ("acute_suicide_risk", "affect_tolerance", "confirmed_at", "confirmed_by_id", "created_at", "created_by_id", "des_score", "episode_id", "grounding_skill", "home_stability", "id", "notes", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "ready", "self_harm", "updated_at") VALUES (NEW."acute_suicide_risk", NEW."affect_tolerance", NEW."confirmed_at", NEW."confirmed_by_id", NEW."created_at", NEW."created_by_id", NEW."des_score", NEW."episode_id", NEW."grounding_skill", NEW."home_stability", NEW."id", NEW."notes", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."ready", NEW."self_harm", NEW."updated_at"); RETURN NULL;',
                    hash="45e5c202a98446c9cff6cdda3fe4932e3f3350f3",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_d9e9c",
                    table="treatment_plans_readinessreview",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="readinessreview",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "treatment_plans_readinessreviewevent" ("acute_suicide_risk", "affect_tolerance", "confirmed_at", "confirmed_by_id", "created_at", "created_by_id", "des_score", "episode_id", "grounding_skill", "home_stability", "id", "notes", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "ready", "self_harm", "updated_at") VALUES (NEW."acute_suicide_risk", NEW."affect_tolerance", NEW."confirmed_at", NEW."confirmed_by_id", NEW."created_at", NEW."created_by_id", NEW."des_score", NEW."episode_id", NEW."grounding_skill", NEW."home_stability", NEW."id", NEW."notes", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."ready", NEW."self_harm", NEW."updated_at"); RETURN NULL;',
                    hash="4ec2f310c3f0501295ae253289e502e47a4bd02f",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_7db8f",
                    table="treatment_plans_readinessreview",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="readinessreviewevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="fa81eaa523d71906988a33905704f14cdf0c16cd",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_3e704",
                    table="treatment_plans_readinessreviewevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="readinessreviewevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="7959f566c6aecca6c0bfdb06c8fd1d5d90dfb3fc",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_c9d47",
                    table="treatment_plans_readinessreviewevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="treatmentplan",
            trigger=pgtrigger.compiler.Trigger(
                name="locked_once_signed",
                sql=iop.locks.LockSql(
                    condition='WHEN (OLD."activated_at" IS NOT NULL AND (OLD."id" IS DISTINCT FROM NEW."id" OR OLD."created_at" IS DISTINCT FROM NEW."created_at" OR OLD."created_by_id" IS DISTINCT FROM NEW."created_by_id" OR OLD."episode_id" IS DISTINCT FROM NEW."episode_id" OR OLD."client_id" IS DISTINCT FROM NEW."client_id" OR OLD."program_id" IS DISTINCT FROM NEW."program_id" OR OLD."version" IS DISTINCT FROM NEW."version" OR OLD."previous_id" IS DISTINCT FROM NEW."previous_id" OR OLD."revision" IS DISTINCT FROM NEW."revision" OR OLD."strengths" IS DISTINCT FROM NEW."strengths" OR OLD."pacing_preferences" IS DISTINCT FROM NEW."pacing_preferences" OR OLD."avoid" IS DISTINCT FROM NEW."avoid" OR OLD."referrals" IS DISTINCT FROM NEW."referrals" OR OLD."discharge_criteria" IS DISTINCT FROM NEW."discharge_criteria" OR OLD."aftercare_plan" IS DISTINCT FROM NEW."aftercare_plan" OR OLD."intake_assessment_id" IS DISTINCT FROM NEW."intake_assessment_id" OR OLD."client_signed_name" IS DISTINCT FROM NEW."client_signed_name" OR OLD."client_signed_at" IS DISTINCT FROM NEW."client_signed_at" OR OLD."clinician_signed_by_id" IS DISTINCT FROM NEW."clinician_signed_by_id" OR OLD."clinician_signed_at" IS DISTINCT FROM NEW."clinician_signed_at" OR OLD."cosigned_by_id" IS DISTINCT FROM NEW."cosigned_by_id" OR OLD."cosigned_at" IS DISTINCT FROM NEW."cosigned_at" OR OLD."activated_at" IS DISTINCT FROM NEW."activated_at"))',
                    func="RAISE EXCEPTION '%: signed records are locked; correct them with an addendum or a new version', TG_TABLE_NAME; RETURN NULL;",
                    hash="df42d453ab1f75951adca95fd2c27cd09508be5c",
                    operation="UPDATE",
                    pgid="pgtrigger_locked_once_signed_7c8a0",
                    table="treatment_plans_treatmentplan",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="treatmentplan",
            trigger=pgtrigger.compiler.Trigger(
                name="status_follows_lifecycle",
                sql=iop.locks.LockSql(
                    condition='WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."superseded_at" IS DISTINCT FROM NEW."superseded_at")',
                    func="\n                    IF OLD.superseded_at IS NOT NULL THEN\n                        RAISE EXCEPTION '%: a superseded plan version stays superseded', TG_TABLE_NAME;\n                    END IF;\n                    IF NOT (\n                        (OLD.status = NEW.status AND NEW.superseded_at IS NULL)\n                        OR (OLD.status = 'draft' AND NEW.status = 'active'\n                            AND NEW.activated_at IS NOT NULL AND NEW.superseded_at IS NULL)\n                        OR (OLD.status = 'active' AND NEW.status = 'superseded'\n                            AND NEW.superseded_at IS NOT NULL)\n                    ) THEN\n                        RAISE EXCEPTION '%: a plan goes from draft to active to superseded, never back', TG_TABLE_NAME;\n                    END IF;\n                    RETURN NEW;\n                ",
                    hash="9ea264d52e2dacd58f07ac7e3895ba94201b1b2a",
                    operation="UPDATE",
                    pgid="pgtrigger_status_follows_lifecycle_ff757",
                    table="treatment_plans_treatmentplan",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="treatmentplan",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: plan versions are never deleted; a newer one supersedes', TG_TABLE_NAME; RETURN NULL;",
                    hash="07941b1775945d8d99f28f4c61cb30012f511f96",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_c09bc",
                    table="treatment_plans_treatmentplan",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="treatmentplan",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: plan versions are never deleted; a newer one supersedes', TG_TABLE_NAME; RETURN NULL;",
                    hash="78cdfb79e450f7f79e461002451e36bcd38a11cc",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_66316",
                    table="treatment_plans_treatmentplan",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="treatmentplan",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "treatment_plans_treatmentplanevent" ("activated_at", "aftercare_plan", "avoid", "client_id", "client_signed_at", "client_signed_name", "clinician_signed_at", "clinician_signed_by_id", "cosigned_at", "cosigned_by_id", "created_at", "created_by_id", "discharge_criteria", "episode_id", "id", "intake_assessment_id", "pacing_preferences", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phase", "previous_id", "program_id", "referrals", "review_due_on", "revision", "status", "strengths", "superseded_at", "updated_at", "version") VALUES (NEW."activated_at", NEW."aftercare_plan", NEW."avoid", NEW."client_id", NEW."client_signed_at", NEW."client_signed_name", NEW."clinician_signed_at", NEW."clinician_signed_by_id", NEW."cosigned_at", NEW."cosigned_by_id", NEW."created_at", NEW."created_by_id", NEW."discharge_criteria", NEW."episode_id", NEW."id", NEW."intake_assessment_id", NEW."pacing_preferences", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."phase", NEW."previous_id", NEW."program_id", NEW."referrals", NEW."review_due_on", NEW."revision", NEW."status", NEW."strengths", NEW."superseded_at", NEW."updated_at", NEW."version"); RETURN NULL;',
                    hash="5078051a3092f00fc3716e89c9d92543b347eb03",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_1c835",
                    table="treatment_plans_treatmentplan",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="treatmentplan",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "treatment_plans_treatmentplanevent" ("activated_at", "aftercare_plan", "avoid", "client_id", "client_signed_at", "client_signed_name", "clinician_signed_at", "clinician_signed_by_id", "cosigned_at", "cosigned_by_id", "created_at", "created_by_id", "discharge_criteria", "episode_id", "id", "intake_assessment_id", "pacing_preferences", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phase", "previous_id", "program_id", "referrals", "review_due_on", "revision", "status", "strengths", "superseded_at", "updated_at", "version") VALUES (NEW."activated_at", NEW."aftercare_plan", NEW."avoid", NEW."client_id", NEW."client_signed_at", NEW."client_signed_name", NEW."clinician_signed_at", NEW."clinician_signed_by_id", NEW."cosigned_at", NEW."cosigned_by_id", NEW."created_at", NEW."created_by_id", NEW."discharge_criteria", NEW."episode_id", NEW."id", NEW."intake_assessment_id", NEW."pacing_preferences", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."phase", NEW."previous_id", NEW."program_id", NEW."referrals", NEW."review_due_on", NEW."revision", NEW."status", NEW."strengths", NEW."superseded_at", NEW."updated_at", NEW."version"); RETURN NULL;',
                    hash="5d1d5ff906d34a883340724d696b0f3fc14f1bbd",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_54f08",
                    table="treatment_plans_treatmentplan",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planreviewevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="87e3d9833c88e2121a20a9dc82b23b7b29464221",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_9a6ea",
                    table="treatment_plans_planreviewevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planreviewevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="a460df112cb3cba818eea74ab4a3b0cf0c953e95",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_acfeb",
                    table="treatment_plans_planreviewevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planreview",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: plan reviews are final once recorded', TG_TABLE_NAME; RETURN NULL;",
                    hash="f0ef708213409281c23d17f81c6559a6065e2a12",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_31a48",
                    table="treatment_plans_planreview",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planreview",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: plan reviews are final once recorded', TG_TABLE_NAME; RETURN NULL;",
                    hash="90c1bae4be321fc6cc22d014c1a860bd2e50a2b8",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_bbace",
                    table="treatment_plans_planreview",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planreview",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "treatment_plans_planreviewevent" ("created_at", "created_by_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "reviewed_on", "summary", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."plan_id", NEW."reviewed_on", NEW."summary", NEW."updated_at"); RETURN NULL;',
                    hash="45f5c99e4eb7d8f08056840f3afa2dd77ababfbc",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_0f510",
                    table="treatment_plans_planreview",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planreview",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "treatment_plans_planreviewevent" ("created_at", "created_by_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "reviewed_on", "summary", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."plan_id", NEW."reviewed_on", NEW."summary", NEW."updated_at"); RETURN NULL;',
                    hash="14408c1559dae32af8a719b3637ce972f08f763c",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_ca671",
                    table="treatment_plans_planreview",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planproblemevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="d10942216f4e707408023d805bc74b6cafce3018",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_8576f",
                    table="treatment_plans_planproblemevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planproblemevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="6b1da1a549d6bdb54d8ec5787f7f5a5e46288f9e",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_ad8d0",
                    table="treatment_plans_planproblemevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planproblem",
            trigger=pgtrigger.compiler.Trigger(
                name="plan_locked",
                sql=iop.locks.LockSql(
                    func="\n            DECLARE\n                R RECORD;\n                plan_id UUID;\n            BEGIN\n                IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;\n                plan_id := (R.plan_id);\n                IF EXISTS (\n                    SELECT 1 FROM treatment_plans_treatmentplan p\n                    WHERE p.id = plan_id AND p.activated_at IS NOT NULL\n                ) THEN\n                    RAISE EXCEPTION 'Signed plan versions are locked: make a new version.';\n                END IF;\n                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n                RETURN NEW;\n            END;\n        ",
                    hash="51eb396e5a5d255f9c6cb4118b6c30cbbd00a37f",
                    operation="INSERT OR UPDATE OR DELETE",
                    pgid="pgtrigger_plan_locked_e30b3",
                    table="treatment_plans_planproblem",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planproblem",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="7a9e398a7a466c779e3621e3e61c5b74525e92c8",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_c5fe7",
                    table="treatment_plans_planproblem",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planproblem",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "treatment_plans_planproblemevent" ("asam_dimensions", "created_at", "created_by_id", "id", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "statement", "updated_at") VALUES (NEW."asam_dimensions", NEW."created_at", NEW."created_by_id", NEW."id", NEW."order", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."plan_id", NEW."statement", NEW."updated_at"); RETURN NULL;',
                    hash="b7af731817cecfcebf6592e9faa981bfc8c26802",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_48646",
                    table="treatment_plans_planproblem",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planproblem",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "treatment_plans_planproblemevent" ("asam_dimensions", "created_at", "created_by_id", "id", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "statement", "updated_at") VALUES (NEW."asam_dimensions", NEW."created_at", NEW."created_by_id", NEW."id", NEW."order", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."plan_id", NEW."statement", NEW."updated_at"); RETURN NULL;',
                    hash="c4d5fa657c0e90623f590a534c82410f8bc56ecf",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_2d492",
                    table="treatment_plans_planproblem",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planinterventionevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="fdada494d11897f3707b4bd5d3d2b53f9b57b231",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_2853c",
                    table="treatment_plans_planinterventionevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planinterventionevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="874d271be1c87ef6b6ade68d6d7c9caf981125b3",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_410c0",
                    table="treatment_plans_planinterventionevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planintervention",
            trigger=pgtrigger.compiler.Trigger(
                name="plan_locked",
                sql=iop.locks.LockSql(
                    func="\n            DECLARE\n                R RECORD;\n                plan_id UUID;\n            BEGIN\n                IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;\n                plan_id := (R.plan_id);\n                IF EXISTS (\n                    SELECT 1 FROM treatment_plans_treatmentplan p\n                    WHERE p.id = plan_id AND p.activated_at IS NOT NULL\n                ) THEN\n                    RAISE EXCEPTION 'Signed plan versions are locked: make a new version.';\n                END IF;\n                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n                RETURN NEW;\n            END;\n        ",
                    hash="e43ba2dfcde0286ff086d1252323d686633e177d",
                    operation="INSERT OR UPDATE OR DELETE",
                    pgid="pgtrigger_plan_locked_db3fe",
                    table="treatment_plans_planintervention",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planintervention",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="3c2e71322cfa88fc412f4919f3421beb5865c18e",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_194e2",
                    table="treatment_plans_planintervention",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planintervention",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "treatment_plans_planinterventionevent" ("created_at", "created_by_id", "description", "frequency", "id", "modality_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "problem_id", "responsible_id", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."description", NEW."frequency", NEW."id", NEW."modality_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."plan_id", NEW."problem_id", NEW."responsible_id", NEW."updated_at"); RETURN NULL;',
                    hash="6a658e69f0b3505f55a3ead70f019f9c1389366b",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_b49d2",
                    table="treatment_plans_planintervention",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="planintervention",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "treatment_plans_planinterventionevent" ("created_at", "created_by_id", "description", "frequency", "id", "modality_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "problem_id", "responsible_id", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."description", NEW."frequency", NEW."id", NEW."modality_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."plan_id", NEW."problem_id", NEW."responsible_id", NEW."updated_at"); RETURN NULL;',
                    hash="abd8e5535c1aac87841e81dfdb37c0b98fbcf243",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_d652a",
                    table="treatment_plans_planintervention",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plandiagnosisevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="00e3bd5b50bd6645445fd89b3c781ff686f682dc",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_3e0ae",
                    table="treatment_plans_plandiagnosisevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plandiagnosisevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="6350f72c7f700d4aecf5349f8da222c5d7933772",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_a766a",
                    table="treatment_plans_plandiagnosisevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plandiagnosis",
            trigger=pgtrigger.compiler.Trigger(
                name="plan_locked",
                sql=iop.locks.LockSql(
                    func="\n            DECLARE\n                R RECORD;\n                plan_id UUID;\n            BEGIN\n                IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;\n                plan_id := (R.plan_id);\n                IF EXISTS (\n                    SELECT 1 FROM treatment_plans_treatmentplan p\n                    WHERE p.id = plan_id AND p.activated_at IS NOT NULL\n                ) THEN\n                    RAISE EXCEPTION 'Signed plan versions are locked: make a new version.';\n                END IF;\n                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n                RETURN NEW;\n            END;\n        ",
                    hash="0d2ba63f63b35ef2fef9391a194fb69b32c07566",
                    operation="INSERT OR UPDATE OR DELETE",
                    pgid="pgtrigger_plan_locked_0961c",
                    table="treatment_plans_plandiagnosis",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plandiagnosis",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="bcd8ce55fcf8e32d4307cb9fdef3fc22bf490d9a",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_1a757",
                    table="treatment_plans_plandiagnosis",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plandiagnosis",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "treatment_plans_plandiagnosisevent" ("code", "code_list", "created_at", "created_by_id", "description", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "rank", "recorded_at", "recorded_by_id", "updated_at") VALUES (NEW."code", NEW."code_list", NEW."created_at", NEW."created_by_id", NEW."description", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."plan_id", NEW."rank", NEW."recorded_at", NEW."recorded_by_id", NEW."updated_at"); RETURN NULL;',
                    hash="054fe30c81d966353065324a3ee53ddd7859e730",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_f33b4",
                    table="treatment_plans_plandiagnosis",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="plandiagnosis",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "treatment_plans_plandiagnosisevent" ("code", "code_list", "created_at", "created_by_id", "description", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "rank", "recorded_at", "recorded_by_id", "updated_at") VALUES (NEW."code", NEW."code_list", NEW."created_at", NEW."created_by_id", NEW."description", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."plan_id", NEW."rank", NEW."recorded_at", NEW."recorded_by_id", NEW."updated_at"); RETURN NULL;',
                    hash="b71188ba3c21388bd2006b5060fd76e453ed67dd",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_62231",
                    table="treatment_plans_plandiagnosis",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="phasechangeevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="a95e0ae9a5d37c7f412c2dcfdfe45431f6c842d9",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_8d165",
                    table="treatment_plans_phasechangeevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="phasechangeevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="6aee38b68c05efaf3b9f9da8fd0dccb9af9cc667",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_0bd9d",
                    table="treatment_plans_phasechangeevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="phasechange",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="829eb50fd4adb5cb1d97e309eafbe9da938f7f94",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_24b9c",
                    table="treatment_plans_phasechange",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="phasechange",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="e70683e73a7951de3685d32a959789853b9d6c59",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_65b3b",
                    table="treatment_plans_phasechange",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="phasechange",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "treatment_plans_phasechangeevent" ("created_at", "created_by_id", "from_phase", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "reason", "to_phase", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."from_phase", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."plan_id", NEW."reason", NEW."to_phase", NEW."updated_at"); RETURN NULL;',
                    hash="20da6387b70a17b072a7e11919a381c9749596d5",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_5ec1d",
                    table="treatment_plans_phasechange",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="phasechange",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "treatment_plans_phasechangeevent" ("created_at", "created_by_id", "from_phase", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "reason", "to_phase", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."from_phase", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."plan_id", NEW."reason", NEW."to_phase", NEW."updated_at"); RETURN NULL;',
                    hash="145b09f6dc6d12e287a298622a18d7697dfa2080",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_3efa5",
                    table="treatment_plans_phasechange",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="treatmentplanevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="e7a77fffa345373d08935147cec048447d1f0ef5",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_be10f",
                    table="treatment_plans_treatmentplanevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="treatmentplanevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="0c2d1d7376ca27fa776ebe5d15e10519ee9d8503",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_a7408",
                    table="treatment_plans_treatmentplanevent",
                    when="BEFORE",
                ),
            ),
        ),
        migrations.RunPython(load_library, migrations.RunPython.noop),
        migrations.RunSQL(FINDINGS_LOCKED_FIRST_FORM, FINDINGS_LOCKED_FIRST_FORM_BACKWARD),
        migrations.RunSQL(FINDINGS_LOCKED_ONCE_SIGNED, FINDINGS_LOCKED_ONCE_SIGNED_BACKWARD),
    ]
