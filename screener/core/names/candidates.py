"""A query's candidate rows in the name index: the listed words near each query word, rows
credited with the weight of the query words they hold, and the ranking taken a part at a time.
`NameIndex` (name_index.py) scores what these hand it."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence

from screener.core.names import blocking
from screener.core.names.lookups import Rows, Words
from screener.core.names.normalize import NormalizedName, Role, skeleton
from screener.core.names.query_keys import QueryKeys
from screener.core.names.variants import variant_keys

# The first candidates taken hold at least this share of the query's rank weight: a name
# holding one word of four cannot reach the threshold; one word two letters off of two may.
RANK_SHARE = 0.3
# ... and a name scored as an organisation's or a vessel's this much: holding less than half
# of the query's words it cannot reach the threshold under those rules (a word the query has
# and the name lacks costs in full); rarity spreads the weights, so less than half is asked.
STRICT_RANK_SHARE = 0.4
_FEW_ROWS = 8  # posting lists this short are added up row by row (cheaper than setting up C)


class NearWords:
    """Listed words near a query word, memoised per index (order files repeat words)."""

    def __init__(
        self,
        postings: Mapping[str, Sequence[int]],
        block: Mapping[str, Sequence[int]],
        words: Sequence[str],
        generic: Mapping[str, Sequence[int]],
    ) -> None:
        self.postings = Rows(postings)  # word skeleton -> name rows, as met
        self._block = block  # deletion or prefix key -> indexes into `words`
        # The words of `postings`, in order (a mapped list's, through a memo).
        self._words = words if isinstance(words, list) else Words(words)
        self._generic = generic  # generic/legal words -> name rows
        self._memo: dict[tuple[str, str], dict[str, float]] = {}

    def __call__(self, word: str, text: str = "") -> dict[str, float]:
        """Listed words near `word` (a skeleton; `text`: as the query wrote it), each with how
        much it counts: 1 the same, 0.8 one edit or a variant, 0.6 further."""
        memo = self._memo
        got = memo.get((word, text))
        if got is None:
            if len(memo) >= blocking.SIMILAR_MEMO:
                memo.clear()
            got = memo[word, text] = self._find(word, text)
        return got

    def _find(self, word: str, text: str) -> dict[str, float]:
        postings, block, words = self.postings, self._block, self._words
        found: dict[str, float] = {}

        def near(listed: str, factor: float) -> None:
            if factor > found.get(listed, 0.0):
                found[listed] = factor

        if postings[word] is not None:
            near(word, 1.0)
        for key in variant_keys(word):  # "bill": "william"
            if postings[key] is not None:
                near(key, 0.8)
        for key in _fuzzy_keys(word):
            far = key.startswith(blocking.FAR)
            for at in block.get(key, ()):
                listed = words[at]
                if key.startswith(blocking.PREFIX) and not (
                    listed.startswith(word) or word.startswith(listed)
                ):
                    continue  # a shared prefix counts only when one word contains the other
                # Sounds alike: `matching` compares the words as written, which their
                # skeletons here no longer are ("ZIAD" is "zad"), so no check on them.
                sounds = key.startswith(blocking.SOUNDS)
                if not far or sounds or blocking.may_pair(word, listed):
                    near(listed, 0.6 if far else 0.8)
        for key in blocking.deletions2(word):  # two letters off, in a long word
            for at in block.get(key, ()):
                if blocking.may_pair(word, words[at]):
                    near(words[at], 0.6)
        for left, right in blocking.splits(text):  # run together: "OOOZARNITSA"
            left_listed = postings[left] is not None
            if left_listed:  # a first part, however short ("VEB" of "VEBINZHINIRING")
                near(left, 0.8)
            if postings[right] is not None and (
                len(right) >= blocking.LONG_PART or left_listed or left in self._generic
            ):
                near(right, 0.8)  # a short ending ("ING") only after a listed word
        return found


class Ranking:
    """One normalisation's candidate rows by the weight of the query words they hold, `limit`
    at a time: first the best of those holding a fair share of the most any row can hold,
    then on down whatever their share (sorted in full only then: most searches never ask)."""

    def __init__(
        self, acc: Mapping[int, float], best: float, limit: int, strict: Callable[[int], bool]
    ) -> None:
        """`strict(row)`: whether a row is scored by the rules of organisations and vessels,
        under which a query word missing costs more than in a person's name."""
        self._acc = acc
        self._floor = RANK_SHARE * best
        self._strict_floor = STRICT_RANK_SHARE * best
        self._strict = strict
        self._limit = limit
        self._at = 0
        self._sorted: list[int] | None = None

    def next_part(self) -> list[int]:
        acc = self._acc
        if self._sorted is None and self._at == 0:
            # The best `limit`, as the full order would rank them: a sort of the weights alone
            # (in C) gives the least weight among them; the rows holding as much are few.
            weights = sorted(acc.values(), reverse=True)[: self._limit]
            least = max(weights[-1] if weights else 0.0, self._floor)
            top = [row for row, weight in acc.items() if weight >= least]
            part = sorted(top, key=acc.__getitem__, reverse=True)[: self._limit]
            self._at = len(part)
            strict, floor = self._strict, self._strict_floor
            return [row for row in part if acc[row] >= floor or not strict(row)]
        if self._sorted is None:  # ranked as the first part was, ties and all
            self._sorted = sorted(acc, key=acc.__getitem__, reverse=True)
        part = self._sorted[self._at : self._at + self._limit]
        self._at += len(part)
        return part


