# The app's migration chain up to 39e9538, squashed into one (see replaces): what a fresh
# database needs, built from the models by makemigrations and merged (one CreateModel per
# model, indexes and constraints folded in, so a fresh migrate re-renders the state less).
# The schema it builds matches the old chain's (pg_dump --schema-only), but for two dead
# functions the old chain left behind (scheduling 0002 removed their triggers, not them).
# Not carried over, as it only changed existing rows: 0012_birp_behavior_key (moved unsigned notes' BIRP key).

import django.contrib.postgres.fields
import django.db.models.deletion
import iop.locks
import pgtrigger.compiler
import pgtrigger.migrations
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("scheduling", "0001_initial"),
        ("scheduling", "0002_history_changes_only"),
        ("scheduling", "0003_payer_fields_service_codes_warning_confirmations"),
        ("scheduling", "0004_walk_in_attendees"),
        ("scheduling", "0005_us_spelling_labels"),
        ("scheduling", "0006_clinical_rows_never_deleted_locks_not_switchable"),
        ("scheduling", "0007_level_change_proposals"),
        ("scheduling", "0008_follow_up_kinds"),
        ("scheduling", "0009_level_change_candidates"),
        ("scheduling", "0010_level_change_to_another_provider"),
        ("scheduling", "0011_note_processing_measures"),
        ("scheduling", "0012_birp_behavior_key"),
    ]

    initial = True

    dependencies = [
        ("accounts", "0001_squashed_initial"),
        ("clients", "0001_squashed_initial"),
        ("groups", "0001_squashed_initial"),
        ("pghistory", "0007_auto_20250421_0444"),
        ("treatment_plans", "0001_squashed_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Room",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("name", models.CharField(max_length=80)),
                (
                    "capacity",
                    models.PositiveSmallIntegerField(help_text="Most people in the room at once."),
                ),
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
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="rooms",
                        to="accounts.program",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
                "constraints": [
                    models.UniqueConstraint(fields=("program", "name"), name="room_unique_name")
                ],
            },
        ),
        migrations.CreateModel(
            name="ServiceCode",
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
                    models.CharField(help_text="The CPT or HCPCS code, e.g. 90834.", max_length=10),
                ),
                (
                    "label",
                    models.CharField(
                        help_text="A short description staff recognize.", max_length=120
                    ),
                ),
                (
                    "kinds",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.CharField(
                            choices=[
                                ("individual", "Individual therapy"),
                                ("family", "Family session"),
                                ("medication", "Medication management"),
                            ],
                            max_length=12,
                        ),
                        help_text="The notes this code can be used on.",
                    ),
                ),
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
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.program",
                    ),
                ),
            ],
            options={
                "ordering": ["code"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("program", "code"), name="servicecode_unique_per_program"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ServiceCodeEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "code",
                    models.CharField(help_text="The CPT or HCPCS code, e.g. 90834.", max_length=10),
                ),
                (
                    "label",
                    models.CharField(
                        help_text="A short description staff recognize.", max_length=120
                    ),
                ),
                (
                    "kinds",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.CharField(
                            choices=[
                                ("individual", "Individual therapy"),
                                ("family", "Family session"),
                                ("medication", "Medication management"),
                            ],
                            max_length=12,
                        ),
                        help_text="The notes this code can be used on.",
                    ),
                ),
                ("active", models.BooleanField(default=True)),
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
                        to="scheduling.servicecode",
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
            name="Track",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("name", models.CharField(max_length=80)),
                (
                    "days",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.PositiveSmallIntegerField(
                            choices=[
                                (1, "Monday"),
                                (2, "Tuesday"),
                                (3, "Wednesday"),
                                (4, "Thursday"),
                                (5, "Friday"),
                                (6, "Saturday"),
                                (7, "Sunday"),
                            ]
                        ),
                        help_text="ISO weekdays the track meets (Monday is 1); 3 to 5 days for IOP.",
                    ),
                ),
                ("starts_at", models.TimeField(help_text="Program-local start of the track day.")),
                ("ends_at", models.TimeField(help_text="Program-local end of the track day.")),
                ("starts_on", models.DateField(help_text="First day sessions are generated for.")),
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
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tracks",
                        to="accounts.program",
                    ),
                ),
            ],
            options={
                "ordering": ["starts_at", "name"],
                "constraints": [
                    models.UniqueConstraint(fields=("program", "name"), name="track_unique_name"),
                    models.CheckConstraint(
                        condition=models.Q(("ends_at__gt", models.F("starts_at"))),
                        name="track_end_after_start",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("days__len__gte", 1), ("days__len__lte", 5)),
                        name="track_at_most_five_days",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="TrackBlock",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("starts_at", models.TimeField()),
                ("ends_at", models.TimeField()),
                (
                    "days",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.PositiveSmallIntegerField(
                            choices=[
                                (1, "Monday"),
                                (2, "Tuesday"),
                                (3, "Wednesday"),
                                (4, "Thursday"),
                                (5, "Friday"),
                                (6, "Saturday"),
                                (7, "Sunday"),
                            ]
                        ),
                        blank=True,
                        default=list,
                    ),
                ),
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
                    "group",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="blocks",
                        to="groups.group",
                    ),
                ),
                (
                    "room",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="blocks",
                        to="scheduling.room",
                    ),
                ),
                (
                    "track",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="blocks",
                        to="scheduling.track",
                    ),
                ),
            ],
            options={
                "ordering": ["track", "starts_at"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("ends_at__gt", models.F("starts_at"))),
                        name="block_end_after_start",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="TrackBlockEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("starts_at", models.TimeField()),
                ("ends_at", models.TimeField()),
                (
                    "days",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.PositiveSmallIntegerField(
                            choices=[
                                (1, "Monday"),
                                (2, "Tuesday"),
                                (3, "Wednesday"),
                                (4, "Thursday"),
                                (5, "Friday"),
                                (6, "Saturday"),
                                (7, "Sunday"),
                            ]
                        ),
                        blank=True,
                        default=list,
                    ),
                ),
                ("active", models.BooleanField(default=True)),
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
                    "group",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="groups.group",
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
                        to="scheduling.trackblock",
                    ),
                ),
                (
                    "room",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="scheduling.room",
                    ),
                ),
                (
                    "track",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="scheduling.track",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="TrackEnrolment",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("starts_on", models.DateField()),
                ("ended_on", models.DateField(blank=True, null=True)),
                ("ended_reason", models.CharField(blank=True, max_length=200)),
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
                        related_name="track_enrolments",
                        to="clients.episode",
                    ),
                ),
                (
                    "track",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="enrolments",
                        to="scheduling.track",
                    ),
                ),
            ],
            options={
                "ordering": ["-starts_on"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("ended_on__isnull", True)),
                        fields=("episode",),
                        name="enrolment_one_current_track",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("ended_on__isnull", True),
                            ("ended_on__gte", models.F("starts_on")),
                            _connector="OR",
                        ),
                        name="enrolment_end_after_start",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="TrackEnrolmentEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("starts_on", models.DateField()),
                ("ended_on", models.DateField(blank=True, null=True)),
                ("ended_reason", models.CharField(blank=True, max_length=200)),
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
                        to="scheduling.trackenrolment",
                    ),
                ),
                (
                    "track",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="scheduling.track",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="TrackEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("name", models.CharField(max_length=80)),
                (
                    "days",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.PositiveSmallIntegerField(
                            choices=[
                                (1, "Monday"),
                                (2, "Tuesday"),
                                (3, "Wednesday"),
                                (4, "Thursday"),
                                (5, "Friday"),
                                (6, "Saturday"),
                                (7, "Sunday"),
                            ]
                        ),
                        help_text="ISO weekdays the track meets (Monday is 1); 3 to 5 days for IOP.",
                    ),
                ),
                ("starts_at", models.TimeField(help_text="Program-local start of the track day.")),
                ("ends_at", models.TimeField(help_text="Program-local end of the track day.")),
                ("starts_on", models.DateField(help_text="First day sessions are generated for.")),
                ("active", models.BooleanField(default=True)),
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
                        to="scheduling.track",
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
            name="Closure",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("date", models.DateField()),
                ("reason", models.CharField(max_length=120)),
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
                        related_name="closures",
                        to="accounts.program",
                    ),
                ),
                (
                    "track",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="closures",
                        to="scheduling.track",
                    ),
                ),
            ],
            options={
                "ordering": ["date"],
                "indexes": [
                    models.Index(fields=["program", "date"], name="scheduling__program_4101e1_idx")
                ],
            },
        ),
        migrations.CreateModel(
            name="LevelChangeProposal",
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
                (
                    "track_plan",
                    models.CharField(
                        choices=[
                            ("keep", "Stay in the current track"),
                            ("move", "Move to another track"),
                            ("leave", "Leave the track (booked sessions only)"),
                        ],
                        max_length=8,
                    ),
                ),
                ("asam_edition", models.CharField(max_length=1)),
                ("asam_ratings", models.JSONField()),
                ("asam_notes", models.JSONField(default=dict)),
                ("recommended_code", models.CharField(max_length=8)),
                ("recommended_reasons", models.JSONField(default=list)),
                ("evidence", models.JSONField(default=dict)),
                ("why_this_level", models.TextField()),
                ("why_not_lower", models.TextField()),
                ("why_not_higher", models.TextField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Awaiting a director"),
                            ("approved", "Approved"),
                            ("returned", "Returned to the clinician"),
                        ],
                        default="pending",
                        max_length=10,
                    ),
                ),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                ("decision_comment", models.TextField(blank=True)),
                ("applied_at", models.DateTimeField(blank=True, null=True)),
                (
                    "change",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="clients.levelofcarechange",
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
                    "decided_by",
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
                        related_name="level_change_proposals",
                        to="clients.episode",
                    ),
                ),
                (
                    "from_level",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="clients.levelofcare",
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
                    "proposed_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
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
                (
                    "track",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="scheduling.track",
                    ),
                ),
                ("receiving_provider", models.CharField(blank=True, max_length=200)),
                ("receiving_provider_contact", models.CharField(blank=True, max_length=200)),
            ],
            options={
                "ordering": ["-created_at"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("status", "pending")),
                        fields=("episode",),
                        name="one_pending_level_change_per_episode",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("status", "pending"), ("decided_by__isnull", False), _connector="OR"
                        ),
                        name="level_change_decision_names_its_director",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="LevelChangeProposalEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("effective_on", models.DateField()),
                (
                    "track_plan",
                    models.CharField(
                        choices=[
                            ("keep", "Stay in the current track"),
                            ("move", "Move to another track"),
                            ("leave", "Leave the track (booked sessions only)"),
                        ],
                        max_length=8,
                    ),
                ),
                ("asam_edition", models.CharField(max_length=1)),
                ("asam_ratings", models.JSONField()),
                ("asam_notes", models.JSONField(default=dict)),
                ("recommended_code", models.CharField(max_length=8)),
                ("recommended_reasons", models.JSONField(default=list)),
                ("evidence", models.JSONField(default=dict)),
                ("why_this_level", models.TextField()),
                ("why_not_lower", models.TextField()),
                ("why_not_higher", models.TextField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Awaiting a director"),
                            ("approved", "Approved"),
                            ("returned", "Returned to the clinician"),
                        ],
                        default="pending",
                        max_length=10,
                    ),
                ),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                ("decision_comment", models.TextField(blank=True)),
                ("applied_at", models.DateTimeField(blank=True, null=True)),
                (
                    "change",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clients.levelofcarechange",
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
                    "decided_by",
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
                        db_constraint=False,
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
                        to="scheduling.levelchangeproposal",
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
                    "proposed_by",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
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
                (
                    "track",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="scheduling.track",
                    ),
                ),
                ("receiving_provider", models.CharField(blank=True, max_length=200)),
                ("receiving_provider_contact", models.CharField(blank=True, max_length=200)),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="LevelChangeCandidate",
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
                    "direction",
                    models.CharField(
                        choices=[("up", "Step up"), ("down", "Step down")], max_length=4
                    ),
                ),
                ("rule", models.CharField(max_length=40)),
                ("rule_text", models.TextField()),
                ("figures", models.JSONField(default=dict)),
                ("flagged_on", models.DateField()),
                ("last_fired_on", models.DateField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("open", "Open"),
                            ("dismissed", "Dismissed"),
                            ("proposed", "Proposed"),
                            ("resolved", "No longer applies"),
                        ],
                        default="open",
                        max_length=10,
                    ),
                ),
                ("closed_on", models.DateField(blank=True, null=True)),
                ("dismissed_at", models.DateTimeField(blank=True, null=True)),
                ("dismissed_reason", models.TextField(blank=True)),
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
                    "dismissed_by",
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
                        related_name="level_change_candidates",
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
                    "proposal",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="candidate",
                        to="scheduling.levelchangeproposal",
                    ),
                ),
            ],
            options={
                "ordering": ["-flagged_on", "-created_at"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("status", "open")),
                        fields=("episode", "direction", "rule"),
                        name="one_open_level_candidate_per_rule",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "dismissed"), _negated=True),
                            models.Q(
                                ("dismissed_by__isnull", False),
                                models.Q(("dismissed_reason", ""), _negated=True),
                            ),
                            _connector="OR",
                        ),
                        name="level_candidate_dismissal_names_who_and_why",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="LevelChangeCandidateEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "direction",
                    models.CharField(
                        choices=[("up", "Step up"), ("down", "Step down")], max_length=4
                    ),
                ),
                ("rule", models.CharField(max_length=40)),
                ("rule_text", models.TextField()),
                ("figures", models.JSONField(default=dict)),
                ("flagged_on", models.DateField()),
                ("last_fired_on", models.DateField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("open", "Open"),
                            ("dismissed", "Dismissed"),
                            ("proposed", "Proposed"),
                            ("resolved", "No longer applies"),
                        ],
                        default="open",
                        max_length=10,
                    ),
                ),
                ("closed_on", models.DateField(blank=True, null=True)),
                ("dismissed_at", models.DateTimeField(blank=True, null=True)),
                ("dismissed_reason", models.TextField(blank=True)),
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
                    "dismissed_by",
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
                        to="scheduling.levelchangecandidate",
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
                    "proposal",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="scheduling.levelchangeproposal",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Session",
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
                            ("group", "Group"),
                            ("individual", "Individual therapy"),
                            ("family", "Family session"),
                            ("medication", "Medication management"),
                        ],
                        max_length=12,
                    ),
                ),
                ("occurs_on", models.DateField(help_text="The program-local date of the session.")),
                ("starts_at", models.DateTimeField()),
                ("ends_at", models.DateTimeField()),
                ("topic_title", models.CharField(blank=True, max_length=160)),
                ("telehealth_url", models.URLField(blank=True, verbose_name="telehealth link")),
                (
                    "status",
                    models.CharField(
                        choices=[("scheduled", "Scheduled"), ("cancelled", "Cancelled")],
                        default="scheduled",
                        max_length=10,
                    ),
                ),
                ("cancel_reason", models.CharField(blank=True, max_length=200)),
                ("cancelled_at", models.DateTimeField(blank=True, null=True)),
                (
                    "cancelled_by",
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
                    "group",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sessions",
                        to="groups.group",
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sessions",
                        to="accounts.program",
                    ),
                ),
                (
                    "room",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sessions",
                        to="scheduling.room",
                    ),
                ),
                (
                    "topic",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sessions",
                        to="groups.curriculumtopic",
                    ),
                ),
                (
                    "track_block",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sessions",
                        to="scheduling.trackblock",
                    ),
                ),
            ],
            options={
                "ordering": ["starts_at"],
                "indexes": [
                    models.Index(
                        fields=["program", "starts_at"], name="scheduling__program_f8f4e1_idx"
                    ),
                    models.Index(
                        fields=["group", "starts_at"], name="scheduling__group_i_d0eaad_idx"
                    ),
                    models.Index(fields=["occurs_on"], name="scheduling__occurs__9428be_idx"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("ends_at__gt", models.F("starts_at"))),
                        name="session_end_after_start",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("kind", "group"), ("group__isnull", False)),
                            models.Q(
                                models.Q(("kind", "group"), _negated=True), ("group__isnull", True)
                            ),
                            _connector="OR",
                        ),
                        name="session_group_iff_group_kind",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("track_block__isnull", False)),
                        fields=("track_block", "occurs_on"),
                        name="session_one_per_block_day",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="SessionAttendee",
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
                    "status",
                    models.CharField(
                        choices=[
                            ("expected", "Expected"),
                            ("removed", "Removed before the session"),
                        ],
                        default="expected",
                        max_length=10,
                    ),
                ),
                ("removed_reason", models.CharField(blank=True, max_length=200)),
                (
                    "attendance",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("present", "Present"),
                            ("late", "Late"),
                            ("left_early", "Left early"),
                            ("absent_excused", "Absent, excused"),
                            ("absent_unexcused", "Absent, unexcused"),
                            ("cancelled_by_program", "Cancelled by program"),
                        ],
                        max_length=24,
                    ),
                ),
                ("minutes_attended", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("arrived_at", models.DateTimeField(blank=True, null=True)),
                ("recorded_at", models.DateTimeField(blank=True, null=True)),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="session_places",
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
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="attendees",
                        to="scheduling.session",
                    ),
                ),
                ("added_note", models.CharField(blank=True, max_length=200)),
                (
                    "added_reason",
                    models.CharField(
                        blank=True,
                        choices=[("walk_in", "Walk-in"), ("make_up", "Make-up")],
                        max_length=8,
                    ),
                ),
            ],
            options={
                "ordering": ["client__legal_last_name", "client__legal_first_name"],
                "indexes": [
                    models.Index(
                        fields=["client", "session"], name="scheduling__client__a3b4fe_idx"
                    ),
                    models.Index(
                        fields=["episode", "status"], name="scheduling__episode_cfa21e_idx"
                    ),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("session", "episode"), name="attendee_unique_episode"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("attendance", ""), ("minutes_attended__isnull", False), _connector="OR"
                        ),
                        name="attendance_has_minutes",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("added_reason", ""),
                            models.Q(("added_note", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="added_attendee_has_reason",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                (
                                    "attendance__in",
                                    ["absent_excused", "absent_unexcused", "cancelled_by_program"],
                                ),
                                _negated=True,
                            ),
                            ("minutes_attended", 0),
                            _connector="OR",
                        ),
                        name="absence_has_no_minutes",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="SessionAttendeeEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("expected", "Expected"),
                            ("removed", "Removed before the session"),
                        ],
                        default="expected",
                        max_length=10,
                    ),
                ),
                ("removed_reason", models.CharField(blank=True, max_length=200)),
                (
                    "attendance",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("present", "Present"),
                            ("late", "Late"),
                            ("left_early", "Left early"),
                            ("absent_excused", "Absent, excused"),
                            ("absent_unexcused", "Absent, unexcused"),
                            ("cancelled_by_program", "Cancelled by program"),
                        ],
                        max_length=24,
                    ),
                ),
                ("minutes_attended", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("arrived_at", models.DateTimeField(blank=True, null=True)),
                ("recorded_at", models.DateTimeField(blank=True, null=True)),
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
                        to="scheduling.sessionattendee",
                    ),
                ),
                (
                    "recorded_by",
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
                    "session",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="scheduling.session",
                    ),
                ),
                ("added_note", models.CharField(blank=True, max_length=200)),
                (
                    "added_reason",
                    models.CharField(
                        blank=True,
                        choices=[("walk_in", "Walk-in"), ("make_up", "Make-up")],
                        max_length=8,
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="SessionEvent",
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
                            ("group", "Group"),
                            ("individual", "Individual therapy"),
                            ("family", "Family session"),
                            ("medication", "Medication management"),
                        ],
                        max_length=12,
                    ),
                ),
                ("occurs_on", models.DateField(help_text="The program-local date of the session.")),
                ("starts_at", models.DateTimeField()),
                ("ends_at", models.DateTimeField()),
                ("topic_title", models.CharField(blank=True, max_length=160)),
                ("telehealth_url", models.URLField(blank=True, verbose_name="telehealth link")),
                (
                    "status",
                    models.CharField(
                        choices=[("scheduled", "Scheduled"), ("cancelled", "Cancelled")],
                        default="scheduled",
                        max_length=10,
                    ),
                ),
                ("cancel_reason", models.CharField(blank=True, max_length=200)),
                ("cancelled_at", models.DateTimeField(blank=True, null=True)),
                (
                    "cancelled_by",
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
                    "group",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="groups.group",
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
                        to="scheduling.session",
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
                    "room",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="scheduling.room",
                    ),
                ),
                (
                    "topic",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="groups.curriculumtopic",
                    ),
                ),
                (
                    "track_block",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="scheduling.trackblock",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="SessionStaff",
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
                    "role",
                    models.CharField(
                        choices=[("lead", "Lead"), ("co", "Co-facilitator")],
                        default="lead",
                        max_length=4,
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
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="staff_links",
                        to="scheduling.session",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["role"],
                "indexes": [
                    models.Index(fields=["user", "session"], name="scheduling__user_id_93d842_idx")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("session", "user"), name="sessionstaff_unique_user"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="FollowUpTask",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("summary", models.CharField(max_length=200)),
                ("due_on", models.DateField()),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "To do"), ("done", "Done")], default="open", max_length=6
                    ),
                ),
                ("outcome", models.TextField(blank=True)),
                ("completed_at", models.DateTimeField(blank=True, null=True)),
                (
                    "assigned_to",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="follow_ups",
                        to="clients.client",
                    ),
                ),
                (
                    "completed_by",
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
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.program",
                    ),
                ),
                (
                    "attendee",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="follow_up",
                        to="scheduling.sessionattendee",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("absence", "Reach out after an absence"),
                            ("discharge_call", "Follow-up call after discharge"),
                        ],
                        default="absence",
                        max_length=16,
                    ),
                ),
            ],
            options={
                "ordering": ["due_on", "created_at"],
                "indexes": [
                    models.Index(
                        fields=["assigned_to", "status"], name="scheduling__assigne_0c881b_idx"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="FollowUpTaskEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("summary", models.CharField(max_length=200)),
                ("due_on", models.DateField()),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "To do"), ("done", "Done")], default="open", max_length=6
                    ),
                ),
                ("outcome", models.TextField(blank=True)),
                ("completed_at", models.DateTimeField(blank=True, null=True)),
                (
                    "assigned_to",
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
                    "completed_by",
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
                        to="scheduling.followuptask",
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
                    "attendee",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="scheduling.sessionattendee",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("absence", "Reach out after an absence"),
                            ("discharge_call", "Follow-up call after discharge"),
                        ],
                        default="absence",
                        max_length=16,
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="GroupNote",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("topic", models.CharField(max_length=160)),
                ("interventions", models.TextField()),
                ("duration_minutes", models.PositiveSmallIntegerField()),
                ("revision", models.PositiveIntegerField(default=1)),
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
                    "session",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="group_note",
                        to="scheduling.session",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="GroupNoteEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("topic", models.CharField(max_length=160)),
                ("interventions", models.TextField()),
                ("duration_minutes", models.PositiveSmallIntegerField()),
                ("revision", models.PositiveIntegerField(default=1)),
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
                        to="scheduling.groupnote",
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        db_constraint=False,
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
            name="ProgressNote",
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
                            ("group", "Group"),
                            ("individual", "Individual therapy"),
                            ("family", "Family session"),
                            ("medication", "Medication management"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "format",
                    models.CharField(
                        choices=[
                            ("dap", "DAP (data, assessment, plan)"),
                            ("birp", "BIRP (behavior, intervention, response, plan)"),
                            ("soap", "SOAP (subjective, objective, assessment, plan)"),
                            ("group", "Group note (individual part)"),
                        ],
                        max_length=8,
                    ),
                ),
                ("body", models.JSONField(default=dict)),
                ("revision", models.PositiveIntegerField(default=1)),
                ("signed_at", models.DateTimeField(blank=True, null=True)),
                ("signed_text", models.TextField(blank=True)),
                ("content_sha256", models.CharField(blank=True, max_length=64)),
                ("cosign_required", models.BooleanField(default=False)),
                ("cosigned_at", models.DateTimeField(blank=True, null=True)),
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
                        related_name="progress_notes",
                        to="clients.client",
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
                        related_name="progress_notes",
                        to="clients.episode",
                    ),
                ),
                (
                    "group_note",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="notes",
                        to="scheduling.groupnote",
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
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="notes",
                        to="scheduling.session",
                    ),
                ),
                ("risk_action", models.TextField(blank=True, db_default="", default="")),
                (
                    "risk_screen",
                    models.CharField(
                        blank=True,
                        choices=[("none", "No risk identified"), ("present", "Risk present")],
                        db_default="",
                        default="",
                        max_length=8,
                    ),
                ),
                ("service_ended_at", models.DateTimeField(blank=True, null=True)),
                ("service_started_at", models.DateTimeField(blank=True, null=True)),
                (
                    "service_code",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="scheduling.servicecode",
                    ),
                ),
                (
                    "processing_modality",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("emdr", "EMDR"),
                            ("cpt", "Cognitive Processing Therapy (CPT)"),
                            ("pe", "Prolonged Exposure (PE)"),
                        ],
                        db_default="",
                        default="",
                        max_length=8,
                    ),
                ),
                (
                    "processing_target",
                    models.CharField(blank=True, db_default="", default="", max_length=80),
                ),
                (
                    "suds_end",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="SUDS at the end"
                    ),
                ),
                (
                    "suds_start",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="SUDS at the start"
                    ),
                ),
                (
                    "voc_end",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="VOC at the end"
                    ),
                ),
            ],
            options={
                "ordering": ["-session__starts_at"],
                "indexes": [
                    models.Index(
                        fields=["author", "signed_at"], name="scheduling__author__9fdb23_idx"
                    ),
                    models.Index(
                        fields=["client", "signed_at"], name="scheduling__client__517b31_idx"
                    ),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("session", "client"), name="note_one_per_client_session"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("signed_at__isnull", True),
                            models.Q(("content_sha256", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="signed_note_has_hash",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("suds_start__isnull", True),
                                ("suds_start__lte", 10),
                                _connector="OR",
                            ),
                            models.Q(
                                ("suds_end__isnull", True), ("suds_end__lte", 10), _connector="OR"
                            ),
                            models.Q(
                                ("voc_end__isnull", True),
                                models.Q(("voc_end__gte", 1), ("voc_end__lte", 7)),
                                _connector="OR",
                            ),
                        ),
                        name="note_processing_measures_in_range",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ProgressNoteEvent",
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
                            ("group", "Group"),
                            ("individual", "Individual therapy"),
                            ("family", "Family session"),
                            ("medication", "Medication management"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "format",
                    models.CharField(
                        choices=[
                            ("dap", "DAP (data, assessment, plan)"),
                            ("birp", "BIRP (behavior, intervention, response, plan)"),
                            ("soap", "SOAP (subjective, objective, assessment, plan)"),
                            ("group", "Group note (individual part)"),
                        ],
                        max_length=8,
                    ),
                ),
                ("body", models.JSONField(default=dict)),
                ("revision", models.PositiveIntegerField(default=1)),
                ("signed_at", models.DateTimeField(blank=True, null=True)),
                ("signed_text", models.TextField(blank=True)),
                ("content_sha256", models.CharField(blank=True, max_length=64)),
                ("cosign_required", models.BooleanField(default=False)),
                ("cosigned_at", models.DateTimeField(blank=True, null=True)),
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
                    "group_note",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="scheduling.groupnote",
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
                        to="scheduling.progressnote",
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
                (
                    "session",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="scheduling.session",
                    ),
                ),
                ("risk_action", models.TextField(blank=True, db_default="", default="")),
                (
                    "risk_screen",
                    models.CharField(
                        blank=True,
                        choices=[("none", "No risk identified"), ("present", "Risk present")],
                        db_default="",
                        default="",
                        max_length=8,
                    ),
                ),
                ("service_ended_at", models.DateTimeField(blank=True, null=True)),
                ("service_started_at", models.DateTimeField(blank=True, null=True)),
                (
                    "service_code",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="scheduling.servicecode",
                    ),
                ),
                (
                    "processing_modality",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("emdr", "EMDR"),
                            ("cpt", "Cognitive Processing Therapy (CPT)"),
                            ("pe", "Prolonged Exposure (PE)"),
                        ],
                        db_default="",
                        default="",
                        max_length=8,
                    ),
                ),
                (
                    "processing_target",
                    models.CharField(blank=True, db_default="", default="", max_length=80),
                ),
                (
                    "suds_end",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="SUDS at the end"
                    ),
                ),
                (
                    "suds_start",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="SUDS at the start"
                    ),
                ),
                (
                    "voc_end",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="VOC at the end"
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="WarningConfirmation",
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
                            ("names_member", "Names another member"),
                            ("near_identical", "Identical or nearly identical to another part"),
                        ],
                        max_length=16,
                    ),
                ),
                ("word", models.CharField(blank=True, max_length=80)),
                ("ratio", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("reason", models.TextField(blank=True)),
                ("text_sha256", models.CharField(max_length=64)),
                (
                    "confirmed_by",
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
                    "note",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="warning_confirmations",
                        to="scheduling.progressnote",
                    ),
                ),
                (
                    "other_note",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="scheduling.progressnote",
                    ),
                ),
            ],
            options={
                "ordering": ["created_at"],
            },
        ),
        migrations.CreateModel(
            name="WarningConfirmationEvent",
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
                            ("names_member", "Names another member"),
                            ("near_identical", "Identical or nearly identical to another part"),
                        ],
                        max_length=16,
                    ),
                ),
                ("word", models.CharField(blank=True, max_length=80)),
                ("ratio", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("reason", models.TextField(blank=True)),
                ("text_sha256", models.CharField(max_length=64)),
                (
                    "confirmed_by",
                    models.ForeignKey(
                        db_constraint=False,
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
                    "note",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="scheduling.progressnote",
                    ),
                ),
                (
                    "other_note",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="scheduling.progressnote",
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
                        to="scheduling.warningconfirmation",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Addendum",
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
                    "note",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="addenda",
                        to="scheduling.progressnote",
                    ),
                ),
            ],
            options={
                "ordering": ["signed_at"],
            },
        ),
        migrations.CreateModel(
            name="NoteObjective",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
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
                    "note",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="objective_links",
                        to="scheduling.progressnote",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("note", "objective"), name="noteobjective_unique"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="session",
            name="staff",
            field=models.ManyToManyField(
                related_name="sessions_staffed",
                through="scheduling.SessionStaff",
                through_fields=("session", "user"),
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="progressnote",
            name="objectives",
            field=models.ManyToManyField(
                blank=True,
                related_name="progress_notes",
                through="scheduling.NoteObjective",
                to="treatment_plans.planobjective",
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelchangecandidateevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="37e1b818d45188b55fe7b715fe839256516e1be9",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_41009",
                    table="scheduling_levelchangecandidateevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelchangecandidateevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="4bd3646945e67c5a0c222dca7efd506edf0b641e",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_5b8f4",
                    table="scheduling_levelchangecandidateevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelchangecandidate",
            trigger=pgtrigger.compiler.Trigger(
                name="level_candidate_as_raised",
                sql=iop.locks.LockSql(
                    condition='WHEN (OLD."episode_id" IS DISTINCT FROM NEW."episode_id" OR OLD."client_id" IS DISTINCT FROM NEW."client_id" OR OLD."program_id" IS DISTINCT FROM NEW."program_id" OR OLD."direction" IS DISTINCT FROM NEW."direction" OR OLD."rule" IS DISTINCT FROM NEW."rule" OR OLD."flagged_on" IS DISTINCT FROM NEW."flagged_on")',
                    func="RAISE EXCEPTION '%: a flag keeps the episode and rule it was raised for', TG_TABLE_NAME; RETURN NULL;",
                    hash="b8e72916ef5c609de972b5bf91aba372b6bb41a2",
                    operation="UPDATE",
                    pgid="pgtrigger_level_candidate_as_raised_7c8e8",
                    table="scheduling_levelchangecandidate",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelchangecandidate",
            trigger=pgtrigger.compiler.Trigger(
                name="level_candidate_closed_once",
                sql=iop.locks.LockSql(
                    condition="WHEN (OLD.status <> 'open')",
                    func="RAISE EXCEPTION '%: a dismissed, proposed or resolved flag is final', TG_TABLE_NAME; RETURN NULL;",
                    hash="8f23b00cbdfd82f5b9401ee9993f0a9aadc58ab3",
                    operation="UPDATE",
                    pgid="pgtrigger_level_candidate_closed_once_874cc",
                    table="scheduling_levelchangecandidate",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelchangecandidate",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="750791599f20bab3e23e12d0213474ff38a563dd",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_e9dd4",
                    table="scheduling_levelchangecandidate",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelchangecandidate",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="e59c259bfb16af92cf0c2ecd1f89b4647a28e547",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_52d6a",
                    table="scheduling_levelchangecandidate",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelchangecandidate",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "scheduling_levelchangecandidateevent" ("client_id", "closed_on", "created_at", "created_by_id", "direction", "dismissed_at", "dismissed_by_id", "dismissed_reason", "episode_id", "figures", "flagged_on", "id", "last_fired_on", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "proposal_id", "rule", "rule_text", "status", "updated_at") VALUES (NEW."client_id", NEW."closed_on", NEW."created_at", NEW."created_by_id", NEW."direction", NEW."dismissed_at", NEW."dismissed_by_id", NEW."dismissed_reason", NEW."episode_id", NEW."figures", NEW."flagged_on", NEW."id", NEW."last_fired_on", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."program_id", NEW."proposal_id", NEW."rule", NEW."rule_text", NEW."status", NEW."updated_at"); RETURN NULL;',
                    hash="80ea2d14a2b994007cfb508d08a8f684c1bf454e",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_b0d46",
                    table="scheduling_levelchangecandidate",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelchangecandidate",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "scheduling_levelchangecandidateevent" ("client_id", "closed_on", "created_at", "created_by_id", "direction", "dismissed_at", "dismissed_by_id", "dismissed_reason", "episode_id", "figures", "flagged_on", "id", "last_fired_on", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "proposal_id", "rule", "rule_text", "status", "updated_at") VALUES (NEW."client_id", NEW."closed_on", NEW."created_at", NEW."created_by_id", NEW."direction", NEW."dismissed_at", NEW."dismissed_by_id", NEW."dismissed_reason", NEW."episode_id", NEW."figures", NEW."flagged_on", NEW."id", NEW."last_fired_on", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."program_id", NEW."proposal_id", NEW."rule", NEW."rule_text", NEW."status", NEW."updated_at"); RETURN NULL;',
                    hash="938aa0798b8ff50b5895e9144d228779d13f8b39",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_2ff3b",
                    table="scheduling_levelchangecandidate",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="noteobjective",
            trigger=pgtrigger.compiler.Trigger(
                name="objectives_locked_once_signed",
                sql=iop.locks.LockSql(
                    func="\n                    DECLARE R RECORD;\n                    BEGIN\n                        IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;\n                        IF EXISTS (\n                            SELECT 1 FROM scheduling_progressnote n\n                            WHERE n.id = R.note_id AND n.signed_at IS NOT NULL\n                        ) THEN\n                            RAISE EXCEPTION\n                                'Signed notes are locked: correct them with an addendum.';\n                        END IF;\n                        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n                        RETURN NEW;\n                    END;\n                ",
                    hash="776a0ed08dcbf9992377f0db0962642293c30e1a",
                    operation="INSERT OR UPDATE OR DELETE",
                    pgid="pgtrigger_objectives_locked_once_signed_57e04",
                    table="scheduling_noteobjective",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="noteobjective",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="521654ddbc8312012dba750eeeb65bd44eb59d61",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_d8e87",
                    table="scheduling_noteobjective",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="addendum",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: addenda are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="5de58451d1bb0aa3041f018a15c69d134393e777",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_1d24c",
                    table="scheduling_addendum",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="addendum",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: addenda are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="94f08f9dd4fbef74ec69f4f4368c3955e4980571",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_13082",
                    table="scheduling_addendum",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="servicecode",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "scheduling_servicecodeevent" ("active", "code", "created_at", "created_by_id", "id", "kinds", "label", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "updated_at") VALUES (NEW."active", NEW."code", NEW."created_at", NEW."created_by_id", NEW."id", NEW."kinds", NEW."label", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."program_id", NEW."updated_at"); RETURN NULL;',
                    hash="dab006dc7b9066c0a6edd75f9a30b7d5fee74887",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_796d7",
                    table="scheduling_servicecode",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="servicecode",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "scheduling_servicecodeevent" ("active", "code", "created_at", "created_by_id", "id", "kinds", "label", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "updated_at") VALUES (NEW."active", NEW."code", NEW."created_at", NEW."created_by_id", NEW."id", NEW."kinds", NEW."label", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."program_id", NEW."updated_at"); RETURN NULL;',
                    hash="13473a924c341beebc334d396f47044046c12897",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_e0bd3",
                    table="scheduling_servicecode",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="servicecodeevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="3c4100269ba6a3701bd6127baf0b0a3ef84d384a",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_31771",
                    table="scheduling_servicecodeevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="servicecodeevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="df8a5f629b572f466c236079971eedd28248b8c9",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_8e549",
                    table="scheduling_servicecodeevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="progressnoteevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="6b8226a6f6de6ca6f27c0108c5d37b956681ae9a",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_56dd1",
                    table="scheduling_progressnoteevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="progressnoteevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="c81485f1a15ca5c360fcbcd8598f8904d98937d2",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_a04f4",
                    table="scheduling_progressnoteevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="progressnote",
            trigger=pgtrigger.compiler.Trigger(
                name="locked_once_signed",
                sql=iop.locks.LockSql(
                    condition='WHEN (OLD."signed_at" IS NOT NULL AND (OLD."id" IS DISTINCT FROM NEW."id" OR OLD."created_at" IS DISTINCT FROM NEW."created_at" OR OLD."created_by_id" IS DISTINCT FROM NEW."created_by_id" OR OLD."program_id" IS DISTINCT FROM NEW."program_id" OR OLD."client_id" IS DISTINCT FROM NEW."client_id" OR OLD."episode_id" IS DISTINCT FROM NEW."episode_id" OR OLD."session_id" IS DISTINCT FROM NEW."session_id" OR OLD."kind" IS DISTINCT FROM NEW."kind" OR OLD."format" IS DISTINCT FROM NEW."format" OR OLD."group_note_id" IS DISTINCT FROM NEW."group_note_id" OR OLD."body" IS DISTINCT FROM NEW."body" OR OLD."author_id" IS DISTINCT FROM NEW."author_id" OR OLD."revision" IS DISTINCT FROM NEW."revision" OR OLD."service_started_at" IS DISTINCT FROM NEW."service_started_at" OR OLD."service_ended_at" IS DISTINCT FROM NEW."service_ended_at" OR OLD."service_code_id" IS DISTINCT FROM NEW."service_code_id" OR OLD."risk_screen" IS DISTINCT FROM NEW."risk_screen" OR OLD."risk_action" IS DISTINCT FROM NEW."risk_action" OR OLD."processing_modality" IS DISTINCT FROM NEW."processing_modality" OR OLD."processing_target" IS DISTINCT FROM NEW."processing_target" OR OLD."suds_start" IS DISTINCT FROM NEW."suds_start" OR OLD."suds_end" IS DISTINCT FROM NEW."suds_end" OR OLD."voc_end" IS DISTINCT FROM NEW."voc_end" OR OLD."signed_at" IS DISTINCT FROM NEW."signed_at" OR OLD."signed_by_id" IS DISTINCT FROM NEW."signed_by_id" OR OLD."signed_text" IS DISTINCT FROM NEW."signed_text" OR OLD."content_sha256" IS DISTINCT FROM NEW."content_sha256" OR OLD."cosign_required" IS DISTINCT FROM NEW."cosign_required"))',
                    func="RAISE EXCEPTION '%: signed records are locked; correct them with an addendum or a new version', TG_TABLE_NAME; RETURN NULL;",
                    hash="733d997fad541b407aea904b2b51b13cfa35cb69",
                    operation="UPDATE",
                    pgid="pgtrigger_locked_once_signed_4af12",
                    table="scheduling_progressnote",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="progressnote",
            trigger=pgtrigger.compiler.Trigger(
                name="cosigned_once",
                sql=iop.locks.LockSql(
                    condition='WHEN (OLD."cosigned_at" IS DISTINCT FROM NEW."cosigned_at" OR OLD."cosigned_by_id" IS DISTINCT FROM NEW."cosigned_by_id")',
                    func="\n                    IF OLD.cosigned_at IS NOT NULL OR OLD.cosigned_by_id IS NOT NULL THEN\n                        RAISE EXCEPTION '%: a co-signature is written once and never changed', TG_TABLE_NAME;\n                    END IF;\n                    IF NEW.signed_at IS NULL OR NOT NEW.cosign_required THEN\n                        RAISE EXCEPTION '%: only a signed note that needs a co-signature is co-signed', TG_TABLE_NAME;\n                    END IF;\n                    IF NEW.cosigned_at IS NULL OR NEW.cosigned_by_id IS NULL THEN\n                        RAISE EXCEPTION '%: a co-signature has both its signer and its time', TG_TABLE_NAME;\n                    END IF;\n                    IF NEW.cosigned_by_id = NEW.author_id THEN\n                        RAISE EXCEPTION '%: the author does not co-sign their own note', TG_TABLE_NAME;\n                    END IF;\n                    RETURN NEW;\n                ",
                    hash="64008c6f8a73bd59d99d0f49f62a5c0aece32710",
                    operation="UPDATE",
                    pgid="pgtrigger_cosigned_once_cb0c0",
                    table="scheduling_progressnote",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="progressnote",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="2ebc9164f35a935b4d2817dae5ec55973e75e022",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_1030f",
                    table="scheduling_progressnote",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="progressnote",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="9bce947b59f43c2483cd8d6e3ac4f7c99db95282",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_3ce12",
                    table="scheduling_progressnote",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="progressnote",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "scheduling_progressnoteevent" ("author_id", "body", "client_id", "content_sha256", "cosign_required", "cosigned_at", "cosigned_by_id", "created_at", "created_by_id", "episode_id", "format", "group_note_id", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "processing_modality", "processing_target", "program_id", "revision", "risk_action", "risk_screen", "service_code_id", "service_ended_at", "service_started_at", "session_id", "signed_at", "signed_by_id", "signed_text", "suds_end", "suds_start", "updated_at", "voc_end") VALUES (NEW."author_id", NEW."body", NEW."client_id", NEW."content_sha256", NEW."cosign_required", NEW."cosigned_at", NEW."cosigned_by_id", NEW."created_at", NEW."created_by_id", NEW."episode_id", NEW."format", NEW."group_note_id", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."processing_modality", NEW."processing_target", NEW."program_id", NEW."revision", NEW."risk_action", NEW."risk_screen", NEW."service_code_id", NEW."service_ended_at", NEW."service_started_at", NEW."session_id", NEW."signed_at", NEW."signed_by_id", NEW."signed_text", NEW."suds_end", NEW."suds_start", NEW."updated_at", NEW."voc_end"); RETURN NULL;',
                    hash="902a96872af32731cad8c1db8f42d7266d9a82b5",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_05f44",
                    table="scheduling_progressnote",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="progressnote",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "scheduling_progressnoteevent" ("author_id", "body", "client_id", "content_sha256", "cosign_required", "cosigned_at", "cosigned_by_id", "created_at", "created_by_id", "episode_id", "format", "group_note_id", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "processing_modality", "processing_target", "program_id", "revision", "risk_action", "risk_screen", "service_code_id", "service_ended_at", "service_started_at", "session_id", "signed_at", "signed_by_id", "signed_text", "suds_end", "suds_start", "updated_at", "voc_end") VALUES (NEW."author_id", NEW."body", NEW."client_id", NEW."content_sha256", NEW."cosign_required", NEW."cosigned_at", NEW."cosigned_by_id", NEW."created_at", NEW."created_by_id", NEW."episode_id", NEW."format", NEW."group_note_id", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."processing_modality", NEW."processing_target", NEW."program_id", NEW."revision", NEW."risk_action", NEW."risk_screen", NEW."service_code_id", NEW."service_ended_at", NEW."service_started_at", NEW."session_id", NEW."signed_at", NEW."signed_by_id", NEW."signed_text", NEW."suds_end", NEW."suds_start", NEW."updated_at", NEW."voc_end"); RETURN NULL;',
                    hash="e87157907ee2e2235e00cf911f395d053a682c8a",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_ac84c",
                    table="scheduling_progressnote",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="groupnoteevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="babf8fbad39b183aded798ff548cca9c5ba21415",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_21a62",
                    table="scheduling_groupnoteevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="groupnoteevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="4eb72430f27a7e13b7c8bc208c3738f29785783a",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_d5db5",
                    table="scheduling_groupnoteevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="groupnote",
            trigger=pgtrigger.compiler.Trigger(
                name="shared_part_locked_once_signed",
                sql=iop.locks.LockSql(
                    func="\n                    IF EXISTS (\n                        SELECT 1 FROM scheduling_progressnote n\n                        WHERE n.group_note_id = OLD.id AND n.signed_at IS NOT NULL\n                    ) THEN\n                        RAISE EXCEPTION 'Signed notes are locked: correct them with an addendum.';\n                    END IF;\n                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n                    RETURN NEW;\n                ",
                    hash="580e78f31a91a0019c98ec771a7740b36249b54a",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_shared_part_locked_once_signed_6e659",
                    table="scheduling_groupnote",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="groupnote",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="4ccfc95569981d9076ce64d132d73e1b3c6be263",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_dec9f",
                    table="scheduling_groupnote",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="groupnote",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="85a8cb7f792c921d3fe10e4b90f432ad4c3c230e",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_57a1d",
                    table="scheduling_groupnote",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="groupnote",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "scheduling_groupnoteevent" ("author_id", "created_at", "created_by_id", "duration_minutes", "id", "interventions", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "revision", "session_id", "topic", "updated_at") VALUES (NEW."author_id", NEW."created_at", NEW."created_by_id", NEW."duration_minutes", NEW."id", NEW."interventions", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."revision", NEW."session_id", NEW."topic", NEW."updated_at"); RETURN NULL;',
                    hash="423e62220f9d1a69f096fc3179d0dfc9a92a825c",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_d6c00",
                    table="scheduling_groupnote",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="groupnote",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "scheduling_groupnoteevent" ("author_id", "created_at", "created_by_id", "duration_minutes", "id", "interventions", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "revision", "session_id", "topic", "updated_at") VALUES (NEW."author_id", NEW."created_at", NEW."created_by_id", NEW."duration_minutes", NEW."id", NEW."interventions", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."revision", NEW."session_id", NEW."topic", NEW."updated_at"); RETURN NULL;',
                    hash="3f79ba6aa72eb60ad448e5106204a3c54ebc7bc7",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_2b1fd",
                    table="scheduling_groupnote",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="sessionattendee",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="176c6e0b061466184964cb30dc0ead19d9ae45cd",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_94106",
                    table="scheduling_sessionattendee",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="sessionattendee",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="eeab08d08d858dfb21a9811a8ca2ac189de9b69d",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_2a355",
                    table="scheduling_sessionattendee",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="sessionattendee",
            trigger=pgtrigger.compiler.Trigger(
                name="before_change_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "scheduling_sessionattendeeevent" ("added_note", "added_reason", "arrived_at", "attendance", "client_id", "created_at", "created_by_id", "episode_id", "id", "minutes_attended", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recorded_at", "recorded_by_id", "removed_reason", "session_id", "status", "updated_at") VALUES (OLD."added_note", OLD."added_reason", OLD."arrived_at", OLD."attendance", OLD."client_id", OLD."created_at", OLD."created_by_id", OLD."episode_id", OLD."id", OLD."minutes_attended", _pgh_attach_context(), NOW(), \'before_change\', OLD."id", OLD."recorded_at", OLD."recorded_by_id", OLD."removed_reason", OLD."session_id", OLD."status", OLD."updated_at"); RETURN NULL;',
                    hash="6b134f08c12aeedf18ee4b91293ae7a92709fc98",
                    operation="UPDATE",
                    pgid="pgtrigger_before_change_update_d04d9",
                    table="scheduling_sessionattendee",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="sessionattendee",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "scheduling_sessionattendeeevent" ("added_note", "added_reason", "arrived_at", "attendance", "client_id", "created_at", "created_by_id", "episode_id", "id", "minutes_attended", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recorded_at", "recorded_by_id", "removed_reason", "session_id", "status", "updated_at") VALUES (NEW."added_note", NEW."added_reason", NEW."arrived_at", NEW."attendance", NEW."client_id", NEW."created_at", NEW."created_by_id", NEW."episode_id", NEW."id", NEW."minutes_attended", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."recorded_at", NEW."recorded_by_id", NEW."removed_reason", NEW."session_id", NEW."status", NEW."updated_at"); RETURN NULL;',
                    hash="4df04a4cd259c0d759605b68be5c5e1880fccdf2",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_61611",
                    table="scheduling_sessionattendee",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="followuptaskevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="9e127c2045831b0f88cbbe3e223321c1c9d1872a",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_02d19",
                    table="scheduling_followuptaskevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="followuptaskevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="a0115059f4cbab5b96a1d467b5ca932e29e1d9b7",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_6c7d2",
                    table="scheduling_followuptaskevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="followuptask",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="d1bc02e473f845fe6cf5fff363e701b38ae5c28f",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_22df8",
                    table="scheduling_followuptask",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="followuptask",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="b3bc8f1531015bd5cf49caa90642321c22ad07fb",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_7c795",
                    table="scheduling_followuptask",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="followuptask",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "scheduling_followuptaskevent" ("assigned_to_id", "attendee_id", "client_id", "completed_at", "completed_by_id", "created_at", "created_by_id", "due_on", "episode_id", "id", "kind", "outcome", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "status", "summary", "updated_at") VALUES (NEW."assigned_to_id", NEW."attendee_id", NEW."client_id", NEW."completed_at", NEW."completed_by_id", NEW."created_at", NEW."created_by_id", NEW."due_on", NEW."episode_id", NEW."id", NEW."kind", NEW."outcome", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."program_id", NEW."status", NEW."summary", NEW."updated_at"); RETURN NULL;',
                    hash="0cbd36389c6eb7d6fa3701c93c81968c3dfe1939",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_d7c8e",
                    table="scheduling_followuptask",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="followuptask",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "scheduling_followuptaskevent" ("assigned_to_id", "attendee_id", "client_id", "completed_at", "completed_by_id", "created_at", "created_by_id", "due_on", "episode_id", "id", "kind", "outcome", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "status", "summary", "updated_at") VALUES (NEW."assigned_to_id", NEW."attendee_id", NEW."client_id", NEW."completed_at", NEW."completed_by_id", NEW."created_at", NEW."created_by_id", NEW."due_on", NEW."episode_id", NEW."id", NEW."kind", NEW."outcome", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."program_id", NEW."status", NEW."summary", NEW."updated_at"); RETURN NULL;',
                    hash="cc3e0130c6a8ef4849af1e003520a8d9275dc4f9",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_38fad",
                    table="scheduling_followuptask",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="sessionattendeeevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="6b8896592bdd9a7d889a873a90f236996bf2f250",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_0bdcc",
                    table="scheduling_sessionattendeeevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="sessionattendeeevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="43062a5b26bb3ccdda30b9968136edde2f94a1b3",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_26bc1",
                    table="scheduling_sessionattendeeevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="sessionstaff",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="584647420a1605dc019a7df520a95b035e521154",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_aa475",
                    table="scheduling_sessionstaff",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="sessionstaff",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="c1090d520db035ce405ef54de0976175c6db5a0c",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_ca8a7",
                    table="scheduling_sessionstaff",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="track",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "scheduling_trackevent" ("active", "created_at", "created_by_id", "days", "ends_at", "id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "starts_at", "starts_on", "updated_at") VALUES (NEW."active", NEW."created_at", NEW."created_by_id", NEW."days", NEW."ends_at", NEW."id", NEW."name", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."program_id", NEW."starts_at", NEW."starts_on", NEW."updated_at"); RETURN NULL;',
                    hash="ccb37d524d5957076fb8dddb9b439be5496df7e9",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_7b210",
                    table="scheduling_track",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="track",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "scheduling_trackevent" ("active", "created_at", "created_by_id", "days", "ends_at", "id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "starts_at", "starts_on", "updated_at") VALUES (NEW."active", NEW."created_at", NEW."created_by_id", NEW."days", NEW."ends_at", NEW."id", NEW."name", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."program_id", NEW."starts_at", NEW."starts_on", NEW."updated_at"); RETURN NULL;',
                    hash="15b5a4e25dd3840bc9185b87090d9e54e0216ad6",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_f03ec",
                    table="scheduling_track",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelchangeproposalevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="f51bb467ac505845c9dd4ea9f38802da63249980",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_88097",
                    table="scheduling_levelchangeproposalevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelchangeproposalevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="3f6ff416db95d3252eb60ee0ba325691086d1f03",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_16c8b",
                    table="scheduling_levelchangeproposalevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelchangeproposal",
            trigger=pgtrigger.compiler.Trigger(
                name="level_change_proposal_as_written",
                sql=iop.locks.LockSql(
                    condition='WHEN (OLD."episode_id" IS DISTINCT FROM NEW."episode_id" OR OLD."client_id" IS DISTINCT FROM NEW."client_id" OR OLD."program_id" IS DISTINCT FROM NEW."program_id" OR OLD."from_level_id" IS DISTINCT FROM NEW."from_level_id" OR OLD."to_level_id" IS DISTINCT FROM NEW."to_level_id" OR OLD."effective_on" IS DISTINCT FROM NEW."effective_on" OR OLD."track_plan" IS DISTINCT FROM NEW."track_plan" OR OLD."track_id" IS DISTINCT FROM NEW."track_id" OR OLD."asam_edition" IS DISTINCT FROM NEW."asam_edition" OR OLD."asam_ratings" IS DISTINCT FROM NEW."asam_ratings" OR OLD."asam_notes" IS DISTINCT FROM NEW."asam_notes" OR OLD."recommended_code" IS DISTINCT FROM NEW."recommended_code" OR OLD."recommended_reasons" IS DISTINCT FROM NEW."recommended_reasons" OR OLD."evidence" IS DISTINCT FROM NEW."evidence" OR OLD."why_this_level" IS DISTINCT FROM NEW."why_this_level" OR OLD."why_not_lower" IS DISTINCT FROM NEW."why_not_lower" OR OLD."why_not_higher" IS DISTINCT FROM NEW."why_not_higher" OR OLD."proposed_by_id" IS DISTINCT FROM NEW."proposed_by_id" OR OLD."receiving_provider" IS DISTINCT FROM NEW."receiving_provider" OR OLD."receiving_provider_contact" IS DISTINCT FROM NEW."receiving_provider_contact")',
                    func="RAISE EXCEPTION '%: a proposal is kept as written (return it and propose again)', TG_TABLE_NAME; RETURN NULL;",
                    hash="e495341f7d70ae0eba6141dced7d7b9a263c6ef8",
                    operation="UPDATE",
                    pgid="pgtrigger_level_change_proposal_as_written_1da0a",
                    table="scheduling_levelchangeproposal",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelchangeproposal",
            trigger=pgtrigger.compiler.Trigger(
                name="level_change_decided_once",
                sql=iop.locks.LockSql(
                    condition="WHEN (OLD.status <> 'pending' AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.decided_by_id IS DISTINCT FROM NEW.decided_by_id OR OLD.decided_at IS DISTINCT FROM NEW.decided_at OR OLD.decision_comment IS DISTINCT FROM NEW.decision_comment OR (OLD.applied_at IS NOT NULL AND (OLD.applied_at IS DISTINCT FROM NEW.applied_at OR OLD.change_id IS DISTINCT FROM NEW.change_id))))",
                    func="RAISE EXCEPTION '%: a level-of-care decision is recorded once', TG_TABLE_NAME; RETURN NULL;",
                    hash="5c4581d6a71b29a535d6228284a24ae2c861a018",
                    operation="UPDATE",
                    pgid="pgtrigger_level_change_decided_once_21665",
                    table="scheduling_levelchangeproposal",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelchangeproposal",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="1dceba75eca5ce6e85f58db28f14591a9f0b6f22",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_048c5",
                    table="scheduling_levelchangeproposal",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelchangeproposal",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="e68148385f5f41439b36190d3bbcc40777d0e999",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_3cd23",
                    table="scheduling_levelchangeproposal",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelchangeproposal",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "scheduling_levelchangeproposalevent" ("applied_at", "asam_edition", "asam_notes", "asam_ratings", "change_id", "client_id", "created_at", "created_by_id", "decided_at", "decided_by_id", "decision_comment", "effective_on", "episode_id", "evidence", "from_level_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "proposed_by_id", "receiving_provider", "receiving_provider_contact", "recommended_code", "recommended_reasons", "status", "to_level_id", "track_id", "track_plan", "updated_at", "why_not_higher", "why_not_lower", "why_this_level") VALUES (NEW."applied_at", NEW."asam_edition", NEW."asam_notes", NEW."asam_ratings", NEW."change_id", NEW."client_id", NEW."created_at", NEW."created_by_id", NEW."decided_at", NEW."decided_by_id", NEW."decision_comment", NEW."effective_on", NEW."episode_id", NEW."evidence", NEW."from_level_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."program_id", NEW."proposed_by_id", NEW."receiving_provider", NEW."receiving_provider_contact", NEW."recommended_code", NEW."recommended_reasons", NEW."status", NEW."to_level_id", NEW."track_id", NEW."track_plan", NEW."updated_at", NEW."why_not_higher", NEW."why_not_lower", NEW."why_this_level"); RETURN NULL;',
                    hash="ff907acc556e3e2fd496cd6cadda9fc08ec3d328",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_44fb5",
                    table="scheduling_levelchangeproposal",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="levelchangeproposal",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "scheduling_levelchangeproposalevent" ("applied_at", "asam_edition", "asam_notes", "asam_ratings", "change_id", "client_id", "created_at", "created_by_id", "decided_at", "decided_by_id", "decision_comment", "effective_on", "episode_id", "evidence", "from_level_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "proposed_by_id", "receiving_provider", "receiving_provider_contact", "recommended_code", "recommended_reasons", "status", "to_level_id", "track_id", "track_plan", "updated_at", "why_not_higher", "why_not_lower", "why_this_level") VALUES (NEW."applied_at", NEW."asam_edition", NEW."asam_notes", NEW."asam_ratings", NEW."change_id", NEW."client_id", NEW."created_at", NEW."created_by_id", NEW."decided_at", NEW."decided_by_id", NEW."decision_comment", NEW."effective_on", NEW."episode_id", NEW."evidence", NEW."from_level_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."program_id", NEW."proposed_by_id", NEW."receiving_provider", NEW."receiving_provider_contact", NEW."recommended_code", NEW."recommended_reasons", NEW."status", NEW."to_level_id", NEW."track_id", NEW."track_plan", NEW."updated_at", NEW."why_not_higher", NEW."why_not_lower", NEW."why_this_level"); RETURN NULL;',
                    hash="954df39de76c77a77ec1917fd091d80c81bac401",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_e7310",
                    table="scheduling_levelchangeproposal",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="trackblock",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "scheduling_trackblockevent" ("active", "created_at", "created_by_id", "days", "ends_at", "group_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "room_id", "starts_at", "track_id", "updated_at") VALUES (NEW."active", NEW."created_at", NEW."created_by_id", NEW."days", NEW."ends_at", NEW."group_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."room_id", NEW."starts_at", NEW."track_id", NEW."updated_at"); RETURN NULL;',
                    hash="420f32dc53256e96655fa11af3bd56e72d304a23",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_d1c1f",
                    table="scheduling_trackblock",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="trackblock",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "scheduling_trackblockevent" ("active", "created_at", "created_by_id", "days", "ends_at", "group_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "room_id", "starts_at", "track_id", "updated_at") VALUES (NEW."active", NEW."created_at", NEW."created_by_id", NEW."days", NEW."ends_at", NEW."group_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."room_id", NEW."starts_at", NEW."track_id", NEW."updated_at"); RETURN NULL;',
                    hash="3f6ec1c5a99516456254e4240d4586cc99ad0b13",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_dbebd",
                    table="scheduling_trackblock",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="sessionevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="8a6aba925ab7c34f74f55195a6143027edfb9bf5",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_77de4",
                    table="scheduling_sessionevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="sessionevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="c499130c3f0240300563d03c2653bdf6e0197a3a",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_6a899",
                    table="scheduling_sessionevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="session",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="98a32278de75bea901efce8480f7e6217d11f4b2",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_02821",
                    table="scheduling_session",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="session",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="3f1deebbbc596e7ee38e54b870564a2a628dd802",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_3f012",
                    table="scheduling_session",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="session",
            trigger=pgtrigger.compiler.Trigger(
                name="before_change_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "scheduling_sessionevent" ("cancel_reason", "cancelled_at", "cancelled_by_id", "created_at", "created_by_id", "ends_at", "group_id", "id", "kind", "occurs_on", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "room_id", "starts_at", "status", "telehealth_url", "topic_id", "topic_title", "track_block_id", "updated_at") VALUES (OLD."cancel_reason", OLD."cancelled_at", OLD."cancelled_by_id", OLD."created_at", OLD."created_by_id", OLD."ends_at", OLD."group_id", OLD."id", OLD."kind", OLD."occurs_on", _pgh_attach_context(), NOW(), \'before_change\', OLD."id", OLD."program_id", OLD."room_id", OLD."starts_at", OLD."status", OLD."telehealth_url", OLD."topic_id", OLD."topic_title", OLD."track_block_id", OLD."updated_at"); RETURN NULL;',
                    hash="73cdd8a0ca22a7a9f611b792be7625af7b5e6af2",
                    operation="UPDATE",
                    pgid="pgtrigger_before_change_update_1bf5e",
                    table="scheduling_session",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="session",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "scheduling_sessionevent" ("cancel_reason", "cancelled_at", "cancelled_by_id", "created_at", "created_by_id", "ends_at", "group_id", "id", "kind", "occurs_on", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "room_id", "starts_at", "status", "telehealth_url", "topic_id", "topic_title", "track_block_id", "updated_at") VALUES (NEW."cancel_reason", NEW."cancelled_at", NEW."cancelled_by_id", NEW."created_at", NEW."created_by_id", NEW."ends_at", NEW."group_id", NEW."id", NEW."kind", NEW."occurs_on", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."program_id", NEW."room_id", NEW."starts_at", NEW."status", NEW."telehealth_url", NEW."topic_id", NEW."topic_title", NEW."track_block_id", NEW."updated_at"); RETURN NULL;',
                    hash="a3a9b8c8530d8369b074e523493b0301a3939e9e",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_2f1db",
                    table="scheduling_session",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="trackblockevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="a2e4dea27d1c8d2ca75399b7a3a99afe096d039c",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_704b8",
                    table="scheduling_trackblockevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="trackblockevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="b66e3cb32056d994ff9643ac04fcd949b493bacd",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_ba760",
                    table="scheduling_trackblockevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="trackenrolment",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="235b8784672edba9f1b5a1870d8d6de7a277f5fb",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_42a10",
                    table="scheduling_trackenrolment",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="trackenrolment",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="485bacf4c55ad37302ae26d9d1c1ac6d1fbbc394",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_63ed7",
                    table="scheduling_trackenrolment",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="trackenrolment",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "scheduling_trackenrolmentevent" ("created_at", "created_by_id", "ended_on", "ended_reason", "episode_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "starts_on", "track_id", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."ended_on", NEW."ended_reason", NEW."episode_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."starts_on", NEW."track_id", NEW."updated_at"); RETURN NULL;',
                    hash="ac5c87a7ffe7c4bb2893ee08951e27297e5caba8",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_62176",
                    table="scheduling_trackenrolment",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="trackenrolment",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "scheduling_trackenrolmentevent" ("created_at", "created_by_id", "ended_on", "ended_reason", "episode_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "starts_on", "track_id", "updated_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."ended_on", NEW."ended_reason", NEW."episode_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."starts_on", NEW."track_id", NEW."updated_at"); RETURN NULL;',
                    hash="6e5702f9a589a3d1165b9349403a2c928c44e750",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_42751",
                    table="scheduling_trackenrolment",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="trackenrolmentevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="c0c4813d1507af04b7d24669fa6af3332b9a5d37",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_968d4",
                    table="scheduling_trackenrolmentevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="trackenrolmentevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="a1fdba5d6e37c9ef00e05ae5f021ac09612eb755",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_4982d",
                    table="scheduling_trackenrolmentevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="trackevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="cdbcd090ea054870149f81c1e7048edab2384817",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_6344a",
                    table="scheduling_trackevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="trackevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="1fe0b9f07f367756fc836a50d4bc19e41bf5d17d",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_f2ef0",
                    table="scheduling_trackevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="warningconfirmation",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: warning confirmations are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="b836c28a9bed7165a7d4ca5b9e9436606ef86c6d",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_7dfc5",
                    table="scheduling_warningconfirmation",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="warningconfirmation",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: warning confirmations are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="2f33dd7a983fd3a0d9aa03c9ee2d236c0cf7fb15",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_2c300",
                    table="scheduling_warningconfirmation",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="warningconfirmation",
            trigger=pgtrigger.compiler.Trigger(
                name="not_on_a_signed_note",
                sql=iop.locks.LockSql(
                    func="\n                    IF EXISTS (\n                        SELECT 1 FROM scheduling_progressnote n\n                        WHERE n.id = NEW.note_id AND n.signed_at IS NOT NULL\n                    ) THEN\n                        RAISE EXCEPTION 'Signed notes are locked: correct them with an addendum.';\n                    END IF;\n                    RETURN NEW;\n                ",
                    hash="2bc1817c60f4caed12e94227eeb790fbc7df60ee",
                    operation="INSERT",
                    pgid="pgtrigger_not_on_a_signed_note_93bc2",
                    table="scheduling_warningconfirmation",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="warningconfirmation",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "scheduling_warningconfirmationevent" ("confirmed_by_id", "created_at", "created_by_id", "id", "kind", "note_id", "other_note_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "ratio", "reason", "text_sha256", "updated_at", "word") VALUES (NEW."confirmed_by_id", NEW."created_at", NEW."created_by_id", NEW."id", NEW."kind", NEW."note_id", NEW."other_note_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."ratio", NEW."reason", NEW."text_sha256", NEW."updated_at", NEW."word"); RETURN NULL;',
                    hash="6d8b9d0a6ac1ece282350459dfc609690727b026",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_a5fb5",
                    table="scheduling_warningconfirmation",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="warningconfirmation",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "scheduling_warningconfirmationevent" ("confirmed_by_id", "created_at", "created_by_id", "id", "kind", "note_id", "other_note_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "ratio", "reason", "text_sha256", "updated_at", "word") VALUES (NEW."confirmed_by_id", NEW."created_at", NEW."created_by_id", NEW."id", NEW."kind", NEW."note_id", NEW."other_note_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."ratio", NEW."reason", NEW."text_sha256", NEW."updated_at", NEW."word"); RETURN NULL;',
                    hash="2945e5f90b4a5db77f88eb86d4bfcf82680d3364",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_b40a0",
                    table="scheduling_warningconfirmation",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="warningconfirmationevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="d00886b817f2945ff74b1e7d187ceaedca28bb38",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_4f77a",
                    table="scheduling_warningconfirmationevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="warningconfirmationevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="91c184847b2b9151aea4fc81217318e8f2109394",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_8c48b",
                    table="scheduling_warningconfirmationevent",
                    when="BEFORE",
                ),
            ),
        ),
    ]
