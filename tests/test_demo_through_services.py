"""The demo writes through the real services, so it cannot drift from what the app does.

An AST scan of every demo module: a model written by hand (``<Model>.objects.create``,
``bulk_create``, ``update``, ``get_or_create``..., or ``<obj>.save()``) fails, unless the
row is one no service creates (listed below, each with its reason); and no demo module
reads ``timezone.localdate()``: the demo's days are the program's (``program.today()``).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRITES = {
    "create",
    "bulk_create",
    "bulk_update",
    "update",
    "update_or_create",
    "get_or_create",
    "create_user",
    "delete",
}
# (module, model, method): rows no service creates.
ALLOWED = {
    # The demo program and its staff: made by an administrator, not by the app's screens.
    ("iop/accounts/demo.py", "Program", "get_or_create"),
    ("iop/accounts/demo.py", "User", "create_user"),
    ("iop/accounts/demo.py", "Membership", "get_or_create"),
    # The rooms are the program's setup (the admin), not a service.
    ("scheduling/demo.py", "Room", "get_or_create"),
    # Standing safety flags of the kinds no service raises (only the suicide-risk flag comes
    # from the instruments' alerts).
    ("intake/demo_clients.py", "SafetyFlag", "create"),
}


def demo_modules() -> list[Path]:
    found = set(ROOT.glob("*/demo*.py")) | set((ROOT / "iop").glob("**/demo*.py"))
    return sorted(p for p in found if "tests" not in p.relative_to(ROOT).parts)


def _chain(node: ast.expr) -> list[str]:
    """``Room.objects.filter(x=1).update`` -> ["Room", "objects", "filter", "update"]."""
    names: list[str] = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            names.append(node.id)
            return names[::-1]
        else:
            return names[::-1]


def hand_writes(source: str) -> list[tuple[int, str, str]]:
    """(line, model or receiver, method) of each write that bypasses a service."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, chain = node.func.attr, _chain(node.func)
        if method in WRITES and "objects" in chain[:-1]:
            found.append((node.lineno, chain[chain.index("objects") - 1], method))
        elif method == "save":
            receiver = chain[-2] if len(chain) > 1 else "?"
            # A form saving what was typed is the view's own way of writing (consents).
            if not receiver.lower().endswith("form"):
                found.append((node.lineno, receiver, method))
    return found


def local_dates(source: str) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if (isinstance(node, ast.Attribute) and node.attr == "localdate")
        or (isinstance(node, ast.alias) and node.name == "localdate")
    ]


def _scan() -> dict[tuple[str, str, str], list[int]]:
    writes: dict[tuple[str, str, str], list[int]] = {}
    for path in demo_modules():
        module = path.relative_to(ROOT).as_posix()
        for line, model, method in hand_writes(path.read_text()):
            writes.setdefault((module, model, method), []).append(line)
    return writes


def test_the_scan_reads_the_demo_modules():
    modules = {p.relative_to(ROOT).as_posix() for p in demo_modules()}
    assert {"intake/demo_clients.py", "iop/accounts/demo.py", "scheduling/demo.py"} <= modules


def test_demo_modules_write_through_services():
    unexpected = {
        f"{module}:{lines[0]} {model}.{method}"
        for (module, model, method), lines in _scan().items()
        if (module, model, method) not in ALLOWED
    }
    assert not unexpected, f"Demo rows written by hand, not through a service: {unexpected}"


def test_each_allowance_is_still_needed():
    stale = ALLOWED - set(_scan())
    assert not stale, f"No longer written by hand: drop from ALLOWED: {stale}"


def test_demo_days_are_the_programs():
    found = {
        f"{p.relative_to(ROOT).as_posix()}:{line}"
        for p in demo_modules()
        for line in local_dates(p.read_text())
    }
    assert not found, f"timezone.localdate() in the demo (use program.today()): {found}"


def test_the_scan_finds_hand_writes():
    source = (
        "Client.objects.create(program=p)\n"
        "Episode.objects.filter(pk=1).update(x=1)\n"
        "episode.save()\n"
        "form.save()\n"
        "context.setdefault('x', set()).update({1})\n"
        "today = timezone.localdate()\n"
    )
    assert hand_writes(source) == [
        (1, "Client", "create"),
        (2, "Episode", "update"),
        (3, "episode", "save"),
    ]
    assert local_dates(source) == [6]
