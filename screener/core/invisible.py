"""Invisible characters: the ones that change a name's code points but not how it looks.

A listed name with a zero-width space between every letter reads the same to the officer and
to the customer's ERP, but not to a matcher. Order text and list names both pass through
`strip_invisible` before matching; the orders side records what it removed as an input problem,
because a party name seeded with invisible characters is itself a red flag.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Beyond category Cf (format: ZWSP, ZWJ/ZWNJ, bidi controls, soft hyphen, BOM, word joiner,
# invisible times/plus, tag characters) these render as nothing or as blank space.
_ALSO_INVISIBLE = frozenset(
    [
        "\u034f",  # combining grapheme joiner (category Mn)
        "\u115f",  # Hangul choseong filler
        "\u1160",  # Hangul jungseong filler
        "\u3164",  # Hangul filler
        "\uffa0",  # halfwidth Hangul filler
        "\u17b4",  # Khmer vowel inherent aq
        "\u17b5",  # Khmer vowel inherent aa
        "\u180e",  # Mongolian vowel separator (Cf in old Unicode, Zs-like in new)
    ]
)
# Characters of category Cf that are part of real text: keep them.
_KEPT_FORMAT = frozenset(
    [
        "\u0600", "\u0601", "\u0602", "\u0603", "\u0604", "\u0605",  # Arabic number signs
        "\u06dd", "\u070f", "\u08e2", "\u110bd", "\u110cd",
    ]
)  # fmt: skip


@lru_cache(maxsize=4096)
def is_invisible(char: str) -> bool:
    """True for a character that shows as nothing: format controls and variation selectors."""
    if char in _KEPT_FORMAT:
        return False
    if char in _ALSO_INVISIBLE:
        return True
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:  # variation selectors
        return True
    return unicodedata.category(char) == "Cf"


@dataclass(frozen=True, slots=True)
class Stripped:
    text: str
    removed: tuple[str, ...]  # the invisible characters removed, in order of appearance

    @property
    def changed(self) -> bool:
        return bool(self.removed)

    def describe(self) -> str:
        """ "3 invisible characters (U+200B ZERO WIDTH SPACE x3)": for an input problem."""
        counts: dict[str, int] = {}
        for char in self.removed:
            counts[char] = counts.get(char, 0) + 1
        kinds = ", ".join(
            f"U+{ord(c):04X} {unicodedata.name(c, 'UNNAMED')}" + (f" x{n}" if n > 1 else "")
            for c, n in counts.items()
        )
        plural = "s" if len(self.removed) != 1 else ""
        return f"{len(self.removed)} invisible character{plural} ({kinds})"


def strip_invisible(text: str) -> Stripped:
    """`text` without its invisible characters, and which ones were removed."""
    if text.isascii():
        return Stripped(text, ())
    removed = tuple(c for c in text if is_invisible(c))
    if not removed:
        return Stripped(text, ())
    return Stripped("".join(c for c in text if not is_invisible(c)), removed)
