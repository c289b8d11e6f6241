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
from collections.abc import Iterable, Iterator, Mapping, Sequence, Sized
from dataclasses import dataclass, field, fields
from pathlib import Path

from screener.core.names import index_layout
from screener.core.names.candidates import NearWords, Ranking, credit_keys
from screener.core.names.index_build import (
    BlockingTables,
    EncodedRows,
    PreviousRows,
    build_tables,
    write_index,
)
from screener.core.names.index_layout import (
    EntryRef,
    Idf,
    KindCodes,
    RowMemo,
    StoredNames,
    read_index,
)
from screener.core.names.index_shapes import StoredShapes
from screener.core.names.lookups import Rarity
from screener.core.names.matching import DEFAULT_THRESHOLD, explain_normalized, score_normalized
from screener.core.names.normalize import NormalizedName, normalize_name, skeleton
from screener.core.names.query_keys import WordKeys, query_keys
from screener.core.names.reach import (
    FEW_TO_FILTER,
    NameShape,
    ReachFilter,
    candidate_words,
    name_shape,
)

_SCORING_KINDS = frozenset({"person", "organization", "vessel"})
_OWN_NORMS = frozenset({"person", "vessel"})  # kinds normalised by their own rules
# How many of the best-ranked candidates are scored in full.
DEFAULT_CANDIDATES = 300
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

    # Kept across queries, made when first needed: one reach-filter shape per distinct listed
    # name (the lists repeat names).
    _shape_of: dict[tuple[str, str | None], NameShape] | None = None
    _rarity: Rarity | None = None  # the rarity weights of the keys met lately

    def __init__(
        self, keys: Sequence[int], names: Sequence[str], kinds: Sequence[str | None],
        normalized: Sequence[NormalizedName], blocking: BlockingTables,
        shapes: RowMemo[NameShape | None] | None = None,
    ) -> None:  # fmt: skip
        # Nothing here grows with the lists: a mapped index (`load`) opens in milliseconds.
        self._keys = keys
        self._names = names
        self._kinds = kinds
        self._norm = normalized
        # What the reach filter reads of each name (reach.py): from the file when mapped, else
        # filled as names are first met.
        self._shapes: RowMemo[NameShape | None] = RowMemo() if shapes is None else shapes
        self._blocking = blocking
        self._rows: EncodedRows | None = None  # as built, until saved (`index_build`)
        self._postings = blocking.postings  # word skeleton -> name rows
        self._generic = blocking.generic  # generic/legal words -> name rows
        self._near_words = NearWords(self._postings, blocking.block, blocking.words, self._generic)
        self._word_keys: dict[tuple[str, str], WordKeys] = {}  # what each query word credits
        self._idf = Idf(self._postings, max(1, len(names)))
        self._idf_scale = math.log(1 + max(1, len(names)))  # the rarest word's weight
        # Listed name key -> (entry row id, list version id, entry type), when known.
        self.entries: Mapping[int, EntryRef] = {}
        self.mapped_file: tuple[Path, str] | None = None  # (file, fingerprint) when mapped

    def __len__(self) -> int:
        return len(self._names)

    def frequency(self, word: str) -> int:
        """In how many listed names a distinctive word is (its rarity, for scoring)."""
        return len(self._near_words.postings[skeleton(word)] or ())

    def common(self, word: str) -> bool:
        """Whether a word is in so many listed names that it cannot carry a match alone."""
        return len(self._near_words.postings[skeleton(word)] or ()) >= _COMMON_NAMES

    @classmethod
    def build(
        cls,
        names: Iterable[IndexedName],
        reuse: PreviousRows | None = None,
        *,
        workers: int | None = None,
    ) -> NameIndex:
        """An index of `names`; `reuse`: an earlier index file whose names need no reading;
        `workers`: processes to read many names in (None: one per core)."""
        # An annotated name ("... (ACME)", "Affiliated Entity: ...", "a.k.a. ...") is also
        # scored as the names it contains, shown as listed (one row each, same key).
        items = (
            (item.key, item.name, kind, _norm_kind(kind))
            for item in names
            for kind in (item.kind if item.kind in _SCORING_KINDS else None,)
        )
        count = len(names) if isinstance(names, Sized) else 0
        rows, tables = build_tables(items, reuse, workers=workers, expected=count)
        index = cls(rows.keys, rows.names, KindCodes(rows.kinds), rows.names_view(), tables)
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
        scoring = _Scoring(query, kind, threshold)
        # The best-ranked candidates first; further ones while the last ranks of those taken
        # still hold hits: a cut through a crowd of tied names keeps what lies past it.
        for chunk, tail in self._ranked_chunks(query, kind=kind, limit=candidates):
            if not self._score_into(scoring, chunk) & tail:
                break
        return self._results(scoring, limit)

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
        scoring = _Scoring(query, kind, threshold)
        self._score_into(scoring, rows, prefilter=prefilter)
        return self._results(scoring, limit)

    def _score_into(self, s: _Scoring, rows: Iterable[int], *, prefilter: bool = True) -> set[int]:
        """Score `rows` (behind the reach filter), adding hits to `s`; returns the hit rows."""
        kind, threshold = s.kind, s.threshold
        kinds = self._kinds
        # Organisations and names of unknown kind normalise alike: one filter for both; each
        # kind's filter searches the words of its own names only.
        groups: dict[str | None, list[tuple[int, str | None]]] = {}
        for row in rows:
            row_kind = kinds[row]
            if kind is None or row_kind is None or row_kind == kind:
                scoring_kind = kind or row_kind
                nk = scoring_kind if scoring_kind in _OWN_NORMS else None
                group = groups.get(nk)
                if group is None:
                    group = groups[nk] = []
                group.append((row, scoring_kind))
        hit_rows: set[int] = set()
        norms, common, frequency = self._norm, self.common, self.frequency
        for nk, group in groups.items():
            q = s.normalized(nk)
            if prefilter and len(group) > FEW_TO_FILTER:
                group = self._reaching(q, group, threshold)
            for row, scoring_kind in group:
                score = score_normalized(
                    q, norms[row], kind=scoring_kind, common=common, frequency=frequency
                )
                if score >= threshold:
                    s.hits.append((score, row))
                    hit_rows.add(row)
        return hit_rows

    def _reaching(
        self, q: NormalizedName, group: list[tuple[int, str | None]], threshold: float
    ) -> list[tuple[int, str | None]]:
        """The rows of `group` (of one normalisation kind) that pass its reach filter."""
        memo, shape_of = self._shapes, self._shape
        shapes = [memo[row] or shape_of(row) for row, _ in group]
        kind = group[0][1]
        keep = ReachFilter(q, kind, candidate_words(q, kind, shapes)).reaching(shapes, threshold)
        return list(itertools.compress(group, keep))

    def _results(self, s: _Scoring, limit: int) -> list[Candidate]:
        """The hits of `s`, best first, one per listed name, each explained."""
        hits = sorted(s.hits, key=lambda h: (-h[0], h[1]))
        out: list[Candidate] = []
        seen: set[int] = set()
        for _, row in hits:
            key = self._keys[row]
            if key in seen:
                continue  # a derived name of a name already found, or the other way round
            seen.add(key)
            scoring_kind = s.kind or self._kinds[row]
            q = s.normalized(_norm_kind(scoring_kind))
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
            # Read anew, not kept: nearly every candidate is met only by its shape, and the
            # decoded names kept would be objects the collector walks on every full collection.
            norms = self._norm
            norm = norms.decode(row) if isinstance(norms, StoredNames) else norms[row]
            if self._shape_of is None or len(self._shape_of) >= index_layout.MEMO_ROWS:
                self._shape_of = {}  # bounded: a process's memory must not grow with queries
            key = (norm.original, norm.kind)  # one normalisation, one shape
            shape = self._shape_of.get(key)  # the filter bounds each shape once
            if shape is None:
                shape = self._shape_of[key] = name_shape(norm)
            self._shapes[row] = shape
        return shape

    def _ranked_chunks(
        self, query: str, *, kind: str | None, limit: int
    ) -> Iterator[tuple[list[int], set[int]]]:
        """Candidate rows, best-ranked first, `limit` more of each normalisation's ranking at a
        time; each chunk with its last-ranked quarter (where a hit means the cut was early)."""
        norms = [normalize_name(query, kind=_norm_kind(kind))]
        if kind is None:
            norms.append(normalize_name(query, kind="person"))
        rankings = []
        kinds = self._kinds

        def strict(row: int) -> bool:  # scored by the rules of organisations and vessels
            return (kind or kinds[row]) != "person"

        # Blocking reads the words alone: read as a person's name or not, most queries have
        # the same words, and one ranking serves both.
        for norm in {n.tokens: n for n in norms}.values():
            acc: dict[int, float] = {}
            best = self._accumulate(norm, acc)
            rankings.append(Ranking(acc, best, limit, strict))
        seen: set[int] = set()
        while True:
            chunk: list[int] = []
            tail: set[int] = set()
            for ranking in rankings:
                part = ranking.next_part()
                tail.update(part[len(part) - (len(part) + 3) // 4 :])
                chunk.extend(row for row in part if row not in seen)
                seen.update(part)
            if not chunk:
                return
            yield chunk, tail

    def _accumulate(self, norm: NormalizedName, acc: dict[int, float]) -> float:
        """Credit each row for the query's words it holds (`query_keys`: rank weights);
        returns the most a row can get."""
        postings = self._near_words.postings  # the keys met lately (`lookups`)
        if self._rarity is None:
            self._rarity = Rarity(postings, max(1, len(self._names)))
        found = query_keys(
            norm, postings, self._rarity, self._near_words, self._idf_scale, self._word_keys
        )
        return credit_keys(norm, found, postings, self._generic, acc)

    # --- cache --------------------------------------------------------------------------

    def save(self, path: Path, *, entries: Mapping[int, EntryRef] | None = None) -> None:
        """Write the index to `path` (`index_layout`), with `entries` (default: its own)."""
        if self._rows is None:
            raise ValueError("only a built index is saved; a mapped one is its file already")
        write_index(
            path,
            rows=self._rows,
            blocking={f.name: getattr(self._blocking, f.name) for f in fields(BlockingTables)},
            entries=self.entries if entries is None else entries,
        )

    @classmethod
    def load(cls, path: Path) -> NameIndex:
        """Map an index written by `save`. Raises ValueError on a file that is not one."""
        parts = read_index(path, [f.name for f in fields(BlockingTables)])
        # Each table read in the shape it was written in (a table or a list of words).
        blocking = BlockingTables(**parts.blocking)  # type: ignore[arg-type]
        shapes = StoredShapes(*parts.shapes)
        index = cls(parts.keys, parts.names, parts.kinds, parts.normalized, blocking, shapes)
        index.entries = parts.entries
        index.mapped_file = (path, parts.fingerprint)
        return index


@dataclass(slots=True)
class _Scoring:
    """One search: the query normalised per kind as first needed, and the hits so far."""

    query: str
    kind: str | None
    threshold: float
    hits: list[tuple[float, int]] = field(default_factory=list)
    _norms: dict[str | None, NormalizedName] = field(default_factory=dict)

    def normalized(self, norm_kind: str | None) -> NormalizedName:
        q = self._norms.get(norm_kind)
        if q is None:
            q = self._norms[norm_kind] = normalize_name(self.query, kind=norm_kind)
        return q


def names_someone(query: str) -> bool:
    """Whether a query holds a word of two letters or more: a lone initial ("A") or mark
    names nobody, and would meet every listed "Ahmed, A." alias."""
    # Asked as the search asks it (`kind=` spelled out): one memo entry serves both.
    return any(len(word) >= 2 for word in normalize_name(query, kind=None).texts())


def _norm_kind(kind: str | None) -> str | None:
    """Normalisation differs for persons and vessels; organisations and unknown share one."""
    return kind if kind in _OWN_NORMS else None