def credit(acc: dict[int, float], rows: Sequence[int], weight: float) -> None:
    """Add `weight` to each of `rows` in `acc`: in C, not a loop per row (a common word's
    rows number thousands, at 20 times today's lists tens of thousands)."""
    if len(rows) <= _FEW_ROWS:  # nearly every key of a near word: a row or two
        for row in rows:
            acc[row] = acc.get(row, 0.0) + weight
    elif acc:
        added = map(weight.__add__, map(acc.get, rows, itertools.repeat(0.0)))
        acc.update(zip(rows, added, strict=True))
    else:
        acc.update(dict.fromkeys(rows, weight))


def _fuzzy_keys(word: str) -> Iterator[str]:
    """One-letter deletions (typos), a 4-letter prefix (run-together words), the consonants."""
    return blocking.block_keys(word)


# Keys too common to make a candidate alone weigh less than this share of the query's rarity.
_MIN_SHARE = 0.3


def credit_keys(
    norm: NormalizedName,
    found: QueryKeys,
    postings: Rows,
    generic: Mapping[str, Sequence[int]],
    acc: dict[int, float],
) -> float:
    """Credit each row in `acc` for the query's keys it holds (`found`'s rank weights);
    returns the most a row can get."""
    keys, ranks, best = found.keys, found.ranks, found.best_rank
    if not any(t.role is Role.NAME for t in norm.tokens):
        # Only generic words and legal forms: these are the whole name, so block on them.
        for tok in norm.tokens:
            best += 1.0
            credit(acc, generic.get(skeleton(tok.text), ()), 1.0)
        for key, weight in ranks.items():
            credit(acc, postings[key] or (), weight)
        return best
    # Keys held by thousands of names ("...TRADING", a common first name) that together
    # weigh less than a candidate needs: they only rank names that hold other keys.
    held = {key: postings[key] or () for key in ranks}
    big = [key for key, rows in held.items() if len(rows) > blocking.MANY_ROWS]
    ranking = sum(keys[key] for key in big) < _MIN_SHARE * found.best
    # The longest first: it fills the table without adding (`credit`).
    for key in sorted(held, key=lambda k: -len(held[k])):
        rows = held[key]
        if not (ranking and len(rows) > blocking.MANY_ROWS):
            credit(acc, rows, ranks[key])
    if ranking:
        for key in big:
            weight = ranks[key]
            for row in set(held[key]).intersection(acc):
                acc[row] += weight
    return best
