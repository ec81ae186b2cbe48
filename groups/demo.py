"""Demo groups: the groups the demo's three tracks run (scheduling/demo.py places them in
the tracks), each with its curriculum and facilitators from the demo staff; one closed
trauma-focused group whose roster (and waitlist) is filled by scheduling/demo.py.

Made through ``group_save``, as the group form does. Idempotent: a group that exists
already (by name, in the demo program) is left alone.
Synthetic data only.
"""

from __future__ import annotations

from typing import Any

from groups.models import Admission, Group, GroupKind
from groups.services import group_save

SAM, RILEY, DIRECTOR = "clinician@demo.test", "riley.chen@demo.test", "director@demo.test"

# name: (kind code, admission, capacity, [(facilitator email, role)], description, topics)
GROUPS: dict[str, tuple[str, str, int, list[tuple[str, str]], str, list[str]]] = {
    "Morning DBT Skills": (
        "skills",
        Admission.OPEN,
        14,
        [(SAM, "lead")],
        "Dialectical behavior therapy skills, one module topic a session.",
        [
            "Mindfulness: wise mind",
            "Mindfulness: observe, describe, participate",
            "Distress tolerance: TIPP",
            "Distress tolerance: radical acceptance",
            "Emotion regulation: check the facts",
            "Emotion regulation: opposite action",
            "Interpersonal effectiveness: DEAR MAN",
            "Interpersonal effectiveness: GIVE and FAST",
        ],
    ),
    "Morning Process Group": (
        "process",
        Admission.OPEN,
        14,
        [(RILEY, "lead")],
        "Open process group: check-in, what came up this week, feedback.",
        [
            "Check-in and intentions",
            "Triggers this week",
            "Relationships and boundaries",
            "Shame and self-compassion",
            "Asking for help",
            "Looking back, looking ahead",
        ],
    ),
    "Evening Relapse Prevention": (
        "relapse-prevention",
        Admission.OPEN,
        14,
        [(RILEY, "lead"), (SAM, "co")],
        "Relapse prevention for clients who work days.",
        [
            "High-risk situations",
            "Cravings and urge surfing",
            "Lapse versus relapse",
            "Building a sober support network",
            "Lifestyle balance",
            "Warning signs and a relapse prevention plan",
            "Coping with stress at work",
        ],
    ),
    "Evening Process Group": (
        "process",
        Admission.OPEN,
        14,
        [(RILEY, "lead")],
        "Open process group for the evening track.",
        [
            "Check-in and intentions",
            "What helped this week",
            "Family and home",
            "Anger and resentment",
            "Grief and loss",
            "Hope and next steps",
        ],
    ),
    "Day Track Psychoeducation": (
        "psychoeducation",
        Admission.OPEN,
        14,
        [(DIRECTOR, "lead"), (SAM, "co")],
        "Daily psychoeducation for the day track.",
        [
            "How stress affects the body",
            "Sleep and recovery",
            "Medication: questions to ask",
            "Nutrition and mood",
            "Understanding triggers",
            "The window of tolerance",
            "Communication styles",
            "Planning for discharge",
            "Values and goals",
            "Healthy routines",
        ],
    ),
    "Day Track Process Group": (
        "process",
        Admission.OPEN,
        14,
        [(RILEY, "lead")],
        "Process group on Monday, Wednesday and Friday afternoons.",
        [
            "Check-in and intentions",
            "What is hard right now",
            "Support outside the program",
            "Self-care under pressure",
            "Celebrating progress",
            "Closing the week",
        ],
    ),
    "Day Track Coping Skills": (
        "skills",
        Admission.OPEN,
        14,
        [(SAM, "lead")],
        "Practical coping skills to end the day.",
        [
            "Grounding techniques",
            "Paced breathing",
            "Behavioral activation",
            "Problem solving",
            "Thought records",
            "Safe coping cards",
        ],
    ),
    "Seeking Safety (closed group)": (
        "trauma-focused",
        Admission.CLOSED,
        6,
        [(SAM, "lead"), (RILEY, "co")],
        "Present-focused trauma and substance use group; fixed membership, waitlist when full.",
        [
            "Introduction and safety",
            "PTSD: taking back your power",
            "Detaching from emotional pain (grounding)",
            "Asking for help",
            "Taking good care of yourself",
            "Compassion",
            "Red and green flags",
            "Honesty",
            "Setting boundaries in relationships",
            "Life choices",
        ],
    ),
}


def seed(context: dict[str, Any]) -> None:
    """Create the demo groups once; put them in ``context["groups"]`` by name."""
    if "groups" in context:
        return  # scheduling/demo.py already ran this seed
    program, staff = context["program"], context["staff"]
    kinds = {k.code: k for k in GroupKind.objects.filter(program=None)}
    existing = {g.name: g for g in Group.objects.filter(program=program, name__in=GROUPS)}
    groups = {}
    for name, (kind, admission, capacity, leads, description, titles) in GROUPS.items():
        group = existing.get(name)
        if group is None:
            lead = next(staff[email] for email, role in leads if role == "lead")
            co = next((staff[email] for email, role in leads if role == "co"), None)
            group = group_save(
                program=program,
                data={
                    "name": name,
                    "kind": kinds[kind],
                    "description": description,
                    "capacity": capacity,
                    "admission": admission,
                    "active": True,
                    "facilitator": lead,
                    "co_facilitator": co,
                    "curriculum": titles,
                },
                actor=staff[DIRECTOR],
            )
        groups[name] = group
    context["groups"] = groups
