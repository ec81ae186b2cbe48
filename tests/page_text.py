"""Reading a page the way a user does: the text of one element, not a string found anywhere.

A number, a date or a record number can turn up anywhere in a page (a link, a hidden field,
another row), so a test of what the page shows looks inside the element that shows it. The
standard library's parser is enough for our own templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The element's text as read, runs of whitespace as one space."""
        return " ".join(self._raw().split())

    def _raw(self) -> str:
        return " ".join(c if isinstance(c, str) else c._raw() for c in self.children)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> list[Element]:
        found: list[Element] = []
        for child in self.children:
            if isinstance(child, Element):
                found += [child, *child.iter()]
        return found

    def find_all(self, tag: str = "", *, cls: str = "", **attrs: str) -> list[Element]:
        """Elements by tag, by one of their classes and by exact attributes (id=, name=)."""
        return [
            e
            for e in self.iter()
            if (not tag or e.tag == tag)
            and (not cls or cls in e.classes())
            and all(e.attrs.get(k) == v for k, v in attrs.items())
        ]

    def one(self, tag: str = "", *, cls: str = "", **attrs: str) -> Element:
        """The single matching element; a test fails if there is none or more than one."""
        found = self.find_all(tag, cls=cls, **attrs)
        assert len(found) == 1, f"expected one <{tag or '*'} {cls} {attrs}>, found {len(found)}"
        return found[0]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str | bytes) -> Element:
    builder = _Builder()
    builder.feed(html.decode() if isinstance(html, bytes) else html)
    builder.close()
    return builder.root


def definitions(html: str | bytes | Element) -> dict[str, str]:
    """Each ``<dt>`` term's text and the text of the ``<dd>`` that follows it."""
    root = html if isinstance(html, Element) else parse(html)
    pairs: dict[str, str] = {}
    for dl in root.find_all("dl"):
        term = None
        for element in dl.iter():
            if element.tag == "dt":
                term = element.text
            elif element.tag == "dd" and term is not None:
                pairs[term] = element.text
                term = None
    return pairs


def rows(html: str | bytes | Element) -> list[list[str]]:
    """The text of each cell, row by row, of every table row on the page."""
    root = html if isinstance(html, Element) else parse(html)
    return [
        [cell.text for cell in tr.iter() if cell.tag in ("td", "th")] for tr in root.find_all("tr")
    ]
