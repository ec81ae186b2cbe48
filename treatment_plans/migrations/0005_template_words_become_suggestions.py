"""Drafts whose goal still holds a template's sentence: the sentence becomes the goal's
suggested wording and the client's words are left to write. Signed versions are locked
(and keep what was signed); their revisions are caught by the readiness check instead."""

from django.db import migrations


def forward(apps, schema_editor):
    PlanGoal = apps.get_model("treatment_plans", "PlanGoal")
    PlanTemplate = apps.get_model("treatment_plans", "PlanTemplate")
    sentences = set(PlanTemplate.objects.values_list("goal_client_words", flat=True))
    goals = PlanGoal.objects.filter(
        problem__plan__status="draft", client_words__in=sentences, suggested_words=""
    )
    for goal in goals:
        goal.suggested_words, goal.client_words = goal.client_words, ""
        goal.save(update_fields=["suggested_words", "client_words"])


class Migration(migrations.Migration):
    dependencies = [("treatment_plans", "0004_goal_suggestion_diagnoses")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
