"""Accessibility audits with axe-core (the npm package; `npm ci` installs it).

The page must come from a context opened with ``bypass_csp=True`` (the ``axe_page``
fixture): the app's CSP rightly blocks an injected script, and the test must not weaken it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = ("serious", "critical")
# axe's default rules (WCAG 2.x A and AA, plus best practice); only violations come back.
RUN_OPTIONS = {"resultTypes": ["violations"]}


def axe_violations(page: Page) -> list[dict[str, Any]]:
    if not AXE_JS.exists():
        raise FileNotFoundError(f"{AXE_JS} is missing: run `npm ci` at the repository root.")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate("(options) => axe.run(document, options)", RUN_OPTIONS)
    return results["violations"]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        impact, rule, help_text = violation["impact"], violation["id"], violation["help"]
        lines.append(f"[{impact}] {rule}: {help_text} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n       ")
            if summary:
                lines.append(f"       {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail on any serious or critical axe violation, listing each one readably."""
    serious = [v for v in axe_violations(page) if v["impact"] in FAILING_IMPACTS]
    assert not serious, f"axe found {len(serious)} serious problem(s) on {page.url}:\n" + describe(
        serious
    )
