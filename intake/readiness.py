"""Trauma readiness (CLINICAL.md): may trauma processing (EMDR, CPT, PE) begin?

Processing starts only when each condition holds; the status lists what holds and what
is missing, so the plan page (treatment plans issue) can say why processing is held back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from intake.models.assessment import AffectTolerance, GroundingSkill, HomeStability, SelfHarm

DES_CAUTION = Decimal("30")


@dataclass
class Readiness:
    ready: bool
    label: str
    met: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def readiness_status(
    *,
    affect_tolerance: str,
    grounding_skill: str,
    self_harm: str,
    home_stability: str,
    des_score: Decimal | None,
    acute_suicide_risk: bool,
) -> Readiness:
    checks = [
        (
            affect_tolerance == AffectTolerance.ADEQUATE,
            "Tolerates distress and returns to baseline",
            "Affect tolerance not yet adequate",
        ),
        (
            grounding_skill == GroundingSkill.WORKING,
            "Has a working grounding or calm-place skill",
            "No reliable grounding skill yet",
        ),
        (
            des_score is not None and des_score < DES_CAUTION,
            f"DES-II {des_score} (below {DES_CAUTION})",
            "DES-II not given"
            if des_score is None
            else f"DES-II {des_score}: high dissociation, caution",
        ),
        (
            not acute_suicide_risk,
            "No acute suicide risk",
            "Acute suicide risk (open alert or high C-SSRS)",
        ),
        (self_harm == SelfHarm.NONE, "No active self-harm", "Self-harm active or not assessed"),
        (
            home_stability == HomeStability.STABLE,
            "Stable enough at home",
            "Home situation unstable or not assessed",
        ),
    ]
    met = [yes for ok, yes, _ in checks if ok]
    missing = [no for ok, _, no in checks if not ok]
    if missing:
        return Readiness(False, "Stabilization: not ready for trauma processing", met, missing)
    return Readiness(True, "Ready for trauma processing (to be confirmed by a supervisor)", met, [])
