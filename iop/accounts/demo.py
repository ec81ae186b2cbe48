"""Demo program and one staff member per role."""

from __future__ import annotations

from typing import Any

from iop.accounts.models import Membership, Program, Role, User

DEMO_PROGRAM = "Riverside Trauma-Informed IOP"

STAFF = [
    ("intake@demo.test", "Jordan", "Reyes", "", Role.INTAKE),
    ("clinician@demo.test", "Sam", "Okafor", "LCSW", Role.CLINICIAN),
    ("riley.chen@demo.test", "Riley", "Chen", "LPC", Role.CLINICIAN),
    ("prescriber@demo.test", "Dana", "Whitfield", "PMHNP-BC", Role.PRESCRIBER),
    ("director@demo.test", "Morgan", "Ellis", "LCSW", Role.DIRECTOR),
    ("probation@demo.test", "Chris", "Park", "", Role.PROBATION),
    ("admin@demo.test", "Alex", "Kim", "", Role.ADMINISTRATOR),
]


def seed(context: dict[str, Any]) -> None:
    program, _ = Program.objects.get_or_create(
        name=DEMO_PROGRAM,
        defaults={
            "time_zone": "America/New_York",
            # A synthetic after-hours line (555-01xx numbers are reserved for fiction).
            "crisis_line_name": "Riverside IOP after-hours line",
            "crisis_line_phone": "(555) 010-0199",
        },
    )
    context["program"] = program
    context["staff"] = {}
    for email, first, last, credentials, role in STAFF:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email,
                context["password"],
                first_name=first,
                last_name=last,
                credentials=credentials,
                # Directors reach the admin for the drug screen panels they keep.
                is_staff=role in (Role.ADMINISTRATOR, Role.DIRECTOR),
            )
        Membership.objects.get_or_create(user=user, program=program, role=role)
        context["staff"][email] = user
    context["demo_logins"] = [email for email, *_ in STAFF]
