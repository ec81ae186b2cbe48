"""The plan page's trauma processing panel, registered with treatment_plans.panels."""

from __future__ import annotations

from treatment_plans.panels import PlanPanel, register_panel


def register() -> None:
    from relapse_prevention.views.processing import processing_panel_context

    # After the gate panel (10): readiness first, then how processing is going.
    register_panel(
        PlanPanel(
            "trauma_processing",
            15,
            "relapse_prevention/processing/_panel.html",
            processing_panel_context,
        )
    )
