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

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.fuzz import ratio

from screener.core.names.abbreviations import abbreviates
from screener.core.names.abjad import consonant_key
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
from screener.core.names.reach_words import REACH, QueryWords

__all__ = ["FEW_TO_FILTER", "CandidateWords", "NameShape", "ReachFilter", "name_shape"]

# A score is rounded to 4 decimals before it meets the threshold: a bound this far below it
# may still round up to it.
_ROUNDING = 1e-4
FEW_TO_FILTER = 3  # scoring this many names costs less than building a filter for them
_Info = tuple[int, bool, bool]  # query tokens paired (bit mask), a strong pair with a query
#   distinctive word, a strong pair at all
_NONE: _Info = (0, False, False)
_JOINED_MIN = 6  # letters run together below which `_joined_score` is zero
_NAME, _LEGAL = Role.NAME.value, Role.LEGAL.value


@dataclass(frozen=True, slots=True, eq=False)
class NameShape:
    """What `ReachFilter` reads of a listed name: computed once per name, kept by the index."""

    texts: tuple[str, ...]
    roles: tuple[str, ...]  # each `Role`'s value: a tuple of plain strings the collector
    #   leaves alone (the shapes of every name met stay in memory); it keys a weight table
    has_name: bool  # any distinctive word
    joined: str  # the distinctive words run together, as `_joined_score` compares them
    joined_key: str
    joined_digits: str
    pairs: tuple[tuple[int, str, bool], ...]  # neighbours run together (as written): k, text,
    #   whether either is distinctive
    shorts: tuple[tuple[int, str, bool], ...]  # abbreviated words ("prod."): k, short form,
    #   whether distinctive
    words: dict[str, str]  # `texts` and their skeletons
    pair_words: dict[str, str]  # the texts of `pairs` and their skeletons
    consonants: dict[str, str]  # both kinds of text and their consonant keys, filled when a
    #   person's filter first reads this name (only a person's words are compared by them)


def name_shape(c: NormalizedName) -> NameShape:
    words = [_word(t) for t in c.tokens]
    joined = "".join(t.text for t in c.tokens if t.role is Role.NAME)
    texts = tuple(t.text for t in c.tokens)
    pairs = tuple(
        (k, words[k] + words[k + 1], Role.NAME in roles)
        for k, roles in enumerate(itertools.pairwise(t.role for t in c.tokens))
    )
    return NameShape(
        texts=texts,
        roles=tuple(t.role.value for t in c.tokens),
        has_name=any(t.role is Role.NAME for t in c.tokens),
        joined=joined,
        joined_key=skeleton(joined),
        joined_digits=_digits(joined),
        pairs=pairs,
        shorts=tuple(
            (j, short, t.role is Role.NAME)
            for j, t in enumerate(c.tokens)
            if (short := short_form(t))
        ),
        words={t: skeleton(t) for t in texts},
        pair_words={text: skeleton(text) for _, text, _ in pairs},
        consonants={},
    )


@dataclass(frozen=True, slots=True)
class CandidateWords:
    """The words of one query's candidate names, and their neighbours run together."""

    words: QueryWords
    pairs: QueryWords

    @classmethod
    def of(
        cls, shapes: Iterable[NameShape], lengths: Iterable[int] = (), *, person: bool = False
    ) -> CandidateWords:
        """`lengths`: of the query's words (all, if none given). Two neighbours run together
        pair with a query word only as long as it, give or take the typo allowance: nearly
        all are longer, and not worth searching. `person`: for a person's filter, which
        compares words by their consonants too (kept with each name once computed)."""
        words: dict[str, str] = {}
        pair_words: dict[str, str] = {}
        consonants: dict[str, str] | None = {} if person else None
        for shape in shapes:
            words.update(shape.words)
            pair_words.update(shape.pair_words)
            if consonants is not None:
                if not shape.consonants:
                    keys = {t: consonant_key(t) for t in (*shape.words, *shape.pair_words)}
                    shape.consonants.update(keys)
                consonants.update(shape.consonants)
        near = {n + d for n in lengths for d in range(-REACH, REACH + 1)}
        if near:
            pair_words = {text: key for text, key in pair_words.items() if len(text) in near}
        return cls(QueryWords(words, consonants), QueryWords(pair_words, consonants))


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
        bound = self._bounds.get(shape)  # the index keeps one shape per distinct name
        if bound is None:
            if not self._q.tokens or not shape.texts:
                return threshold <= 0.0
            bound = self._bounds[shape] = self._bound(shape)
        return bound >= threshold - _ROUNDING

    def _bound(self, shape: NameShape) -> float:
        # Hot: once per candidate name. The parts that rarely apply are skipped whole.
        if (
            self._q_joined_long
            and len(shape.joined) >= _JOINED_MIN
            and self._joined_possible(shape)
        ):
            return 1.0  # the run-together score is not bounded here: score it
        q_mask = c_mask = 0
        name_q = name_c = False
        pair_info = self._pair_info
        if pair_info:
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
        for j, (text, role) in enumerate(zip(shape.texts, shape.roles, strict=True)):
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

    def _joined_possible(self, shape: NameShape) -> bool:
        """Whether `_joined_score` can be above zero (it is zero unless this holds)."""
        if len(self._q_joined) < _JOINED_MIN or len(shape.joined) < _JOINED_MIN:
            return False
        if shape.joined_digits != self._q_digits:
            return False
        cutoff = self._p.joined_min * 100.0
        return ratio(self._q_joined_key, shape.joined_key, score_cutoff=cutoff) >= cutoff


def _mark(table: dict[str, _Info], word: str, mask: int, name_q: bool, strong: bool) -> None:
    old = table.get(word, _NONE)
    table[word] = (old[0] | mask, old[1] or name_q, old[2] or strong)
