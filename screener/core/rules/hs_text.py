"""HS cells that hold more than a code: the code's text cleaned before it is read, a code with
its description after it, several codes in one cell.

    tidy("８５４２．３１")                 -> "8542.31"   (full-width digits of CJK input)
    tidy("'854231")                      -> "854231"    (Excel's text marker kept by an export)
    tidy("8542,31")                      -> "8542.31"   (a decimal comma)
    leading_code("854231 - Processors")  -> ("854231", "- Processors")
    several_codes("8542.31/8542.32")     -> ("8542.31", "8542.32")
"""

from __future__ import annotations

import re
import unicodedata

# A code (4+ digits, with the separators codes are written with) and then words: a dash,
# colon or bracket, or a space before a letter ("8542.31 Processors").
_CODE_THEN_TEXT = re.compile(r"(\d[\d.\s\-]*\d)\s*(?:[-–—:(]\s*|\s+)(?=[^\W\d_])(.*\S)", re.S)
_LIST = re.compile(r"\s*(?:[;,|/+&]|\s[-–—]\s|\band\b|\bund\b|\bet\b)\s*", re.IGNORECASE)
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")  # "8542,31" as a European number format writes it


def tidy(text: str, *, decimal_comma: bool = True) -> str:
    text = unicodedata.normalize("NFKC", text).strip()
    text = text[1:].lstrip() if text.startswith("'") else text
    return _DECIMAL_COMMA.sub(".", text) if decimal_comma else text


def leading_code(text: str) -> tuple[str, str] | None:
    """(code, the text after it) when `text` starts with a code of 4+ digits and goes on in
    words; None otherwise."""
    m = _CODE_THEN_TEXT.fullmatch(text)
    if m is None or sum(ch.isdigit() for ch in m[1]) < 4:
        return None
    return m[1].strip(), m[2]


def several_codes(text: str) -> tuple[str, ...]:
    """The pieces of a cell listing codes ("8542.31; 8542.32", "854231/854232"); one piece when
    it lists nothing."""
    return tuple(p for p in _LIST.split(text) if p)
