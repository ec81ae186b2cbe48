"""The words a relapse prevention plan is signed over, and what changed between versions."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Literal

from iop.phones import phone_display
from iop.signatures.text import EMPTY, client_identity, labelled_block, lines_text, long_date
from relapse_prevention.models import RelapsePreventionPlan
from relapse_prevention.services.plans import NO_COPING, NO_TRIGGER, SECTIONS, Section, parts_of


def _part_line(section: Section, part: Any) -> list[str]:
    off = "" if part.in_client_copy else " (not on the client's copy)"
    if section.key == "triggers":
        return [f"- {part.get_category_display()}: {part.description.strip()}{off}"]
    if section.key == "warning_signs":
        return [f"- {part.get_stage_display()}: {part.description.strip()}{off}"]
    if section.key == "coping":
        skill = f" (skill: {part.skill.title})" if part.skill_id else ""
        return [f"- {part.description.strip()}{skill}{off}"]
    if section.key == "contacts":
        relation = f" ({part.relationship})" if part.relationship else ""
        return [
            f"- {part.name}{relation}, {phone_display(part.phone)}{off}",
            *labelled_block("When to call", part.when_to_call, indent="  "),
        ]
    if section.key == "dates":
        every = ", every year" if part.recurs_yearly else ""
        lines = [
            f"- {part.label} ({part.get_kind_display()}), {long_date(part.on_date)}{every}{off}"
        ]
        if part.plan_for_the_day.strip():
            lines += labelled_block("Plan for the day", part.plan_for_the_day, indent="  ")
        return lines
    return [f"- {part.name}: {part.contact}{off}"]


def rp_plan_text(plan: RelapsePreventionPlan) -> str:
    """The plan exactly as the client and the clinician read and sign it."""
    if plan.signed_text:
        return plan.signed_text
    lines = [
        f"Relapse prevention plan, version {plan.version}",
        f"Client: {client_identity(plan.client)}",
        f"Program: {plan.program.name}",
    ]
    for section in SECTIONS.values():
        lines += ["", section.heading]
        parts = parts_of(plan, section)
        lines += [line for part in parts for line in _part_line(section, part)] or [EMPTY]
    off = "" if plan.what_others_do_in_client_copy else " (not on the client's copy)"
    lines += ["", f"What I want others to do when they see my warning signs{off}"]
    lines += [plan.what_others_do.strip() or EMPTY]
    return lines_text(lines)


@dataclass(frozen=True)
class DiffLine:
    kind: Literal["same", "added", "removed", "gap"]
    text: str

    @property
    def sign(self) -> str:
        return {"added": "+", "removed": "−", "same": " ", "gap": "…"}[self.kind]


def rp_plan_diff(
    old: RelapsePreventionPlan, new: RelapsePreventionPlan, context: int = 2
) -> list[DiffLine]:
    """What changed from one version's text to the next, with a little context around."""
    before, after = rp_plan_text(old).splitlines()[1:], rp_plan_text(new).splitlines()[1:]
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    lines: list[DiffLine] = []
    for index, group in enumerate(matcher.get_grouped_opcodes(context)):
        if index or group[0][1] > 0:
            lines.append(DiffLine("gap", "Unchanged lines not shown"))
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                lines += [DiffLine("same", text) for text in before[a1:a2]]
                continue
            lines += [DiffLine("removed", text) for text in before[a1:a2]]
            lines += [DiffLine("added", text) for text in after[b1:b2]]
    return lines


def rp_plan_sign_missing(plan: RelapsePreventionPlan) -> list[str]:
    missing = []
    if not parts_of(plan, SECTIONS["triggers"]):
        missing.append(NO_TRIGGER)
    if not parts_of(plan, SECTIONS["coping"]):
        missing.append(NO_COPING)
    return missing
