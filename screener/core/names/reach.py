"""The reach filter: which listed names cannot reach a score, decided without aligning them.

The index hands the scorer ~90 candidates per query that share a word with it; nearly all
differ in the rest. `ReachFilter.could_reach` bounds the token score of `matching` from above
(every word with any possible partner, variants of a name or number included, counts as
matched, every other as extra or missing, the no-distinctive-word cap when no pair can reach
0.75; the caps of `conflicts` only lower a score) and checks the run-together score as
`matching` computes it, so the names it drops are exactly those that would score below the
threshold. It follows `matching`'s rules, and reads its private helpers for that reason.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA
from rapidfuzz.fuzz import ratio
from rapidfuzz.process import extract

from screener.core.names.abbreviations import abbreviates
from screener.core.names.abjad import consonant_key
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
from screener.core.names.variants import variant_keys

__all__ = ["NameShape", "ReachFilter", "name_shape"]


@dataclass(frozen=True, slots=True)
class NameShape:
    """What `ReachFilter` reads of a listed name: computed once per name, kept by the index."""

    texts: tuple[str, ...]
    roles: tuple[Role, ...]
    present: frozenset[str]
    names: frozenset[str]  # the distinctive words
    joined: str  # the distinctive words run together, as `_joined_score` compares them
    joined_key: str
    joined_digits: str
    pairs: tuple[tuple[int, str, int, bool], ...]  # neighbours run together: k, text, length,
    #   whether either is distinctive
    wholes: tuple[tuple[int, str, int, bool], ...]  # words a run-together pair can match
    shorts: tuple[tuple[int, str, bool], ...] = ()  # abbreviated words ("prod."): k, short form,
    #   whether distinctive


def name_shape(c: NormalizedName) -> NameShape:
    words = [_word(t) for t in c.tokens]
    joined = "".join(t.text for t in c.tokens if t.role is Role.NAME)
    pairs = tuple(
        (k, words[k] + words[k + 1], len(words[k]) + len(words[k + 1]), Role.NAME in roles)
        for k, roles in enumerate(itertools.pairwise(t.role for t in c.tokens))
    )
    wholes = tuple(
        (j, t.text, len(t.text), t.role is Role.NAME)
        for j, t in enumerate(c.tokens)
        if t.role is not Role.LEGAL
    )
    return NameShape(
        texts=tuple(t.text for t in c.tokens),
        roles=tuple(t.role for t in c.tokens),
        present=frozenset(t.text for t in c.tokens),
        names=frozenset(t.text for t in c.tokens if t.role is Role.NAME),
        joined=joined,
        joined_key=skeleton(joined),
        joined_digits=_digits(joined),
        pairs=pairs,
        wholes=wholes,
        shorts=tuple(
            (j, short, t.role is Role.NAME)
            for j, t in enumerate(c.tokens)
            if (short := short_form(t))
        ),
    )


class _Lookup:
    """The vocabulary by skeleton, first letter and consonants, each built when first asked."""

    def __init__(self, vocab: list[str], keys: Sequence[str]) -> None:
        self._vocab = vocab
        self._keys = keys
        self.words = frozenset(vocab)
        self._tables: dict[str, dict[str, list[str]]] = {}

    def _table(self, name: str) -> dict[str, list[str]]:
        table = self._tables.get(name)
        if table is None:
            table = self._tables[name] = {}
            pairs: Iterable[tuple[str, str]]
            if name == "skeleton":
                pairs = zip(self._keys, self._vocab, strict=True)
            elif name == "first":
                pairs = ((b[:1], b) for b in self._vocab)
            elif name == "initial":
                pairs = ((b, b) for b in self._vocab if len(b) == 1)
            else:
                pairs = ((consonant_key(b), b) for b in self._vocab)
            for key, word in pairs:
                table.setdefault(key, []).append(word)
        return table

    def by_skeleton(self, key: str) -> list[str]:
        return self._table("skeleton").get(key, [])

    def by_first(self, letter: str) -> list[str]:
        return self._table("first").get(letter, [])

    def initials(self, letter: str) -> list[str]:
        return self._table("initial").get(letter, [])

    def by_consonants(self, key: str) -> list[str]:
        return self._table("consonants").get(key, [])


class ReachFilter:
    """For one query, the listed names that cannot reach a score, found without aligning them.

    An upper bound of the token score: every word with any possible partner in the other name
    (the same word, the same spelling skeleton, within the typo allowance, an initial, or one
    half of a run-together pair) counts as matched with similarity 1, every other word as extra
    or missing; the no-distinctive-word cap applies when no word pair can reach 0.75. The
    run-together score is checked as it is computed. Names it lets through are scored in full,
    so results are the same as without it, at a fraction of the cost: most candidates from the
    index share one word with the query and differ in the rest.
    """

    def __init__(
        self,
        q: NormalizedName,
        kind: str | None,
        vocabulary: Iterable[str],
        skeletons: Sequence[str] | None = None,
        consonants: Callable[[str], Iterable[str]] | None = None,
    ) -> None:
        """`vocabulary`: every word of the names to be filtered (`skeletons`: theirs, in order).

        `consonants(key)`: words with that consonant key, from a table kept by the caller (any
        superset of the vocabulary's will do); without it the vocabulary is scanned.
        """
        p = _params(kind)
        self._p = p
        self._q = q
        person = p is _PERSON
        vocab = vocabulary if isinstance(vocabulary, list) else list(vocabulary)
        keys = skeletons if skeletons is not None else [skeleton(b) for b in vocab]
        reach = p.max_edits[2]  # `_token_similarity` allows no more edits than this
        lookup = _Lookup(vocab, keys)
        self._partners: list[frozenset[str]] = []
        self._strong: list[frozenset[str]] = []
        for a in q.tokens:
            text = a.text
            if a.role is Role.LEGAL or a.role is Role.STOP:
                self._partners.append(frozenset((text,)))
                self._strong.append(frozenset((text,)))
                continue
            # Every word `_token_similarity` can pair is within `reach` edits as written or
            # as a skeleton (or an initial): the C search finds those, the check confirms.
            found = {
                vocab[k]
                for _, _, k in extract(
                    text, vocab, scorer=OSA.distance, score_cutoff=reach, limit=None
                )
            }
            found.update(vocab[k] for _, _, k in extract(skeleton(text), keys,
                         scorer=OSA.distance, score_cutoff=reach, limit=None))  # fmt: skip
            if person:
                # Initials, and "mhmd" for "mohammad": beyond any edit distance.
                found.update(lookup.by_first(text[:1]) if len(text) == 1 else
                             lookup.initials(text[:1]))  # fmt: skip
                key = consonant_key(text)
                found.update(
                    lookup.by_consonants(key)
                    if consonants is None
                    else (b for b in consonants(key) if b in lookup.words)
                )
            for key in variant_keys(text):  # "bill" for "william": no edit distance finds these
                found.update(lookup.by_skeleton(key))
            short = short_form(a)  # "prod." for any word it may abbreviate ("production")
            if short:
                found.update(b for b in lookup.by_first(short[:1]) if abbreviates(short, b))
            near: set[str] = set()
            strong: set[str] = set()
            for b in found:
                sim = _token_similarity(text, b, p.max_edits, person)[0]
                if sim > 0.0:
                    near.add(b)
                    if sim >= 0.75:
                        strong.add(b)
            if text in lookup.words:
                near.add(text)
                strong.add(text)
            if short:
                abbreviated = {b for b in found if abbreviates(short, b)}
                near.update(abbreviated)
                strong.update(abbreviated)
            self._partners.append(frozenset(near))
            self._strong.append(frozenset(strong))
        self._any_partner = frozenset().union(*self._partners)
        self._any_strong = frozenset().union(*self._strong)
        self._q_weights = [p.weights[t.role] for t in q.tokens]
        self._q_generic = [i for i, t in enumerate(q.tokens) if t.role is Role.GENERIC]
        self._q_names = [i for i, t in enumerate(q.tokens) if t.role is Role.NAME]
        self._q_whole = [i for i, t in enumerate(q.tokens) if t.role is not Role.LEGAL]
        as_written = [_word(t) for t in q.tokens]
        self._q_pairs = [(k, as_written[k] + as_written[k + 1]) for k in range(len(q.tokens) - 1)]
        self._q_joined = "".join(t.text for t in q.tokens if t.role is Role.NAME)
        self._q_joined_key = skeleton(self._q_joined)
        self._q_digits = _digits(self._q_joined)
        # By the length of the other side: the words and run-together pairs of the query a
        # run-together comparison can reach (`_run_together` skips all others by length).
        slack = range(-p.max_edits[2], p.max_edits[2] + 1)
        self._wholes_by_size: dict[int, list[tuple[int, str, bool]]] = {}
        for i in self._q_whole:
            t = q.tokens[i]
            for d in slack:
                self._wholes_by_size.setdefault(len(t.text) + d, []).append(
                    (i, t.text, t.role is Role.NAME)
                )
        self._pairs_by_size: dict[int, list[tuple[int, str, bool]]] = {}
        for k, joined in self._q_pairs:
            named = Role.NAME in (q.tokens[k].role, q.tokens[k + 1].role)
            for d in slack:
                self._pairs_by_size.setdefault(len(joined) + d, []).append((k, joined, named))

    def could_reach(
        self, c: NormalizedName, threshold: float, shape: NameShape | None = None
    ) -> bool:
        """False only when `c` certainly scores below `threshold` against the query."""
        qt, ct = self._q.tokens, c.tokens
        if not qt or not ct:
            return threshold <= 0.0
        shape = shape or name_shape(c)
        if self._joined_possible(shape):
            return True
        present = shape.present
        q_ok = [not partners.isdisjoint(present) for partners in self._partners]
        c_ok = [text in self._any_partner for text in shape.texts]
        name_q = any(not self._strong[i].isdisjoint(present) for i in self._q_names)
        name_c = not shape.names.isdisjoint(self._any_strong)
        name_q, name_c = self._run_together(shape, q_ok, c_ok, name_q, name_c)
        for j, short, c_name in shape.shorts:  # a listed "PROD." and a query "production"
            for i in self._q_generic:
                if abbreviates(short, self._q.tokens[i].text):
                    q_ok[i] = c_ok[j] = True
                    name_c |= c_name
        return self._bound(shape, q_ok, c_ok, name_q, name_c) >= threshold

    def _bound(
        self, shape: NameShape, q_ok: list[bool], c_ok: list[bool], name_q: bool, name_c: bool
    ) -> float:
        p = self._p
        w = p.weights
        matched = unmatched = 0.0
        for ok, weight in zip(q_ok, self._q_weights, strict=True):
            if ok:
                matched += weight
            else:
                unmatched += p.extra * weight
        for ok, role in zip(c_ok, shape.roles, strict=True):
            if ok:
                matched += w[role]
            else:
                unmatched += p.missing * w[role]
        bound = matched / (matched + unmatched) if matched else 0.0
        if (self._q_names and not name_q) or (shape.names and not name_c):
            bound = min(bound, _NO_DISTINCTIVE_CAP)
        return bound

    def _joined_possible(self, shape: NameShape) -> bool:
        """Whether `_joined_score` can be above zero (it is zero unless this holds)."""
        if len(self._q_joined) < 6 or len(shape.joined) < 6:
            return False
        if shape.joined_digits != self._q_digits:
            return False
        cutoff = self._p.joined_min * 100.0
        return ratio(self._q_joined_key, shape.joined_key, score_cutoff=cutoff) >= cutoff

    def _run_together(
        self, shape: NameShape, q_ok: list[bool], c_ok: list[bool], name_q: bool, name_c: bool
    ) -> tuple[bool, bool]:
        """Mark the words a run-together pair could match, as `_joined_pairs` compares them:
        only a word and two words run together within the typo slack in length."""
        p = self._p
        person = p is _PERSON
        for k, joined, size, c_name in shape.pairs:  # a query word, two listed words
            for i, text, q_name in self._wholes_by_size.get(size, ()):
                sim = _token_similarity(text, joined, p.max_edits, person)[0]
                if sim > 0.0:
                    q_ok[i] = c_ok[k] = c_ok[k + 1] = True
                    if sim >= 0.75:
                        name_q |= q_name
                        name_c |= c_name
        for j, text, size, c_name in shape.wholes:  # a listed word, two query words
            for k, joined, q_name in self._pairs_by_size.get(size, ()):
                sim = _token_similarity(joined, text, p.max_edits, person)[0]
                if sim > 0.0:
                    c_ok[j] = q_ok[k] = q_ok[k + 1] = True
                    if sim >= 0.75:
                        name_c |= c_name
                        name_q |= q_name
        return name_q, name_c
