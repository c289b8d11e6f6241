"""Word rarity in the score: a word many listed names share tells less than a rare one.

The index knows how many listed names hold each word. A query and a listed name that agree
on "GLOBAL" and differ in "ZENITH" / "ORBIT" agree on little: "global" is in hundreds of
listed names. The token score is computed again with each distinctive word weighed down by
how common it is, and the lower of the two is the score, so rarity only ever lowers a score
(the reach filter's bound stays valid).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

from screener.core.names.normalize import Role, Token

RARE_NAMES = 10
"""A word in this many listed names or fewer weighs fully."""
_FLOOR = 0.35  # a very common distinctive word weighs like a generic one
_SLOPE = 0.2  # weight lost each time the number of names doubles beyond RARE_NAMES


def rarity_factor(names: int) -> float:
    """Weight factor of a word found in `names` listed names."""
    if names <= RARE_NAMES:
        return 1.0
    return max(_FLOOR, 1.0 - _SLOPE * math.log2(names / RARE_NAMES))


def rarity_score(
    qt: Sequence[Token],
    ct: Sequence[Token],
    aligned: Iterable[tuple[tuple[int, ...], tuple[int, ...], float]],
    weights: dict[Role, float],
    extra: float,
    missing: float,
    frequency: Callable[[str], int],
) -> tuple[float, tuple[str, ...]]:
    """The token score with distinctive words weighed by rarity, and the common words seen.

    `aligned`: (query indexes, listed indexes, similarity) of each aligned pair; `extra` and
    `missing`: the cost factors of unaligned query and listed words, as in the token score.
    """
    common: dict[str, None] = {}

    def weight(tok: Token) -> float:
        base = weights[tok.role]
        if tok.role is not Role.NAME:
            return base
        factor = rarity_factor(frequency(tok.text))
        if factor < 1.0:
            common[tok.source] = None
        return base * factor

    wq = [weight(t) for t in qt]
    wc = [weight(t) for t in ct]
    matched = total = 0.0
    q_done: set[int] = set()
    c_done: set[int] = set()
    for q, c, sim in aligned:
        both = sum(wq[i] for i in q) + sum(wc[j] for j in c)
        matched += sim * both
        total += both
        q_done.update(q)
        c_done.update(c)
    total += extra * sum(w for i, w in enumerate(wq) if i not in q_done)
    total += missing * sum(w for j, w in enumerate(wc) if j not in c_done)
    return (matched / total if total else 0.0), tuple(common)
