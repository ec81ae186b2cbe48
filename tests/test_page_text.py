"""The page reader the view tests use must itself tell one element from another."""

from __future__ import annotations

import pytest

from tests.page_text import definitions, parse, rows

PAGE = """<main><p class="count">3 expected</p><img src="x.png">
<dl><div><dt>Record</dt><dd>R-1 <span>(old R-0)</span></dd></div><dt>Phone</dt><dd>555</dd></dl>
<table><tr><th>Name</th><th>Record</th></tr><tr><td><a href="/c/3">Ana</a></td><td>R-3</td></tr>
</table><textarea name="description">  Index
 trauma </textarea><p class="count">4 expected</p></main>"""


def test_an_elements_text_is_its_own_not_the_pages():
    page = parse(PAGE)
    assert [p.text for p in page.find_all("p", cls="count")] == ["3 expected", "4 expected"]
    assert page.one("textarea", name="description").text == "Index trauma"
    assert definitions(page) == {"Record": "R-1 (old R-0)", "Phone": "555"}
    assert rows(PAGE) == [["Name", "Record"], ["Ana", "R-3"]]


def test_one_refuses_none_and_several():
    page = parse(PAGE)
    with pytest.raises(AssertionError, match="found 2"):
        page.one("p", cls="count")
    with pytest.raises(AssertionError, match="found 0"):
        page.one("p", id="missing")
