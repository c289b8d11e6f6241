"""A Chinese organisation's name cut into its words: the generic and legal ones a table knows
(`lists/han_words.csv`: 有限公司, 科技, 集团, cities), and the name between them.

Chinese is written without spaces, so "华为技术有限公司" romanised character by character is
one word, "huaweijishuyouxiangongsi", that matches nothing but itself. Cut at the words the
table knows, it is "huawei jishu youxian gongsi": the legal form and the generic words are
read as such (`name_words.csv` maps "jishu" to technology), and "huawei" is left to match.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from screener.core.resources import lists_dir, read_table


@cache
def _table() -> tuple[dict[str, str], int]:
    words = {
        row["word"]: row["pinyin"]
        for _, row in read_table(lists_dir() / "han_words.csv", ("word", "pinyin"))
    }
    return words, max(map(len, words), default=0)


def cut_han_words(run: str, syllable: Callable[[str], str]) -> str | None:
    """The run in Latin: each known word as the table spells it, the characters between
    them one word (`syllable` romanises a character); None when the table knows none of its
    words (a person's name, or a word the table lacks)."""
    words, longest = _table()
    out: list[str] = []
    rest = ""
    i = 0
    while i < len(run):
        for n in range(min(longest, len(run) - i), 1, -1):
            if run[i : i + n] in words:
                if rest:
                    out.append(rest)
                    rest = ""
                out.append(words[run[i : i + n]])
                i += n
                break
        else:
            rest += syllable(run[i])
            i += 1
    if not out:
        return None  # no known word met
    if rest:
        out.append(rest)
    return " " + " ".join(out) + " "
