"""The reach filter: which listed names cannot reach a score, decided without aligning them.

The index hands the scorer ~90 candidates per query that share a word with it; nearly all
differ in the rest. `ReachFilter.could_reach` bounds the token score of `matching` from above
(every word with any possible partner, variants of a name or number included, counts as
matched, every other as extra or missing, the no-distinctive-word cap when no pair can reach
0.75; the caps of `conflicts` only lower a score) and checks the run-together score as
`matching` computes it, so the names it drops are exactly those that would score below the
threshold. It follows `matching`'s rules, and reads its private helpers for that reason.

Cheap by construction: the partners of each query word are found once per query and kind (one
C search over the vocabulary of that kind's candidates, `reach_words`; a pair the scorer's edit
allowance rules out is not asked, `edit_allowance`), and kept as a table from each listed word to
the query words it may pair with (a bit mask); a candidate then costs a look-up per word and
per pair of neighbouring words, and a sum.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rapidfuzz.fuzz import ratio

from screener.core.names.abbreviations import abbreviates
from screener.core.names.edit_allowance import may_be_alike
from screener.core.names.matching import (
    _NO_DISTINCTIVE_CAP,
    _PERSON,
    _digits,
    _params,
    _token_similarity,
    _word,
    short_form,
)
from screener.core.names.normalize import NormalizedName, Role, skeleton
from screener.core.names.reach_shapes import CandidateWords, NameShape, name_shape
from screener.core.names.reach_words import QueryWords

__all__ = [
    "FEW_TO_FILTER",
    "CandidateWords",
    "NameShape",
    "ReachFilter",
    "candidate_words",
    "name_shape",
]

# A score is rounded to 4 decimals before it meets the threshold: a bound this far below it
# may still round up to it.
_ROUNDING = 1e-4
FEW_TO_FILTER = 3  # scoring this many names costs less than building a filter for them
_Info = tuple[int, bool, bool]  # query tokens paired (bit mask), a strong pair with a query
#   distinctive word, a strong pair at all
_NONE: _Info = (0, False, False)
_JOINED_MIN = 6  # letters run together below which `_joined_score` is zero
_NAME, _LEGAL = Role.NAME.value, Role.LEGAL.value


class ReachFilter:
    """For one query and kind, the listed names that cannot reach a score, found cheaply.

    An upper bound of the token score: every word with any possible partner in the other name
    (the same word, the same spelling skeleton, within the typo allowance, an initial, or one
    half of a run-together pair) counts as matched with similarity 1, every other word as extra
    or missing; the no-distinctive-word cap applies when no word pair can reach 0.75. The
    run-together score is checked as it is computed. Names it lets through are scored in full,
    so results are the same as without it, at a fraction of the cost: most candidates from the
    index share one word with the query and differ in the rest.
    """

    def __init__(self, q: NormalizedName, kind: str | None, candidates: CandidateWords) -> None:
        """`candidates`: the words of every name to be filtered."""
        p = self._p = _params(kind)
        self._q = q
        self._person = p is _PERSON
        self._slack = p.max_edits[2]  # `_run_together` pairs no words further apart in length
        qt = q.tokens
        self._weights = {role.value: weight for role, weight in p.weights.items()}
        self._q_weights = [p.weights[t.role] for t in qt]
        self._q_total = sum(self._q_weights)
        self._q_has_name = any(t.role is Role.NAME for t in qt)
        self._q_generic = [i for i, t in enumerate(qt) if t.role is Role.GENERIC]
        self._q_joined = "".join(t.text for t in qt if t.role is Role.NAME)
        self._q_joined_long = len(self._q_joined) >= _JOINED_MIN
        self._q_joined_key = skeleton(self._q_joined)
        self._q_digits = _digits(self._q_joined)
        self._joined_cutoff = p.joined_min * 100.0
        self._matched_q: dict[int, float] = {}
        self._shorts: dict[str, int] = {}
        self._bounds: dict[NameShape, float] = {}
        words = candidates.words
        # Listed word -> what it may pair with: as any word, and as a legal form (which
        # `_run_together` never pairs with two query words run together).
        legal: dict[str, _Info] = {}
        for i, a in enumerate(qt):
            for b, strong in self._partners(words, a.text, a.role, short_form(a)):
                _mark(legal, b, 1 << i, strong and a.role is Role.NAME, strong)
        self._legal_info = legal
        self._word_info = dict(legal)
        as_written = [_word(t) for t in qt]
        for k in range(len(qt) - 1):  # a listed word against two query words run together
            joined = as_written[k] + as_written[k + 1]
            named = Role.NAME in (qt[k].role, qt[k + 1].role)
            for b, sim in self._run_together(words, joined):
                _mark(self._word_info, b, 3 << k, sim >= 0.75 and named, sim >= 0.75)
        self._found = self._word_info.keys()  # every listed word with a partner
        self._pair_info: dict[str, _Info] = {}
        for i, a in enumerate(qt):  # two listed words run together against a query word
            if a.role is not Role.LEGAL:
                for b, sim in self._run_together(candidates.pairs, a.text):
                    strong = sim >= 0.75
                    _mark(self._pair_info, b, 1 << i, strong and a.role is Role.NAME, strong)

    def _partners(
        self, words: QueryWords, text: str, role: Role, short: str
    ) -> Iterable[tuple[str, bool]]:
        """The vocabulary words one query word may pair with, and whether strongly (>= 0.75)."""
        if role is Role.LEGAL or role is Role.STOP:
            return ((text, True),)  # paired only when equal
        max_edits, person = self._p.max_edits, self._person
        found = words.found(text, short)
        if person:
            found = {**found, **words.found_person(text)}
        out: dict[str, bool] = {}
        for b, edits in found.items():
            if not may_be_alike(text, b, edits, max_edits, person):
                continue  # nearly all: certainly zero, not worth asking
            sim = _token_similarity(text, b, max_edits, person)[0]
            if sim > 0.0:
                out[b] = sim >= 0.75
            if short and abbreviates(short, b):
                out[b] = True
        if text in words.words:
            out[text] = True
        return out.items()

    def _run_together(self, words: QueryWords, text: str) -> Iterable[tuple[str, float]]:
        """Words of `words` that `_run_together` may pair with `text`: near in length."""
        max_edits, person, slack = self._p.max_edits, self._person, self._slack
        found = words.found(text)
        if person:
            found = {**found, **words.found_person(text)}
        for b, edits in found.items():
            if abs(len(b) - len(text)) <= slack and may_be_alike(text, b, edits, max_edits, person):
                sim = _token_similarity(text, b, max_edits, person)[0]
                if sim > 0.0:
                    yield b, sim

    def could_reach(
        self, c: NormalizedName, threshold: float, shape: NameShape | None = None
    ) -> bool:
        """False only when `c` certainly scores below `threshold` against the query."""
        return self.reaches(shape or name_shape(c), threshold)

    def reaches(self, shape: NameShape, threshold: float) -> bool:
        """`could_reach` for the name of `shape`."""
        return self.reaching((shape,), threshold)[0]

    def reaching(self, shapes: Sequence[NameShape], threshold: float) -> list[bool]:
        """`reaches` for each of `shapes`, in one loop (hot: every candidate of a search)."""
        floor = threshold - _ROUNDING
        if not self._q.tokens:
            return [threshold <= 0.0] * len(shapes)
        bounds, bound_of = self._bounds, self._bound
        out = []
        for shape in shapes:
            bound = bounds.get(shape)  # the index keeps one shape per distinct name
            if bound is None:
                if not shape.texts:
                    out.append(threshold <= 0.0)
                    continue
                bound = bounds[shape] = bound_of(shape)
            out.append(bound >= floor)
        return out

    def _bound(self, shape: NameShape) -> float:
        # Hot: once per candidate name. The parts that rarely apply are skipped whole.
        if (
            self._q_joined_long
            and len(shape.joined) >= _JOINED_MIN
            and shape.joined_digits == self._q_digits
            and ratio(self._q_joined_key, shape.joined_key, score_cutoff=self._joined_cutoff)
            >= self._joined_cutoff
        ):
            return 1.0  # the run-together score may be above zero, and is not bounded here
        pair_info = self._pair_info
        texts = shape.texts
        pairs = bool(pair_info) and not pair_info.keys().isdisjoint(shape.pair_texts)
        if self._found.isdisjoint(texts) and not pairs and not (self._q_generic and shape.shorts):
            return 0.0  # half the candidates: no word with a partner, nothing matched
        q_mask = c_mask = 0
        name_q = name_c = False
        if pairs:
            for k, joined, named in shape.pairs:  # two listed words, one query word
                got = pair_info.get(joined)
                if got is not None:
                    q_mask |= got[0]
                    c_mask |= 3 << k
                    name_q |= got[1]
                    name_c |= got[2] and named
        if self._q_generic:
            for j, short, c_name in shape.shorts:  # a listed "PROD." and a query "production"
                got_short = self._shorts.get(short)
                if got_short is None:
                    got_short = self._shorts[short] = sum(
                        1 << i
                        for i in self._q_generic
                        if abbreviates(short, self._q.tokens[i].text)
                    )
                if got_short:
                    q_mask |= got_short
                    c_mask |= 1 << j
                    name_c |= c_name
        w = self._weights
        matched_c = total_c = 0.0
        word_info, legal_info = self._word_info, self._legal_info
        for j, (text, role) in enumerate(zip(texts, shape.roles, strict=True)):
            weight = w[role]
            total_c += weight
            info = (legal_info if role == _LEGAL else word_info).get(text)
            if info is not None:  # every mask kept is nonzero
                q_mask |= info[0]
                name_q |= info[1]
                name_c |= info[2] and role == _NAME
                matched_c += weight
            elif c_mask >> j & 1:
                matched_c += weight
        matched_q = self._matched_q.get(q_mask)
        if matched_q is None:
            matched_q = self._matched_q[q_mask] = sum(
                weight for i, weight in enumerate(self._q_weights) if q_mask >> i & 1
            )
        p = self._p
        matched = matched_q + matched_c
        unmatched = p.extra * (self._q_total - matched_q) + p.missing * (total_c - matched_c)
        bound = matched / (matched + unmatched) if matched else 0.0
        if (self._q_has_name and not name_q) or (shape.has_name and not name_c):
            bound = min(bound, _NO_DISTINCTIVE_CAP)
        return bound


def candidate_words(
    q: NormalizedName, kind: str | None, shapes: Iterable[NameShape]
) -> CandidateWords:
    """The words of `shapes` a filter for `q` under `kind`'s rules searches: neighbours run
    together only as long as a query word `_run_together` may pair them with (within the
    kind's slack; never a legal form)."""
    lengths = {len(t.text) for t in q.tokens if t.role is not Role.LEGAL}
    return CandidateWords.of(shapes, lengths, _params(kind).max_edits[2])


def _mark(table: dict[str, _Info], word: str, mask: int, name_q: bool, strong: bool) -> None:
    old = table.get(word, _NONE)
    table[word] = (old[0] | mask, old[1] or name_q, old[2] or strong)
