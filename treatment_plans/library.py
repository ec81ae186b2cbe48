"""Built-in modalities and plan templates (trauma, substance use, co-occurring).

Loaded by a data migration; a program adds its own in the admin. Objectives are written
to be observable and measurable, with the instrument thresholds of CLINICAL.md.
"""

from __future__ import annotations

from typing import Any

MODALITIES: list[tuple[str, str, bool]] = [
    ("cpt", "Cognitive Processing Therapy (CPT)", True),
    ("pe", "Prolonged Exposure (PE)", True),
    ("emdr", "EMDR", True),
    ("dbt_skills", "DBT skills", False),
    ("cbt", "Cognitive behavioral therapy (CBT)", False),
    ("mi", "Motivational interviewing (MI)", False),
    ("seeking_safety", "Seeking Safety", False),
    ("family_therapy", "Family therapy", False),
    ("medication_management", "Medication management", False),
    ("relapse_prevention", "Relapse prevention", False),
    ("psychoeducation", "Psychoeducation", False),
    ("case_management", "Case management", False),
]

TEMPLATES: list[dict[str, Any]] = [
    {
        "category": "trauma",
        "title": "Trauma symptoms: intrusions and avoidance",
        "problem": "Post-traumatic stress symptoms (intrusive memories, nightmares, avoidance) "
        "interfere with sleep, work and relationships.",
        "goal_client_words": "I want to sleep through the night and stop avoiding places.",
        "goal_clinical": "Reduce PTSD symptom severity and avoidance.",
        "objectives": [
            {
                "description": "PCL-5 total below 33 on two consecutive administrations.",
                "measure": "instrument_below",
                "instrument": "pcl5",
                "threshold": 33,
                "weeks": 12,
            },
            {
                "description": "Uses a grounding skill when distressed, at least 5 times a week, "
                "recorded on the diary card.",
                "measure": "practice",
                "per_week": 5,
                "weeks": 4,
            },
        ],
        "interventions": [
            {
                "modality": "seeking_safety",
                "frequency": "3 groups a week",
                "description": "Coping skills for trauma and substance use.",
            },
            {
                "modality": "cpt",
                "frequency": "weekly, 50 minutes",
                "description": "After readiness is confirmed.",
            },
        ],
    },
    {
        "category": "trauma",
        "title": "Emotion dysregulation and self-harm urges",
        "problem": "Intense emotions lead to self-harm urges and crises.",
        "goal_client_words": "I want to handle my feelings without hurting myself.",
        "goal_clinical": "Increase distress tolerance and emotion regulation skills.",
        "objectives": [
            {
                "description": "Practices a distress tolerance skill 4 times a week.",
                "measure": "practice",
                "per_week": 4,
                "weeks": 4,
            },
            {
                "description": "Attends at least 90% of scheduled DBT skills groups.",
                "measure": "attendance",
                "threshold": 90,
                "weeks": 8,
            },
        ],
        "interventions": [
            {"modality": "dbt_skills", "frequency": "2 groups a week", "description": ""},
            {"modality": "cbt", "frequency": "weekly individual session", "description": ""},
        ],
    },
    {
        "category": "trauma",
        "title": "Depression after trauma",
        "problem": "Depressed mood, loss of interest and withdrawal since the trauma.",
        "goal_client_words": "I want to feel like myself again and see my friends.",
        "goal_clinical": "Reduce depressive symptoms and increase activity.",
        "objectives": [
            {
                "description": "PHQ-9 below 10.",
                "measure": "instrument_below",
                "instrument": "phq9",
                "threshold": 10,
                "weeks": 8,
            },
            {
                "description": "Plans and completes 3 valued activities a week.",
                "measure": "practice",
                "per_week": 3,
                "weeks": 4,
            },
        ],
        "interventions": [
            {
                "modality": "cbt",
                "frequency": "weekly, 50 minutes",
                "description": "Behavioral activation.",
            },
            {
                "modality": "medication_management",
                "frequency": "every 2-4 weeks",
                "description": "",
            },
        ],
    },
    {
        "category": "substance_use",
        "title": "Alcohol use disorder: early recovery",
        "problem": "Daily drinking with loss of control and failed attempts to cut down.",
        "goal_client_words": "I want to stop drinking and keep my job.",
        "goal_clinical": "Establish and maintain abstinence from alcohol.",
        "objectives": [
            {
                "description": "Negative EtG on all random screens for 30 days.",
                "measure": "observed",
                "weeks": 6,
            },
            {
                "description": "Attends at least 90% of scheduled program hours.",
                "measure": "attendance",
                "threshold": 90,
                "weeks": 6,
            },
        ],
        "interventions": [
            {"modality": "relapse_prevention", "frequency": "2 groups a week", "description": ""},
            {"modality": "mi", "frequency": "weekly individual session", "description": ""},
        ],
    },
    {
        "category": "substance_use",
        "title": "Opioid use disorder on medication",
        "problem": "Opioid use disorder in early remission on buprenorphine; "
        "cravings under stress.",
        "goal_client_words": "I want to stay off pills and be there for my kids.",
        "goal_clinical": "Sustain remission with medication and relapse prevention skills.",
        "objectives": [
            {
                "description": "Takes buprenorphine as prescribed; "
                "screens consistent with prescription.",
                "measure": "observed",
                "weeks": 8,
            },
            {
                "description": "Writes and rehearses a relapse prevention plan, "
                "reviewing it weekly.",
                "measure": "practice",
                "per_week": 1,
                "weeks": 4,
            },
        ],
        "interventions": [
            {"modality": "medication_management", "frequency": "every 2 weeks", "description": ""},
            {"modality": "relapse_prevention", "frequency": "2 groups a week", "description": ""},
        ],
    },
    {
        "category": "substance_use",
        "title": "Ambivalence about change",
        "problem": "Unsure about the need to change substance use; attends because of court order.",
        "goal_client_words": "I want to get probation off my back.",
        "goal_clinical": "Explore ambivalence and build motivation for change.",
        "objectives": [
            {
                "description": "Attends at least 80% of scheduled program hours.",
                "measure": "attendance",
                "threshold": 80,
                "weeks": 4,
            },
        ],
        "interventions": [
            {"modality": "mi", "frequency": "weekly individual session", "description": ""},
            {"modality": "psychoeducation", "frequency": "weekly group", "description": ""},
        ],
    },
    {
        "category": "co_occurring",
        "title": "Using substances to cope with trauma symptoms",
        "problem": "Uses alcohol or drugs to manage nightmares, anxiety and memories.",
        "goal_client_words": "I want to find other ways to calm down.",
        "goal_clinical": "Replace substance use with safe coping for trauma symptoms.",
        "objectives": [
            {
                "description": "Uses a coping skill instead of substances when triggered, "
                "5 times a week.",
                "measure": "practice",
                "per_week": 5,
                "weeks": 6,
            },
            {
                "description": "GAD-7 below 10.",
                "measure": "instrument_below",
                "instrument": "gad7",
                "threshold": 10,
                "weeks": 8,
            },
        ],
        "interventions": [
            {"modality": "seeking_safety", "frequency": "3 groups a week", "description": ""},
            {
                "modality": "emdr",
                "frequency": "weekly, 60-90 minutes",
                "description": "After stabilization and a confirmed readiness review.",
            },
        ],
    },
    {
        "category": "co_occurring",
        "title": "Unstable housing and supports",
        "problem": "Housing is unstable and supports are limited, which threatens recovery.",
        "goal_client_words": "I want a safe place to live.",
        "goal_clinical": "Secure stable, recovery-supportive housing and supports.",
        "objectives": [
            {
                "description": "Completes two housing applications with the case manager.",
                "measure": "observed",
                "weeks": 4,
            },
        ],
        "interventions": [
            {"modality": "case_management", "frequency": "weekly", "description": ""},
            {"modality": "family_therapy", "frequency": "every 2 weeks", "description": ""},
        ],
    },
]


def library_load(modality_model: Any, template_model: Any) -> None:
    """Insert or update the built-in modalities and templates (idempotent)."""
    for code, name, processing in MODALITIES:
        modality_model.objects.update_or_create(
            program=None, code=code, defaults={"name": name, "trauma_processing": processing}
        )
    for template in TEMPLATES:
        template_model.objects.update_or_create(
            program=None,
            title=template["title"],
            defaults={k: v for k, v in template.items() if k != "title"},
        )
