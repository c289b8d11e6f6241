"""Goods by description and part number: which CHPL item an order line's words point to.

    terms = load_goods_terms()
    terms.describe("Kintex-7 FPGA XC7K325T-2FFG900C")
    -> (Candidate(hs="854239", item="FPGA", evidence=("fpga", "kintex", "part XC7K325T-2FFG900C")),)

The table `lists/goods_terms.csv` maps product terms (English, German, French, Russian) and
manufacturers' part-number schemes to CHPL HS-6 subheadings or 4-digit headings. Kinds:

- `term`: words matched whole, ignoring case, accents and punctuation; a word ending in `*`
  matches any ending ("Kugellager*" also finds "Kugellagern", "подшипник*" every case);
- `part`: a regular expression for a part number, matched as a whole token in the raw text;
- `not`: words that rule the row's code out ("light-emitting" for diodes, "mass" spectrometers),
  for this code and every code under or above it.

A match is a reason to look, not a classification: the verdict turns it into `review` when the
line has no usable HS code, or when its HS code says something else entirely.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Protocol

from screener.core.resources import ReferenceDataError, lists_dir, read_table
from screener.core.rules.hs import HsCode


class ChplLookup(Protocol):
    """Names a code's CHPL items: 'CHPL Tier 1 HS 8542.39 (Integrated circuits: other ...)'."""

    source: str

    def __call__(self, hs: str) -> str: ...


TERMS_FILE = "goods_terms.csv"
CHAPTERS_FILE = "hs_chapters.csv"
SOURCE = "goods terms"
_KINDS = ("term", "part", "not")
_WORD = r"[^\W_]"  # a letter or digit (any script)
_MEMO_SIZE = 20_000


def normalize_text(text: str) -> str:
    """' kintex 7 fpga ': case, accents and punctuation folded, words single-spaced."""
    return " " + " ".join(re.findall(rf"{_WORD}+", _fold(text))) + " "


@dataclass(frozen=True, slots=True)
class _Row:
    hs: str
    item: str
    kind: str
    pattern: str
    citation: tuple[str, ...]
    regex: re.Pattern[str]
    needle: str  # a literal every match contains: a cheap test before the regex


@dataclass(frozen=True, slots=True)
class Candidate:
    hs: str  # 6-digit subheading or 4-digit heading
    item: str  # "FPGA", "ball bearing": what the description names
    evidence: tuple[str, ...]  # the words and part numbers that matched
    citation: tuple[str, ...]

    @property
    def dotted(self) -> str:
        return self.hs if len(self.hs) == 4 else f"{self.hs[:4]}.{self.hs[4:]}"

    @property
    def has_part_number(self) -> bool:
        return any(e.startswith("part ") for e in self.evidence)


@dataclass(frozen=True, slots=True)
class GoodsTerms:
    rows: tuple[_Row, ...]
    chapters: dict[str, str]
    _memo: dict[str, tuple[Candidate, ...]] = field(default_factory=dict, compare=False)

    def chapter_title(self, chapter: str) -> str:
        return self.chapters.get(chapter, "")

    def describe(self, text: str) -> tuple[Candidate, ...]:
        """Likely CHPL codes for a description, strongest first ('' -> ())."""
        if not text.strip():
            return ()
        if text not in self._memo:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            self._memo[text] = self._describe(text)
        return self._memo[text]

    def _describe(self, text: str) -> tuple[Candidate, ...]:
        norm = normalize_text(text)
        upper = text.upper()
        found: dict[str, list[str]] = {}
        cites: dict[str, list[str]] = {}
        items: dict[str, str] = {}
        vetoed: list[str] = []
        for row in self.rows:
            haystack = text if row.kind == "part" else norm
            if row.needle and row.needle not in (upper if row.kind == "part" else norm):
                continue
            match = row.regex.search(haystack)
            if match is None:
                continue
            if row.kind == "not":
                vetoed.append(row.hs)
                continue
            shown = f"part {match.group(0)}" if row.kind == "part" else match.group(0).strip()
            evidence = found.setdefault(row.hs, [])
            if shown not in evidence:
                evidence.append(shown)
            cites.setdefault(row.hs, []).extend(c for c in row.citation if c not in cites[row.hs])
            items.setdefault(row.hs, row.item)
        codes = [
            hs for hs in found if not any(hs.startswith(v) or v.startswith(hs) for v in vetoed)
        ]
        # A subheading named outright makes its heading's generic word ("bearing") redundant.
        codes = [
            hs
            for hs in codes
            if len(hs) == 6 or not any(c.startswith(hs) for c in codes if c != hs)
        ]
        out = [Candidate(hs, items[hs], tuple(found[hs]), tuple(cites[hs])) for hs in codes]
        return tuple(sorted(out, key=_strength))


def _strength(c: Candidate) -> tuple[int, int, str]:
    return (0 if c.has_part_number else 1, 0 if len(c.hs) == 6 else 1, c.hs)


