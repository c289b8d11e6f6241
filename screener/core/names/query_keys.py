"""The postings keys a query meets, and what a listed name holding each is credited.

Two weights per key. The rarity weight (idf) decides which keys are too common to make a
candidate alone (`name_index._accumulate`). The rank weight orders the candidates, and follows
the score: a name scores by how many of the query's words it matches, and a word's rarity only
lowers it, so a query word met counts about one whatever its rarity, and rarity adds at most as
much again. Ranked by rarity alone, a name holding one rare near word of a common query word
("RAED" for "SAYED") outranked the names holding two common words spelled right
("SA'ID, Mohamed" for "Moh ammad SAYED"), and a crowd of such names filled the candidates.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from screener.core.names import blocking
from screener.core.names.lookups import Rarity, Rows
from screener.core.names.normalize import NormalizedName, Role, skeleton

# What one distinctive query word credits: (key, rarity weight, rank weight) in order, the
# most of each it gives a row, and the keys it credited.
WordKeys = tuple[tuple[tuple[str, float, float], ...], float, float, tuple[str, ...]]
_ONLY_RANK = 0.5  # a one-word name misses no listed word: it ranks above long ones
_WHOLE_RANK = 0.3  # the start or end of the whole name run together: part of a word
_PATRONYMIC_RANK = 0.35  # as `matching` weighs a patronymic
_SHORT_PIECE = 3  # letters: a query word this short may be a piece of a split word


@dataclass(slots=True)
class QueryKeys:
    keys: dict[str, float] = field(default_factory=dict)  # key -> rarity weight
    ranks: dict[str, float] = field(default_factory=dict)  # key -> rank weight
    best: float = 0.0  # the most rarity weight a row can get
    best_rank: float = 0.0  # ... and rank weight, one-word bonus aside

    def credit(self, key: str, weight: float, rank: float) -> None:
        if weight > self.keys.get(key, 0.0):
            self.keys[key] = weight
        if rank > self.ranks.get(key, 0.0):
            self.ranks[key] = rank

    def cap(self, key: str, weight: float, rank: float) -> None:
        if key in self.keys:
            self.keys[key] = min(self.keys[key], weight)
            self.ranks[key] = min(self.ranks[key], rank)


def query_keys(
    norm: NormalizedName,
    postings: Rows,
    idf: Rarity,
    similar: Callable[[str, str], dict[str, float]],
    scale: float,
    memo: dict[tuple[str, str], WordKeys] | None = None,
) -> QueryKeys:
    """`similar(word, text)`: the listed words near a query word, each with a factor (1 the
    same, less for near ones); `scale`: the rarest word's weight; `memo`: what each query
    word gave, kept by the caller for these postings (queries repeat words)."""
    out = QueryKeys()

    def rank(factor: float, weight: float) -> float:
        return factor * (1.0 + weight / scale)

    tokens = norm.tokens
    bests: dict[int, tuple[float, float]] = {}  # token -> the most its near words give a row
    credited: dict[int, tuple[str, ...]] = {}  # token -> the keys its near words gave
    keys, ranks = out.keys, out.ranks
    for i, tok in enumerate(tokens):
        if tok.role is Role.PATRONYMIC:  # ranks, never the whole reason for a candidate
            key = blocking.PATRONYMIC + skeleton(tok.text)
            if postings[key] is not None:
                out.credit(key, 0.5 * idf[key], rank(_PATRONYMIC_RANK, idf[key]))
        if tok.role is not Role.NAME:
            continue
        word = skeleton(tok.text)
        got = None if memo is None else memo.get((word, tok.text))
        if got is None:
            got = _word_keys(word, tok.text, postings, idf, similar, rank)
            if memo is not None:
                if len(memo) >= blocking.SIMILAR_MEMO:
                    memo.clear()
                memo[word, tok.text] = got
        entries, word_best, rank_best, credited[i] = got
        for key, weight, ranked in entries:  # `out.credit`, inline: hot
            if weight > keys.get(key, 0.0):
                keys[key] = weight
            if ranked > ranks.get(key, 0.0):
                ranks[key] = ranked
        out.best += word_best
        out.best_rank += rank_best  # the share a candidate needs: of the words, bonus aside
        bests[i] = (word_best, rank_best)
        joined = blocking.JOINED + word  # "SAID" for a listed "SA-ID"
        if postings[joined] is not None:
            out.credit(joined, idf[joined], rank(1.0, idf[joined]))
    used: set[int] = set()
    for i, (a, b) in enumerate(itertools.pairwise(tokens)):  # split: "MARJ ORIE", any role
        joined = skeleton(a.text + b.text)
        short = 2 <= min(len(a.text), len(b.text)) <= _SHORT_PIECE
        listed_joined = postings[joined] is not None
        if not listed_joined and not short:
            continue
        # The word and its near words ("MOHAMED" for "MOH AMMAD", "ALLAH" for "AL HAQ"): two
        # query words matched. Looked up when the lists hold the word, or a piece is short.
        near = similar(joined, "")
        if listed_joined:
            near = {**near, joined: 1.0}
        if not near:
            continue
        cap = idf.get(joined, math.inf)
        joined_best = rank_best = 0.0
        for listed, factor in near.items():
            capped = min(idf[listed], cap)
            weight, ranked = capped * factor, 2 * rank(factor, capped)
            out.credit(listed, weight, ranked)
            if postings[blocking.ONLY + listed] is not None:
                out.credit(blocking.ONLY + listed, weight, _ONLY_RANK * ranked)
            joined_best, rank_best = max(joined_best, weight), max(rank_best, ranked)
        # Two pieces of one word: a row holding the word holds all the pair gives (the
        # pieces' own near words, "moh" and "ammad", would raise the bar) ...
        pieces = [bests.get(j, (0.0, 0.0)) for j in (i, i + 1)]
        piece_w, piece_r = sum(w for w, _ in pieces), sum(r for _, r in pieces)
        if i not in used and i + 1 not in used and piece_w > joined_best:
            out.best += joined_best - piece_w
            out.best_rank += rank_best - piece_r
            used.update((i, i + 1))
            # ... nor outrank the names holding the word ("MOH" of "MOH AMMAD").
            for key in (*credited.get(i, ()), *credited.get(i + 1, ())):
                out.cap(key, joined_best, rank_best / 2)
    for key in blocking.whole_keys(norm):
        if postings[key] is not None:
            out.credit(key, 0.5 * idf[key], rank(_WHOLE_RANK, idf[key]))
    return out


def _word_keys(
    word: str,
    text: str,
    postings: Rows,
    idf: Rarity,
    similar: Callable[[str, str], dict[str, float]],
    rank: Callable[[float, float], float],
) -> WordKeys:
    """The keys one distinctive query word credits, in order, and the most they give a row."""
    # A near word weighs no more than the word itself: a typo of a rare name must not
    # outrank the common names the query spells right ("SAYED", "MOHAMMAD").
    cap = idf.get(word, math.inf)
    entries: list[tuple[str, float, float]] = []
    credited: list[str] = []
    word_best = rank_best = 0.0
    for listed, factor in similar(word, text).items():
        capped = min(idf[listed], cap)
        weight, ranked = capped * factor, rank(factor, capped)
        entries.append((listed, weight, ranked))
        word_best, rank_best = max(word_best, weight), max(rank_best, ranked)
        only = blocking.ONLY + listed  # a one-word name: ranks above long ones
        if postings[only] is not None:
            entries.append((only, weight, _ONLY_RANK * ranked))
        credited.extend((listed, only))
    return tuple(entries), word_best, rank_best, tuple(credited)
