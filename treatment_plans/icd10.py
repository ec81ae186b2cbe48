"""The ICD-10-CM code list (CMS, public domain) as the maintained `simple-icd-10-cm` package
ships it: search for billable codes, and check a code before it is recorded.

The package parses the whole tabular list when imported (several seconds), so the list of
codes and descriptions it yields is kept in the shared cache; each process then loads it
from there once, and the package is imported only when the cache is empty.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from django.core.cache import cache

CODE_LIST = "ICD-10-CM April 1, 2026"
_CACHE_KEY = "icd10cm:april-2026:v1"
SEARCH_LIMIT = 20
CODE_LIKE = re.compile(r"^[A-Za-z][0-9][0-9A-Za-z]{0,5}\.?[0-9A-Za-z]{0,4}$")
# Abbreviations clinicians type, spelled out as the code list words them.
ABBREVIATIONS = {
    "ptsd": "post-traumatic stress",
    "mdd": "major depressive disorder",
    "gad": "generalized anxiety disorder",
    "adhd": "attention-deficit hyperactivity",
    "ocd": "obsessive-compulsive",
    "oud": "opioid dependence",
    "aud": "alcohol dependence",
    "sud": "dependence",
}


@dataclass(frozen=True)
class Code:
    code: str
    description: str


@dataclass(frozen=True)
class CodeIndex:
    billable: list[Code]  # leaves, in code order
    by_code: dict[str, Code]  # billable, keyed without the dot
    categories: dict[str, str]  # valid but not billable (chapters, blocks, categories)


def _build() -> tuple[list[tuple[str, str]], dict[str, str]]:
    import simple_icd_10_cm as cm  # slow import: only when the cache is empty

    billable, categories = [], {}
    for code in cm.get_all_codes(True):
        if cm.is_leaf(code):
            billable.append((code, cm.get_description(code)))
        else:
            categories[code.replace(".", "")] = cm.get_description(code)
    return billable, categories


@functools.cache
def code_index() -> CodeIndex:
    stored = cache.get(_CACHE_KEY)
    if stored is None:
        stored = _build()
        cache.set(_CACHE_KEY, stored, timeout=None)
    billable = [Code(code, description) for code, description in stored[0]]
    return CodeIndex(
        billable=billable,
        by_code={c.code.replace(".", ""): c for c in billable},
        categories=stored[1],
    )


def _bare(code: str) -> str:
    return code.strip().upper().replace(".", "")


def billable_code(code: str) -> Code:
    """The billable code as typed (with or without its dot), or ValueError saying why not."""
    index, bare = code_index(), _bare(code)
    if not bare:
        raise ValueError("Choose a diagnosis code.")
    if bare in index.by_code:
        return index.by_code[bare]
    if bare in index.categories:
        examples = [c.code for c in index.billable if c.code.replace(".", "").startswith(bare)]
        such_as = f", such as {', '.join(examples[:3])}" if examples else ""
        raise ValueError(
            f"{code.strip().upper()} ({index.categories[bare]}) is a category, not a billable "
            f"code: choose a more specific code{such_as}."
        )
    raise ValueError(f"{code.strip().upper()} is not an ICD-10-CM code.")


def _sort_key(code: Code) -> tuple[int, str]:
    # Behavioral health first (F), then factors such as Z63 family or Z65 legal problems.
    return ({"F": 0, "Z": 1}.get(code.code[0], 2), code.code)


@dataclass(frozen=True)
class SearchResult:
    codes: list[Code]
    total: int


def code_search(query: str, limit: int = SEARCH_LIMIT) -> SearchResult:
    """Billable codes whose code starts with the query, or whose description holds every word."""
    query = " ".join(query.split())
    if len(query) < 2:
        return SearchResult([], 0)
    index = code_index()
    if CODE_LIKE.match(query) and any(ch.isdigit() for ch in query):
        bare = _bare(query)
        found = [c for c in index.billable if c.code.replace(".", "").startswith(bare)]
    else:
        words = [ABBREVIATIONS.get(w, w) for w in query.casefold().split()]
        found = [c for c in index.billable if all(w in c.description.casefold() for w in words)]
        found.sort(key=_sort_key)
    return SearchResult(found[:limit], len(found))
