"""The import contract (pyproject.toml [tool.importlinter], docs/architecture.md) is checked by
the suite too, not only by `make lint`: an import that runs the wrong way between apps fails."""

from __future__ import annotations

import ast
import copy
from pathlib import Path
from typing import Any

import grimp
import pytest
from django.apps import apps
from importlinter.api import read_configuration
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.independence import IndependenceContract
from importlinter.contracts.layers import LayersContract
from importlinter.domain.contract import Contract

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_TYPES: dict[str, type[Contract]] = {
    "layers": LayersContract,
    "forbidden": ForbiddenContract,
    "independence": IndependenceContract,
}
CONFIG = read_configuration(str(ROOT / "pyproject.toml"))
SESSION, CONTRACTS = CONFIG["session_options"], CONFIG["contracts_options"]


def _contracts() -> list[Contract]:
    return [
        CONTRACT_TYPES[options["type"]](
            name=options["name"],
            session_options=SESSION,
            contract_options=options,
        )
        for options in CONTRACTS
    ]


@pytest.fixture(scope="module")
def graph() -> Any:
    return grimp.build_graph(*SESSION["root_packages"], cache_dir=None)


def _broken(graph: Any) -> list[str]:
    return [c.name for c in _contracts() if not c.check(copy.deepcopy(graph), verbose=False).kept]


def test_the_code_keeps_every_contract(graph: Any) -> None:
    assert _broken(graph) == [], "Run `lint-imports` to see the imports that break it."


def test_the_contract_names_every_app_of_the_project() -> None:
    ours = {
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(ROOT)
        and "site-packages" not in Path(config.path).resolve().parts
    }
    assert {"iop", "intake", "treatment_plans", "scheduling", "groups"} <= ours
    assert set(SESSION["root_packages"]) == ours
    (layers,) = [o for o in CONTRACTS if o["type"] == "layers"]
    layered = {name.strip() for layer in layers["layers"] for name in layer.split("|")}
    assert layered == ours
    # The kernel is the bottom layer, and a contract of its own forbids it every feature app.
    assert layers["layers"][-1] == "iop"
    (kernel,) = [
        o for o in CONTRACTS if o["type"] == "forbidden" and o["source_modules"] == ["iop"]
    ]
    assert set(kernel["forbidden_modules"]) == ours - {"iop"}
    # No exception anywhere: a lower app hears from a higher one through registries.
    assert all("ignore_imports" not in o for o in CONTRACTS)


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("groups.services", "scheduling.models"),  # groups sits below scheduling
        ("treatment_plans.services.reviews", "scheduling.models"),
        ("groups.views", "treatment_plans.models"),  # groups and plans are independent
        ("treatment_plans.models", "groups.models"),
        ("intake.models", "treatment_plans.models"),
        ("scheduling.models", "family.models"),  # family sits above scheduling
        ("relapse_prevention.models", "family.models"),  # and above relapse prevention
        ("iop.dashboard.views", "intake.services.alerts"),  # the kernel, through registries
        ("iop.reports.clinical.content", "scheduling.models"),  # reports too
        ("iop.reports.clinical.disclosure", "intake.models"),
    ],
)
def test_an_import_the_wrong_way_breaks_the_contract(
    graph: Any, importer: str, imported: str
) -> None:
    wrong = copy.deepcopy(graph)
    wrong.add_import(importer=importer, imported=imported, line_number=1, line_contents="import")
    assert _broken(wrong)


# ---------------------------------------------------------------- access: one module per app

ACCESS_DECISIONS = {"get_object_or_404", "get_list_or_404", "program_ids_with"}
WITHOUT_ACCESS_MODULE = {
    # The project's root: the home page, the no-role page and the health check, which show no
    # record of any program; its urls.py only includes the apps' own.
    "iop",
}


def _our_packages() -> list[Path]:
    return [
        path.parent
        for root in SESSION["root_packages"]
        for path in sorted((ROOT / root).rglob("__init__.py"))
        if "migrations" not in path.relative_to(ROOT).parts
    ]


def _has_pages(package: Path) -> bool:
    return any((package / name).exists() for name in ("urls.py", "views.py", "views"))


def _views_and_services(package: Path) -> list[Path]:
    """The package's own views and services modules, and every module of such a package."""
    modules = [*package.glob("*views.py"), *package.glob("services.py")]
    for name in ("views", "services"):
        if (package / name / "__init__.py").exists():
            modules += (package / name).rglob("*.py")
    return sorted(modules)


def _access_decisions(module: Path) -> list[str]:
    """Calls that decide access (``get_object_or_404(...)``, ``permissions.program_ids_with
    (...)``), as ``path:line name``."""
    found = []
    for node in ast.walk(ast.parse(module.read_text(), str(module))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name in ACCESS_DECISIONS:
            found.append(f"{module.relative_to(ROOT)}:{node.lineno} {name}")
    return found


def test_views_and_services_decide_access_in_the_apps_access_module() -> None:
    """Who may fetch a record, and in which programs, is written once in the app's
    access.py and called by its views and its services alike (docs/architecture.md)."""
    inline = [
        found
        for package in _our_packages()
        if (package / "access.py").exists()
        for module in _views_and_services(package)
        for found in _access_decisions(module)
    ]
    assert inline == [], "Move these into the app's access.py as named helpers."


def test_every_package_with_pages_has_an_access_module() -> None:
    missing = [
        str(package.relative_to(ROOT))
        for package in _our_packages()
        if _has_pages(package) and not (package / "access.py").exists()
    ]
    assert sorted(set(missing) - WITHOUT_ACCESS_MODULE) == []
    # An exception that has since gained its access module is taken off the list.
    assert WITHOUT_ACCESS_MODULE <= set(missing)
