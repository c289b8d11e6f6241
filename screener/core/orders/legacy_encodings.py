"""Which legacy code page a CSV that is not UTF-8 was written in: Excel saves "CSV" in the
system's ANSI code page, so a Japanese office sends Shift-JIS, a Chinese one GBK, a Russian one
Windows-1251, and read as Windows-1252 their headers are noise and no column is found.

Each code page that decodes the file's head is scored first by how much of a header row its
text gives (the caller's `rank`: the header words are known in many languages), then by how
much it reads as one language: letters of one script count; symbols and controls in odd
places, case switching inside words and ideographs scattered one by one inside Latin words
(Windows-1252 text read as GBK) count against it. Windows-1252 wins ties: it is what most
exporters' systems write.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable

# (codec, what the note calls it), tie order first.
CANDIDATES = (
    ("cp1252", "Windows-1252, Western European"),
    ("cp1250", "Windows-1250, Central European"),
    ("cp1251", "Windows-1251, Cyrillic"),
    ("cp1253", "Windows-1253, Greek"),
    ("cp1254", "Windows-1254, Turkish"),
    ("cp932", "Shift-JIS, Japanese"),
    ("gb18030", "GBK, Simplified Chinese"),
    ("cp950", "Big5, Traditional Chinese"),
    ("cp949", "EUC-KR, Korean"),
)
_SCRIPT_GROUPS = {
    "HIRAGANA": "CJK", "KATAKANA": "CJK", "HALFWIDTH": "CJK", "FULLWIDTH": "CJK",
    "CJK": "CJK", "IDEOGRAPHIC": "CJK", "HANGUL": "HANGUL",
}  # fmt: skip
_COMMON = frozenset("€£¥°±§–—‘’‚“”„«»…•·×")  # non-ASCII signs real order files use


def guess_legacy(head: bytes, rank: Callable[[str], float] | None = None) -> tuple[str, str]:
    """(codec, note) for a head that is not valid UTF-8. `rank(text)`: how well the decoded
    head serves its reader (how much of a header row it finds), weighed first."""
    best, best_score = CANDIDATES[0], (float("-inf"), float("-inf"))
    for codec, label in CANDIDATES:
        try:
            text = head.decode(codec)
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not just a character cut by the head's end
                continue
            text = head[: exc.start].decode(codec)
        score = (rank(text) if rank else 0.0, _reads_as_text(text))
        if score > best_score:
            best, best_score = (codec, label), score
    return best[0], f"read as {best[1]} (not valid UTF-8)"


def _reads_as_text(text: str) -> float:
    scripts: Counter[str] = Counter()
    penalty = 0.0
    for at, ch in enumerate(text):
        if ch.isupper() and at and text[at - 1].islower():
            penalty += 1  # "РелЬфзт": Greek read as Cyrillic switches case inside words
        if ch.isascii():
            continue
        if ch.isalpha():
            script = _script(ch)
            scripts[script] += 1
            if script == "CJK" and _alone_in_latin(text, at):
                penalty += 2
        elif ch not in _COMMON and not ch.isspace():
            penalty += 3 if unicodedata.category(ch).startswith(("S", "P")) else 5
    top = scripts.most_common(1)[0][1] if scripts else 0
    mixed = sum(scripts.values()) - top  # letters of other scripts: mojibake mixes them
    return top - mixed - penalty


def _script(ch: str) -> str:
    word = unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
    return _SCRIPT_GROUPS.get(word, word)


def _alone_in_latin(text: str, at: int) -> bool:
    """An ideograph between ASCII letters: "M黮er" is Windows-1252's "Müller" read as GBK."""
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())
