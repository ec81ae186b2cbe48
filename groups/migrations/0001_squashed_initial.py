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


# The group kinds every program starts with; programs add their own (was 0002_builtin_group_kinds).
def add_kinds(apps, schema_editor):
    from groups.kinds import group_kinds_load

    group_kinds_load(apps.get_model("groups", "GroupKind"))


class Migration(migrations.Migration):
    replaces = [
        ("groups", "0001_initial"),
        ("groups", "0002_builtin_group_kinds"),
        ("groups", "0003_clinical_rows_never_deleted_locks_not_switchable"),
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
            name="GroupKind",
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
                ("name", models.CharField(max_length=80)),
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
                        related_name="group_kinds",
                        to="accounts.program",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("program", "code"), name="groupkind_unique_code"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("program__isnull", True)),
                        fields=("code",),
                        name="groupkind_builtin_code",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Group",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("name", models.CharField(max_length=120)),
                ("description", models.TextField(blank=True)),
                (
                    "capacity",
                    models.PositiveSmallIntegerField(
                        default=12, help_text="Most clients in one session of this group."
                    ),
                ),
                (
                    "admission",
                    models.CharField(
                        choices=[
                            ("open", "Open (rolling admission)"),
                            ("closed", "Closed (fixed membership)"),
                        ],
                        default="open",
                        max_length=8,
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
                        related_name="groups",
                        to="accounts.program",
                    ),
                ),
                (
                    "kind",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="groups.groupkind",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
                "constraints": [
                    models.UniqueConstraint(fields=("program", "name"), name="group_unique_name"),
                    models.CheckConstraint(
                        condition=models.Q(("capacity__gte", 1)), name="group_capacity_positive"
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="GroupEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("name", models.CharField(max_length=120)),
                ("description", models.TextField(blank=True)),
                (
                    "capacity",
                    models.PositiveSmallIntegerField(
                        default=12, help_text="Most clients in one session of this group."
                    ),
                ),
                (
                    "admission",
                    models.CharField(
                        choices=[
                            ("open", "Open (rolling admission)"),
                            ("closed", "Closed (fixed membership)"),
                        ],
                        default="open",
                        max_length=8,
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
                        to="groups.group",
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
                    "kind",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="groups.groupkind",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="RosterEntry",
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
                            ("member", "Member"),
                            ("waitlisted", "On the waitlist"),
                            ("left", "Left the group"),
                        ],
                        max_length=12,
                    ),
                ),
                ("joined_on", models.DateField(blank=True, null=True)),
                ("waitlisted_at", models.DateTimeField(blank=True, null=True)),
                ("left_on", models.DateField(blank=True, null=True)),
                ("left_reason", models.CharField(blank=True, max_length=200)),
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
                        related_name="group_roster",
                        to="clients.episode",
                    ),
                ),
                (
                    "group",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="roster",
                        to="groups.group",
                    ),
                ),
            ],
            options={
                "ordering": ["group", "status", "joined_on"],
                "indexes": [
                    models.Index(
                        fields=["episode", "status"], name="groups_rost_episode_5462f5_idx"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("status", "left"), _negated=True),
                        fields=("group", "episode"),
                        name="roster_one_current_place",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "member"), _negated=True),
                            ("joined_on__isnull", False),
                            _connector="OR",
                        ),
                        name="roster_member_has_joined_on",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="RosterEntryEvent",
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
                            ("member", "Member"),
                            ("waitlisted", "On the waitlist"),
                            ("left", "Left the group"),
                        ],
                        max_length=12,
                    ),
                ),
                ("joined_on", models.DateField(blank=True, null=True)),
                ("waitlisted_at", models.DateTimeField(blank=True, null=True)),
                ("left_on", models.DateField(blank=True, null=True)),
                ("left_reason", models.CharField(blank=True, max_length=200)),
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
                        to="groups.rosterentry",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="CurriculumTopic",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("position", models.PositiveSmallIntegerField()),
                ("title", models.CharField(max_length=160)),
                ("description", models.TextField(blank=True)),
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
                        related_name="topics",
                        to="groups.group",
                    ),
                ),
            ],
            options={
                "ordering": ["group", "position"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("group", "position"), name="topic_unique_position"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Facilitator",
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
                        choices=[("lead", "Facilitator"), ("co", "Co-facilitator")],
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
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "group",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="facilitator_links",
                        to="groups.group",
                    ),
                ),
            ],
            options={
                "ordering": ["role", "user__last_name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("group", "user"), name="facilitator_unique_user"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="CurriculumTopicEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("position", models.PositiveSmallIntegerField()),
                ("title", models.CharField(max_length=160)),
                ("description", models.TextField(blank=True)),
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
                        to="groups.curriculumtopic",
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
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="group",
            name="facilitators",
            field=models.ManyToManyField(
                related_name="facilitated_groups",
                through="groups.Facilitator",
                through_fields=("group", "user"),
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="curriculumtopicevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="0c33629c26f89dcfae6165e7ac6008d34effe770",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_a9d78",
                    table="groups_curriculumtopicevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="curriculumtopicevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="d951ac888c21c90ce718411e72485fa76e57d2df",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_e1292",
                    table="groups_curriculumtopicevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="curriculumtopic",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "groups_curriculumtopicevent" ("active", "created_at", "created_by_id", "description", "group_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "title", "updated_at") VALUES (NEW."active", NEW."created_at", NEW."created_by_id", NEW."description", NEW."group_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."position", NEW."title", NEW."updated_at"); RETURN NULL;',
                    hash="37e0c5ab797bb71b9a6470c05839a086627fbf46",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_4d0d2",
                    table="groups_curriculumtopic",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="curriculumtopic",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "groups_curriculumtopicevent" ("active", "created_at", "created_by_id", "description", "group_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "title", "updated_at") VALUES (NEW."active", NEW."created_at", NEW."created_by_id", NEW."description", NEW."group_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."position", NEW."title", NEW."updated_at"); RETURN NULL;',
                    hash="89231d8eee5d45762053a6bb72319c9eff1a8386",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_9ef8a",
                    table="groups_curriculumtopic",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="groupevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="6e3cc898a1c6ea8558a478f8cb30ff76815076d7",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_1bebc",
                    table="groups_groupevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="groupevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="2a91178c6c1482ffad2bb391fef983338514fbe3",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_d268a",
                    table="groups_groupevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="group",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "groups_groupevent" ("active", "admission", "capacity", "created_at", "created_by_id", "description", "id", "kind_id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "updated_at") VALUES (NEW."active", NEW."admission", NEW."capacity", NEW."created_at", NEW."created_by_id", NEW."description", NEW."id", NEW."kind_id", NEW."name", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."program_id", NEW."updated_at"); RETURN NULL;',
                    hash="cfbe23dac7a20194b2bc58320f3ef8ad72e45806",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_6026d",
                    table="groups_group",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="group",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "groups_groupevent" ("active", "admission", "capacity", "created_at", "created_by_id", "description", "id", "kind_id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "updated_at") VALUES (NEW."active", NEW."admission", NEW."capacity", NEW."created_at", NEW."created_by_id", NEW."description", NEW."id", NEW."kind_id", NEW."name", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."program_id", NEW."updated_at"); RETURN NULL;',
                    hash="c56cea9a45a3afea6a8fc3d2f84be4f9ed18d4ae",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_02517",
                    table="groups_group",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="rosterentry",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="0314653206eb03d7940fc2564423e188ffa3ce55",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_942af",
                    table="groups_rosterentry",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="rosterentry",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="3b6ec0f25290592bdc9a4c09d79186f6e2c842dc",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_ccd79",
                    table="groups_rosterentry",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="rosterentry",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "groups_rosterentryevent" ("created_at", "created_by_id", "episode_id", "group_id", "id", "joined_on", "left_on", "left_reason", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "status", "updated_at", "waitlisted_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."episode_id", NEW."group_id", NEW."id", NEW."joined_on", NEW."left_on", NEW."left_reason", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."status", NEW."updated_at", NEW."waitlisted_at"); RETURN NULL;',
                    hash="8098903eb8158942e9c1944ec7a08b0becf43831",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_8953a",
                    table="groups_rosterentry",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="rosterentry",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "groups_rosterentryevent" ("created_at", "created_by_id", "episode_id", "group_id", "id", "joined_on", "left_on", "left_reason", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "status", "updated_at", "waitlisted_at") VALUES (NEW."created_at", NEW."created_by_id", NEW."episode_id", NEW."group_id", NEW."id", NEW."joined_on", NEW."left_on", NEW."left_reason", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."status", NEW."updated_at", NEW."waitlisted_at"); RETURN NULL;',
                    hash="c646e7b75c4858361100a72e039416374a0fa1df",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_06c1e",
                    table="groups_rosterentry",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="rosterentryevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="b03fb85481e2b493167f62be31dd4657ee3d64ac",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_bed0d",
                    table="groups_rosterentryevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="rosterentryevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="44b45a31f613b1b0ddff979a0adf31e749630427",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_c0bca",
                    table="groups_rosterentryevent",
                    when="BEFORE",
                ),
            ),
        ),
        migrations.RunPython(add_kinds, migrations.RunPython.noop),
    ]