def load_goods_terms(folder: Path | None = None) -> GoodsTerms:
    """The term table and HS chapter titles from `folder` (default: the bundled `lists/`)."""
    return _default() if folder is None else _load(folder)


@cache
def _default() -> GoodsTerms:
    return _load(lists_dir())


def _load(folder: Path) -> GoodsTerms:
    path = folder / TERMS_FILE
    rows = []
    columns = ("hs", "item", "kind", "language", "pattern", "citation")
    for n, row in read_table(path, columns):
        hs, kind, pattern = row["hs"], row["kind"], row["pattern"]
        if not hs.isdigit() or len(hs) not in (4, 6):
            raise ReferenceDataError(path, f"column hs: {hs!r} is not 4 or 6 digits", row=n)
        if kind not in _KINDS:
            raise ReferenceDataError(path, f"column kind: {kind!r} (use term, part, not)", row=n)
        citation = tuple(c.strip() for c in row["citation"].split(";") if c.strip())
        if not pattern or not citation:
            raise ReferenceDataError(path, "pattern and citation are required", row=n)
        try:
            regex, needle = _compile(kind, pattern)
        except re.error as exc:
            raise ReferenceDataError(path, f"pattern {pattern!r}: {exc}", row=n) from None
        rows.append(_Row(hs, row["item"], kind, pattern, citation, regex, needle))
    chapters = {
        r["chapter"]: r["title"]
        for _, r in read_table(folder / CHAPTERS_FILE, ("chapter", "title"))
    }
    return GoodsTerms(tuple(rows), chapters)


def _compile(kind: str, pattern: str) -> tuple[re.Pattern[str], str]:
    if kind == "part":
        # Anchored at the start of a token; the rest of the ordering code (speed grade,
        # package, temperature range) is taken along so the reason shows the whole number.
        edge = r"[A-Za-z0-9\u0400-\u04FF]"
        regex = re.compile(rf"(?<!{edge})(?:{pattern})[A-Za-z0-9\u0400-\u04FF/-]*", re.IGNORECASE)
        prefix = re.match(r"[A-Za-z\u0400-\u04FF]{2,}", pattern)  # "STM32[A-Z]..." -> "STM"
        return regex, prefix.group(0).upper() if prefix else ""
    words = re.findall(rf"{_WORD}+\*?", _fold(pattern))
    if not words:
        raise re.error("no words")
    body = " ".join(
        re.escape(w[:-1]) + rf"{_WORD}*" if w.endswith("*") else re.escape(w) for w in words
    )
    needle = max((w.rstrip("*") for w in words), key=len)
    return re.compile(rf" {body} "), needle


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def candidates_text(candidates: Iterable[Candidate]) -> str:
    """ "an FPGA ('kintex', part XC7K325T)" for the first candidate, "; or ..." for more."""
    parts = []
    for c in candidates:
        said = ", ".join(e if e.startswith("part ") else f"'{e}'" for e in c.evidence[:3])
        parts.append(f"{c.item} ({said})")
    return "; or ".join(parts)


def described_findings(
    parsed: object, chpl_found: bool, description: str, terms: GoodsTerms, chpl: ChplLookup
) -> Iterator[tuple[str, str, str]]:
    """(finding code, text, source) for what the description says about the goods.

    `parsed` is the line's HsCode or HsProblem; `chpl_found`: the HS code is a CHPL item (or a
    heading holding some), in which case the description adds nothing the officer needs.
    """
    if chpl_found or not description.strip():
        return
    found = terms.describe(description)
    if not found:
        return
    likely = "; ".join(chpl(c.hs) for c in found[:3])
    names = candidates_text(found[:3])
    # The table, the naming scheme(s) behind the strongest candidate, the CHPL version.
    schemes = [c for c in found[0].citation if c != SOURCE][:2]
    source = "; ".join([SOURCE, *schemes, chpl.source])
    shown = description.strip()
    shown = shown if len(shown) <= 80 else shown[:77] + "..."
    if not isinstance(parsed, HsCode):
        text = (
            f"no usable HS code, but the description '{shown}' names {_a(names)}: likely {likely};"
            " classify the goods before release"
        )
        yield "goods_described", text, source
        return
    if any(parsed.digits.startswith(c.hs[:4]) for c in found):
        return  # same heading: a subheading slip, not a different kind of goods
    title = terms.chapter_title(parsed.chapter)
    what = f" (chapter {parsed.chapter}: {title})" if title else ""
    text = (
        f"HS {parsed.dotted}{what} but the description '{shown}' names {_a(names)}: likely"
        f" {likely}; check the classification (misdeclared goods are a diversion red flag)"
    )
    yield "hs_contradicts", text, source


def _a(phrase: str) -> str:
    return (
        "an " if phrase[:1].lower() in "aeiou" or phrase[:4] in ("FPGA", "MLCC", "IMU ") else "a "
    ) + phrase
