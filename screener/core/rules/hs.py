"""HS codes as order files hold them: text with dots or spaces, or numbers Excel has mangled.

    parse_hs("8542.31")  -> HsCode(digits="854231")
    parse_hs(90121)      -> HsCode(digits="090121", restored="... leading zero ...")
    parse_hs("85A2")     -> HsProblem(kind="malformed", ...)

A bad value is returned as an `HsProblem`, never raised: one odd cell must not stop a run,
and the verdict turns the problem into a finding the officer sees.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from screener.core.rules import hs_text

ProblemKind = Literal["missing", "malformed", "too_short", "too_long", "unknown_chapter"]

MIN_DIGITS = 4  # a heading; a chapter alone says too little to screen
MAX_DIGITS = 10  # HS-6 + national digits (EU CN 8, TARIC/US HTS 10)
_PREFIX = re.compile(r"^\s*(?:hs|hts|cn|taric)\s*(?:code)?\s*[:#]?\s*", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s.\-/]+")
_NUMBER_AS_TEXT = re.compile(r"^(\d{5,})\.0$")  # "854231.0": a float written out as text
# Chapter 77 is reserved for future use; 98 and 99 are national special chapters, not HS.
_CHAPTERS = frozenset(range(1, 98)) - {77}


@dataclass(frozen=True, slots=True)
class HsCode:
    digits: str  # 4 to 10 digits, even count, leading zeros kept
    raw: str  # the value as the file held it
    restored: str = ""  # how a mangled value was repaired, in words ("" if untouched)

    @property
    def chapter(self) -> str:
        return self.digits[:2]

    @property
    def heading(self) -> str:
        return self.digits[:4]

    @property
    def hs6(self) -> str | None:
        return self.digits[:6] if len(self.digits) >= 6 else None

    @property
    def dotted(self) -> str:
        """`8542.31`, `8542.31.90`, `8542.31.90.00`: heading, then pairs."""
        rest = self.digits[4:]
        pairs = [rest[i : i + 2] for i in range(0, len(rest), 2)]
        return ".".join([self.heading, *pairs])


@dataclass(frozen=True, slots=True)
class HsProblem:
    raw: str
    kind: ProblemKind
    reason: str  # plain language, names the value


def parse_hs(raw: str | int | float | None) -> HsCode | HsProblem:
    if raw is None or isinstance(raw, bool):
        return _missing("") if raw is None else _bad(str(raw), "is not an HS code")
    if isinstance(raw, float):
        return _from_float(raw)
    if isinstance(raw, int):
        if raw <= 0:
            return _bad(str(raw), "is not an HS code")
        return _from_digits(str(raw), raw=str(raw))
    text = str(raw).strip()
    if not text:
        return _missing(text)
    tidied = hs_text.tidy(text)
    found = _from_text(tidied, raw=text)
    if isinstance(found, HsCode) or found.kind == "missing":
        return found
    return _several_codes(text) or _code_then_words(text, tidied) or found


def _several_codes(text: str) -> HsProblem | None:
    """ "8542.31; 8542.32": named as several codes, not as one code of 12 digits."""
    pieces = hs_text.several_codes(_PREFIX.sub("", hs_text.tidy(text, decimal_comma=False)))
    codes = [_from_text(piece, raw=piece) for piece in pieces] if len(pieces) > 1 else []
    if not codes or not all(isinstance(c, HsCode) for c in codes):
        return None
    listed = ", ".join(c.dotted for c in codes if isinstance(c, HsCode))
    return _bad(text, f"holds {len(codes)} codes ({listed}): give one code per line")


def _code_then_words(text: str, tidied: str) -> HsCode | None:
    """ "854231 - Processors": the code, and the officer told the words were left out."""
    lead = hs_text.leading_code(_PREFIX.sub("", tidied))
    code = _from_text(lead[0], raw=text) if lead else None
    if lead is None or not isinstance(code, HsCode):
        return None
    how = f"read {text!r} as HS {code.dotted}: the words after the code ({lead[1]!r}) left out"
    return HsCode(code.digits, text, code.restored or how)


def _from_text(text: str, *, raw: str) -> HsCode | HsProblem:
    as_number = _NUMBER_AS_TEXT.match(text)
    if as_number:
        return _from_digits(as_number[1], raw=raw)
    body = _PREFIX.sub("", text)
    groups = [g for g in _SEPARATORS.split(body) if g]
    if not groups:
        return _missing(raw)
    if not any(ch.isdigit() for ch in body):
        return _bad(raw, "has no digits")  # "tbd", "n/a": a placeholder, not a code
    for group in groups:
        if not group.isdigit():
            bad = next(ch for ch in group if not ch.isdigit())
            return _bad(raw, f"contains {bad!r}; an HS code has only digits, dots and spaces")
    digits = "".join(groups)
    if len(groups) > 1 and len(groups[0]) % 2 == 0 and len(digits) % 2:
        # "8542.3": the heading is intact, so the odd count is a missing digit at the end,
        # not Excel's dropped leading zero; guessing it would be inventing a subheading.
        why = f"has {len(digits)} digits: an odd count after a full heading means one is missing"
        return _bad(raw, why)
    return _from_digits(digits, raw=raw)


def _from_float(value: float) -> HsCode | HsProblem:
    raw = repr(value)
    if math.isnan(value):
        return _missing("")
    if value <= 0 or math.isinf(value):
        return _bad(raw, "is not an HS code")
    if value.is_integer():
        return _from_digits(str(int(value)), raw=str(int(value)))
    # 8542.31 typed into a number cell: the integer part is the heading, the fraction the
    # subheading; Excel drops a trailing zero (8542.30 -> 8542.3) and a leading one (0901 -> 901).
    head, _, tail = f"{value:.6f}".rstrip("0").partition(".")
    notes = []
    if len(head) == 3:
        head = "0" + head
        notes.append(f"the leading zero of chapter {head[:2]}")
    if len(head) != 4:
        return _bad(raw, "is a decimal number that is not a heading.subheading")
    if len(tail) % 2:
        tail += "0"
        notes.append("a trailing zero of the subheading")
    code = _from_digits(head + tail, raw=raw)
    if isinstance(code, HsCode) and notes:
        how = (
            f"read the number {raw} as HS {code.dotted}: restored "
            + " and ".join(notes)
            + ", which Excel drops from number cells"
        )
        return HsCode(code.digits, raw, how)
    return code


def _from_digits(digits: str, *, raw: str) -> HsCode | HsProblem:
    restored = ""
    if len(digits) > MAX_DIGITS:
        return HsProblem(
            raw, "too_long", f"HS {raw!r} has {len(digits)} digits; HS codes have at most 10"
        )
    if len(digits) % 2 and len(digits) >= 3:
        # HS codes have an even number of digits; Excel stores 0901.21 as the number 90121.
        fixed = "0" + digits
        restored = (
            f"read {raw} as HS {_dot(fixed)}: it has {len(digits)} digits and HS codes have an"
            f" even number, so the leading zero of chapter {fixed[:2]} was restored"
            " (Excel drops it when the cell holds a number)"
        )
        digits = fixed
    if len(digits) < MIN_DIGITS:
        return HsProblem(raw, "too_short", f"HS {raw!r} is too short: give at least 4 digits")
    if int(digits[:2]) not in _CHAPTERS:
        return HsProblem(
            raw,
            "unknown_chapter",
            f"HS {raw!r} starts with chapter {digits[:2]}, which is not an HS chapter (01-97)",
        )
    return HsCode(digits, raw, restored)


def _dot(digits: str) -> str:
    return HsCode(digits, digits).dotted


def _missing(raw: str) -> HsProblem:
    return HsProblem(raw, "missing", "no HS code given")


def _bad(raw: str, why: str) -> HsProblem:
    return HsProblem(raw, "malformed", f"HS {raw!r} {why}")
