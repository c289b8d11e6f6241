"""Candidate index over every listed name: score a query only against plausible names.

Blocking keys, all on spelling skeletons (so BGN and ICAO romanisations share them):
- the words themselves, weighted by rarity (idf), so "ROSNEFT" outranks "MOSCOW";
- every one-letter deletion of each word (SymSpell), so a word with one typo still meets its
  listed spelling;
- the first four letters of each word, so "GAZPROMBANK" meets "GAZPROM BANK" and back;
- the first and last five letters of the whole name run together;
- and more for words run together, split, two letters off or without vowels (`blocking`).
Generic words and legal forms block only when the query has nothing else. The best-ranked
candidates pass the reach filter (`reach`) and are then scored in full by
`screener.core.names.matching`.

The cache (`save`/`load`) is a file of flat sections read through a memory map
(`index_layout`, `index_file`): opening it costs milliseconds at any size, every process shares
one copy, and reading it cannot execute code, unlike pickle.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from screener.core.names import blocking, index_layout
from screener.core.names.index_build import EncodedRows, PreviousRows, build_tables
from screener.core.names.index_layout import (
    EntryRef,
    Idf,
    KindCodes,
    RowMemo,
    read_index,
    write_index,
)
from screener.core.names.matching import DEFAULT_THRESHOLD, explain_normalized, score_normalized
from screener.core.names.normalize import NormalizedName, Role, Token, normalize_name, skeleton
from screener.core.names.reach import (
    FEW_TO_FILTER,
    CandidateWords,
    NameShape,
    ReachFilter,
    name_shape,
)
from screener.core.names.variants import variant_keys

_SCORING_KINDS = frozenset({"person", "organization", "vessel"})
_BLOCKING_ROLES = frozenset({Role.NAME})
# How many of the best-ranked candidates are scored in full.
DEFAULT_CANDIDATES = 300
# A candidate must hold at least this share of the query's rare-word weight to be scored.
_MIN_SHARE = 0.3
# A distinctive word in this many listed names or more is common ("digital", "global").
_COMMON_NAMES = 30


@dataclass(frozen=True, slots=True)
class IndexedName:
    key: int  # the store's row id for this name
    name: str
    kind: str | None  # "person", "organization", "vessel" or None (unknown, aircraft)


@dataclass(frozen=True, slots=True)
class Candidate:
    key: int
    name: str
    score: float
    explanation: str


class NameIndex:
    """All names of the newest list versions, with blocking keys. Build once, search often."""

    # Kept across queries, made when first needed: near listed words of each query word, and
    # one reach-filter shape per distinct listed name (the lists repeat names).
    _similar_memo: dict[tuple[str, str], dict[str, float]] | None = None
    _shape_of: dict[tuple[Token, ...], NameShape] | None = None

    def __init__(
        self, keys: Sequence[int], names: Sequence[str], kinds: Sequence[str | None],
        normalized: Sequence[NormalizedName], blocking: _Blocking,
    ) -> None:  # fmt: skip
        # Nothing here grows with the lists: a mapped index (`load`) opens in milliseconds.
        self._keys = keys
        self._names = names
        self._kinds = kinds
        self._norm = normalized
        # Filled as names are first met: what the reach filter reads of each (reach.py).
        self._shapes: RowMemo[NameShape | None] = RowMemo()
        self._blocking = blocking
        self._rows: EncodedRows | None = None  # as built, until saved (`index_build`)
        self._postings = blocking.postings  # word skeleton -> name rows
        self._generic = blocking.generic  # generic/legal words -> name rows
        self._words = blocking.words  # the words of `_postings`, in order
        self._vocab_block = blocking.block  # deletion or prefix key -> indexes into `_words`
        self._idf = Idf(self._postings, max(1, len(names)))
        # Listed name key -> (entry row id, list version id, entry type), when known.
        self.entries: Mapping[int, EntryRef] = {}
        self.mapped_file: tuple[Path, str] | None = None  # (file, fingerprint) when mapped

    def __len__(self) -> int:
        return len(self._names)

    def frequency(self, word: str) -> int:
        """In how many listed names a distinctive word is (its rarity, for scoring)."""
        return len(self._postings.get(skeleton(word), ()))

    def common(self, word: str) -> bool:
        """Whether a word is in so many listed names that it cannot carry a match alone."""
        return len(self._postings.get(skeleton(word), ())) >= _COMMON_NAMES

    @classmethod
    def build(cls, names: Iterable[IndexedName], reuse: PreviousRows | None = None) -> NameIndex:
        """An index of `names`; `reuse`: an earlier index file whose names need no reading."""
        # An annotated name ("... (ACME)", "Affiliated Entity: ...", "a.k.a. ...") is also
        # scored as the names it contains, shown as listed (one row each, same key).
        items = (
            (item.key, item.name, kind, _norm_kind(kind))
            for item in names
            for kind in (item.kind if item.kind in _SCORING_KINDS else None,)
        )
        rows, tables = build_tables(items, reuse)
        blocks = _Blocking(tables.postings, tables.generic, tables.words, tables.block)
        index = cls(rows.keys, rows.names, KindCodes(rows.kinds), rows.names_view(), blocks)
        index._rows = rows
        return index

    # --- search -------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        kind: str | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 20,
        candidates: int = DEFAULT_CANDIDATES,
    ) -> list[Candidate]:
        """Names scoring at least `threshold` against `query`, best first, with explanations.

        `kind` restricts the search to names of that kind (and names of unknown kind).
        """
        if not names_someone(query):
            return []
        rows = self._candidate_rows(query, kind=kind, limit=candidates)
        return self._score_rows(query, rows, kind=kind, threshold=threshold, limit=limit)

    def search_exhaustive(
        self,
        query: str,
        *,
        kind: str | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 20,
    ) -> list[Candidate]:
        """Score every name: the reference the blocking is measured against (slow)."""
        if not names_someone(query):
            return []
        return self._score_rows(
            query,
            range(len(self._names)),
            kind=kind,
            threshold=threshold,
            limit=limit,
            prefilter=False,
        )

    def _score_rows(
        self,
        query: str,
        rows: Iterable[int],
        *,
        kind: str | None,
        threshold: float,
        limit: int,
        prefilter: bool = True,
    ) -> list[Candidate]:
        rows = list(rows)
        cache: dict[str | None, NormalizedName] = {}
        filters: dict[str | None, ReachFilter] = {}
        words: CandidateWords | None = None  # the candidates' words, searched once per query
        hits: list[tuple[float, int]] = []
        scored: list[tuple[int, str | None]] = []
        for row in rows:
            row_kind = self._kinds[row]
            if kind is None or row_kind is None or row_kind == kind:
                scored.append((row, kind or row_kind))
        per_kind = Counter(_norm_kind(k) for _, k in scored) if prefilter else Counter()
        for row, scoring_kind in scored:
            nk = _norm_kind(scoring_kind)
            q = cache.get(nk)
            if q is None:
                q = cache[nk] = normalize_name(query, kind=nk)
            if per_kind[nk] > FEW_TO_FILTER:
                # Organisations and names of unknown kind score alike: one filter.
                reach = filters.get(nk)
                if reach is None:
                    if words is None:
                        words = CandidateWords.of(self._shape(r) for r, _ in scored)
                    reach = filters[nk] = ReachFilter(q, scoring_kind, words)
                if not reach.could_reach(self._norm[row], threshold, self._shape(row)):
                    continue
            score = score_normalized(
                q, self._norm[row], kind=scoring_kind, common=self.common, frequency=self.frequency
            )
            if score >= threshold:
                hits.append((score, row))
        hits.sort(key=lambda h: (-h[0], h[1]))
        out: list[Candidate] = []
        seen: set[int] = set()
        for _, row in hits:
            key = self._keys[row]
            if key in seen:
                continue  # a derived name of a name already found, or the other way round
            seen.add(key)
            scoring_kind = kind or self._kinds[row]
            q = cache[_norm_kind(scoring_kind)]
            norm = self._norm[row]
            detail = explain_normalized(
                q, norm, kind=scoring_kind, common=self.common, frequency=self.frequency
            )
            note = detail.explanation
            if norm.original != self._names[row]:
                note = f"{note}; listed name read as: {norm.original}"
            out.append(Candidate(key, self._names[row], detail.score, note))
            if len(out) == limit:
                break
        return out

    def _shape(self, row: int) -> NameShape:
        shape = self._shapes[row]
        if shape is None:
            norm = self._norm[row]
            if self._shape_of is None or len(self._shape_of) >= index_layout.MEMO_ROWS:
                self._shape_of = {}  # bounded: a process's memory must not grow with queries
            shape = self._shape_of.get(norm.tokens)  # the filter bounds each shape once
            if shape is None:
                shape = self._shape_of[norm.tokens] = name_shape(norm)
            self._shapes[row] = shape
        return shape

    def _candidate_rows(self, query: str, *, kind: str | None, limit: int) -> list[int]:
        norms = {normalize_name(query, kind=_norm_kind(kind))}
        if kind is None:
            norms.add(normalize_name(query, kind="person"))
        rows: set[int] = set()
        for norm in norms:
            acc: defaultdict[int, float] = defaultdict(float)
            best = self._accumulate(norm, acc)
            # A name sharing too little of the query's rare words cannot reach the threshold.
            floor = _MIN_SHARE * best
            kept = [row for row, weight in acc.items() if weight >= floor]
            if len(kept) > limit:
                kept = sorted(kept, key=acc.__getitem__, reverse=True)[:limit]
            rows.update(kept)
        return sorted(rows)

    def _accumulate(self, norm: NormalizedName, acc: defaultdict[int, float]) -> float:
        """Credit each row for the query's words it holds; returns the most a row can get."""
        postings = self._postings
        keys, best = self._query_keys(norm)
        if not any(t.role in _BLOCKING_ROLES for t in norm.tokens):
            # Only generic words and legal forms: these are the whole name, so block on them.
            for tok in norm.tokens:
                best += 1.0
                for row in self._generic.get(skeleton(tok.text), ()):
                    acc[row] += 1.0
            for key, weight in keys.items():
                for row in postings[key]:
                    acc[row] += weight
            return best
        # Keys held by thousands of names ("...TRADING", a common first name) that together
        # weigh less than a candidate needs: they only rank names that hold other keys.
        big = [(key, w) for key, w in keys.items() if len(postings[key]) > blocking.MANY_ROWS]
        ranking = sum(w for _, w in big) < _MIN_SHARE * best
        for key, weight in keys.items():
            held = postings[key]
            if ranking and len(held) > blocking.MANY_ROWS:
                continue
            for row in held:
                acc[row] += weight
        if ranking:
            for key, weight in big:
                for row in acc.keys() & set(postings[key]):
                    acc[row] += weight
        return best

    def _query_keys(self, norm: NormalizedName) -> tuple[dict[str, float], float]:
        """The postings keys a query meets, with weights, and the most a row can get."""
        postings, idf = self._postings, self._idf
        tokens = norm.tokens
        keys: dict[str, float] = {}

        def credit(key: str, weight: float) -> None:
            if weight > keys.get(key, 0.0):
                keys[key] = weight

        best = 0.0
        bests: dict[int, float] = {}  # token -> the most its near words give a row
        credited: dict[int, list[str]] = {}  # token -> the keys its near words gave
        for i, tok in enumerate(tokens):
            if tok.role is Role.PATRONYMIC:  # ranks, never the whole reason for a candidate
                key = blocking.PATRONYMIC + skeleton(tok.text)
                if key in postings:
                    credit(key, 0.5 * idf[key])
            if tok.role not in _BLOCKING_ROLES:
                continue
            word = skeleton(tok.text)
            word_best = 0.0
            # A near word weighs no more than the word itself: a typo of a rare name must not
            # outrank the common names the query spells right ("SAYED", "MOHAMMAD").
            cap = idf.get(word, math.inf)
            for listed, factor in self._similar_words(word, tok.text).items():
                weight = min(idf[listed], cap) * factor
                credit(listed, weight)
                word_best = max(word_best, weight)
                only = blocking.ONLY + listed  # a one-word name: ranks above long ones
                if only in postings:
                    credit(only, weight)
                credited.setdefault(i, []).extend((listed, only))
            best += word_best
            bests[i] = word_best
            joined = blocking.JOINED + word  # "SAID" for a listed "SA-ID"
            if joined in postings:
                credit(joined, idf[joined])
        used: set[int] = set()
        for i, (a, b) in enumerate(itertools.pairwise(tokens)):  # split: "MARJ ORIE", any role
            joined = skeleton(a.text + b.text)
            if joined in postings:
                credit(joined, idf[joined])
                if blocking.ONLY + joined in postings:
                    credit(blocking.ONLY + joined, idf[joined])
                # Two pieces of one word: a row holding the word holds all the pair gives
                # (the pieces' own near words, "moh" and "ammad", would raise the bar).
                pieces = bests.get(i, 0.0) + bests.get(i + 1, 0.0)
                if i not in used and i + 1 not in used and pieces > idf[joined]:
                    best += idf[joined] - pieces
                    used.update((i, i + 1))
                    # ... nor outrank the names holding the word ("MOH" of "MOH AMMAD").
                    for key in (*credited.get(i, ()), *credited.get(i + 1, ())):
                        if key in keys:
                            keys[key] = min(keys[key], idf[joined])
        for key in _whole_keys(norm):
            if key in postings:
                credit(key, 0.5 * idf[key])
        return keys, best

    def _similar_words(self, word: str, text: str = "") -> dict[str, float]:
        """Listed words near `word` (a skeleton; `text`: as the query wrote it), each with how
        much it counts: 1 the same, 0.8 one edit or a variant, 0.6 further."""
        memo = self._similar_memo
        if memo is None:
            memo = self._similar_memo = {}  # order files repeat words: kept per index
        got = memo.get((word, text))
        if got is None:
            if len(memo) >= blocking.SIMILAR_MEMO:
                memo.clear()
            got = memo[word, text] = self._find_similar(word, text)
        return got

    def _find_similar(self, word: str, text: str) -> dict[str, float]:
        postings, block, words = self._postings, self._vocab_block, self._words
        found: dict[str, float] = {}

        def near(listed: str, factor: float) -> None:
            if factor > found.get(listed, 0.0):
                found[listed] = factor

        if word in postings:
            near(word, 1.0)
        for key in variant_keys(word):  # "bill": "william"
            if key in postings:
                near(key, 0.8)
        for key in _fuzzy_keys(word):
            far = key.startswith(blocking.CONSONANTS)
            for at in block.get(key, ()):
                listed = words[at]
                if key.startswith(blocking.PREFIX) and not (
                    listed.startswith(word) or word.startswith(listed)
                ):
                    continue  # a shared prefix counts only when one word contains the other
                if not far or blocking.may_pair(word, listed):
                    near(listed, 0.6 if far else 0.8)
        for key in blocking.deletions2(word):  # two letters off, in a long word
            for at in block.get(key, ()):
                if blocking.may_pair(word, words[at]):
                    near(words[at], 0.6)
        for left, right in blocking.splits(text or word):  # run together: "OOOZARNITSA"
            if left in postings:  # a first part, however short ("VEB" of "VEBINZHINIRING")
                near(left, 0.8)
            if right in postings and (
                len(right) >= blocking.LONG_PART or left in postings or left in self._generic
            ):
                near(right, 0.8)  # a short ending ("ING") only after a listed word
        return found

    # --- cache --------------------------------------------------------------------------

    def save(self, path: Path, *, entries: Mapping[int, EntryRef] | None = None) -> None:
        """Write the index to `path` (`index_layout`), with `entries` (default: its own)."""
        if self._rows is None:
            raise ValueError("only a built index is saved; a mapped one is its file already")
        write_index(
            path,
            rows=self._rows,
            blocking={f.name: getattr(self._blocking, f.name) for f in fields(_Blocking)},
            entries=self.entries if entries is None else entries,
        )

    @classmethod
    def load(cls, path: Path) -> NameIndex:
        """Map an index written by `save`. Raises ValueError on a file that is not one."""
        parts = read_index(path, [f.name for f in fields(_Blocking)])
        # Each table read in the shape it was written in (a table or a list of words).
        blocking = _Blocking(**parts.blocking)  # type: ignore[arg-type]
        index = cls(parts.keys, parts.names, parts.kinds, parts.normalized, blocking)
        index.entries = parts.entries
        index.mapped_file = (path, parts.fingerprint)
        return index


@dataclass(frozen=True, slots=True)
class _Blocking:
    """The index's blocking keys: which rows hold which words, and which words are near."""

    postings: Mapping[str, Sequence[int]]
    generic: Mapping[str, Sequence[int]]
    words: Sequence[str]
    block: Mapping[str, Sequence[int]]


def names_someone(query: str) -> bool:
    """Whether a query holds a word of two letters or more: a lone initial ("A") or mark
    names nobody, and would meet every listed "Ahmed, A." alias."""
    return any(len(word) >= 2 for word in normalize_name(query).texts())


def _norm_kind(kind: str | None) -> str | None:
    """Normalisation differs for persons and vessels; organisations and unknown share one."""
    return kind if kind in {"person", "vessel"} else None


def _whole_keys(norm: NormalizedName) -> Iterator[str]:
    """Start and end of the name run together: catches words split or merged oddly."""
    return blocking.whole_keys(norm)


def _fuzzy_keys(word: str) -> Iterator[str]:
    """One-letter deletions (typos), a 4-letter prefix (run-together words), the consonants."""
    return blocking.block_keys(word)
