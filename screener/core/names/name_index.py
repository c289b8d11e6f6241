"""Candidate index over every listed name: score a query only against plausible names.

Blocking keys, all on spelling skeletons (so BGN and ICAO romanisations share them):
- the words themselves, weighted by rarity (idf), so "ROSNEFT" outranks "MOSCOW";
- every one-letter deletion of each word (SymSpell), so a word with one typo still meets its
  listed spelling;
- the first four letters of each word, so "GAZPROMBANK" meets "GAZPROM BANK" and back;
- the first and last five letters of the whole name run together.
Generic words and legal forms block only when the query has nothing else. The best-ranked
candidates are then scored in full by `screener.core.names.matching`.

The cache (`save`/`load`) is a JSON header plus raw int32 arrays: loading it cannot execute
code, unlike pickle, at the price of re-deriving the lookup tables (no re-normalisation).
"""

from __future__ import annotations

import itertools
import json
import math
import struct
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from screener.core.names.abjad import consonant_key
from screener.core.names.annotations import derived_names
from screener.core.names.matching import DEFAULT_THRESHOLD, explain_normalized, score_normalized
from screener.core.names.normalize import NormalizedName, Role, Token, normalize_name, skeleton
from screener.core.names.reach import NameShape, ReachFilter, name_shape
from screener.core.names.variants import variant_keys

_MAGIC = b"SCRNIDX3"  # 3: the text a derived row was read as (2: blocking keys stored)
_SCORING_KINDS = frozenset({"person", "organization", "vessel"})
_BLOCKING_ROLES = frozenset({Role.NAME})
_ROLE_CODES = {role: i for i, role in enumerate(Role)}
_ROLES = list(Role)
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

    def __init__(
        self, keys: array[int], names: list[str], kinds: list[str | None],
        normalized: Sequence[NormalizedName], blocking: _Blocking | None = None,
    ) -> None:  # fmt: skip
        self._keys = keys
        self._names = names
        self._kinds = kinds
        self._norm = normalized
        # Filled as names are first met: what the reach filter reads of each (reach.py).
        self._shapes: list[NameShape | None] = [None] * len(names)
        self._consonants: dict[str, str] | None = None
        blocking = blocking or _Blocking.build(normalized)
        self._postings = blocking.postings  # word skeleton -> name rows
        self._generic = blocking.generic  # generic/legal words -> name rows
        self._words = blocking.words  # the words of `_postings`, in order
        self._vocab_block = blocking.block  # deletion or prefix key -> indexes into `_words`
        n = max(1, len(names))
        self._idf = {k: math.log(1 + n / len(v)) for k, v in self._postings.items()}

    def __len__(self) -> int:
        return len(self._names)

    def _by_consonants(self, key: str) -> tuple[str, ...]:
        """Person-name words by consonant key (reach.py): built once, on first use."""
        if self._consonants is None:
            # Every name's words, whatever its kind: a person query scores names of unknown
            # kind as persons too.
            if isinstance(self._norm, _StoredNames):
                words = {text for text, _ in self._norm.token_texts()}
            else:
                words = {t.text for norm in self._norm for t in norm.tokens}
            table: dict[str, list[str]] = {}
            for word in words:
                table.setdefault(consonant_key(word), []).append(word)
            # Words joined into one string each: 100,000 small tuples kept for the life of the
            # index would make every garbage collection slower (and with it every search).
            self._consonants = {k: " ".join(v) for k, v in table.items()}
        found = self._consonants.get(key)
        return tuple(found.split(" ")) if found else ()

    def frequency(self, word: str) -> int:
        """In how many listed names a distinctive word is (its rarity, for scoring)."""
        return len(self._postings.get(skeleton(word), ()))

    def common(self, word: str) -> bool:
        """Whether a word is in so many listed names that it cannot carry a match alone."""
        return len(self._postings.get(skeleton(word), ())) >= _COMMON_NAMES

    @classmethod
    def build(cls, names: Iterable[IndexedName]) -> NameIndex:
        keys: array[int] = array("q")
        texts: list[str] = []
        kinds: list[str | None] = []
        normalized: list[NormalizedName] = []
        for item in names:
            kind = item.kind if item.kind in _SCORING_KINDS else None
            # An annotated name ("... (ACME)", "Affiliated Entity: ...", "a.k.a. ...") is also
            # scored as the names it contains, shown as listed (one row each, same key).
            for text in (item.name, *derived_names(item.name)):
                keys.append(item.key)
                texts.append(item.name)
                kinds.append(kind)
                normalized.append(normalize_name(text, kind=_norm_kind(kind)))
        return cls(keys, texts, kinds, normalized)

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
        vocabulary: tuple[list[str], list[str]] | None = None  # the candidates' words
        hits: list[tuple[float, int]] = []
        for row in rows:
            row_kind = self._kinds[row]
            if kind is not None and row_kind is not None and row_kind != kind:
                continue
            scoring_kind = kind or row_kind
            nk = _norm_kind(scoring_kind)
            q = cache.get(nk)
            if q is None:
                q = cache[nk] = normalize_name(query, kind=nk)
            if prefilter:
                reach = filters.get(nk)  # organisations and names of unknown kind score alike
                if reach is None:
                    if vocabulary is None:
                        words = list({t.text for r in rows for t in self._norm[r].tokens})
                        vocabulary = (words, [skeleton(w) for w in words])
                    reach = filters[nk] = ReachFilter(
                        q, scoring_kind, *vocabulary, consonants=self._by_consonants
                    )
                shape = self._shapes[row]
                if shape is None:
                    shape = self._shapes[row] = name_shape(self._norm[row])
                if not reach.could_reach(self._norm[row], threshold, shape):
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
        words = [skeleton(t.text) for t in norm.tokens if t.role in _BLOCKING_ROLES]
        keys: dict[str, float] = {}
        best = 0.0
        for word in words:
            word_best = 0.0
            for listed in self._similar_words(word):
                # An exact word counts fully; a near one a little less.
                weight = self._idf[listed] * (1.0 if listed == word else 0.8)
                keys[listed] = max(keys.get(listed, 0.0), weight)
                word_best = max(word_best, weight)
            best += word_best
        for a, b in itertools.pairwise(words):
            joined = skeleton(a + b)
            if joined in self._postings:
                keys[joined] = max(keys.get(joined, 0.0), self._idf[joined])
        for key in _whole_keys(norm):
            if key in self._postings:
                keys[key] = max(keys.get(key, 0.0), 0.5 * self._idf[key])
        for key, weight in keys.items():
            for row in self._postings[key]:
                acc[row] += weight
        if not words:
            # Only generic words and legal forms: these are the whole name, so block on them.
            for tok in norm.tokens:
                rows = self._generic.get(skeleton(tok.text), ())
                best += 1.0
                for row in rows:
                    acc[row] += 1.0
        return best

    def _similar_words(self, word: str) -> set[str]:
        found = {word} if word in self._postings else set()
        found.update(k for k in variant_keys(word) if k in self._postings)  # "bill": "william"
        for key in _fuzzy_keys(word):
            for at in self._vocab_block.get(key, ()):
                listed = self._words[at]
                if key.startswith("\x01") and not (
                    listed.startswith(word) or word.startswith(listed)
                ):
                    continue  # a shared prefix counts only when one word contains the other
                found.add(listed)
        return found

    # --- cache --------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Write the index (names, kinds, normalised tokens, blocking keys) to `path`."""
        roles_arr: array[int] = array("b")
        header_tokens: list[list[str]] = []
        offsets: array[int] = array("i", [0])
        for norm in self._norm:
            for tok in norm.tokens:
                header_tokens.append([tok.text, tok.source])
                roles_arr.append(_ROLE_CODES[tok.role])
            offsets.append(len(header_tokens))
        tables = {
            "postings": _flatten(self._postings),
            "generic": _flatten(self._generic),
            "block": _flatten(self._vocab_block),
        }
        arrays: list[array[int]] = [self._keys, offsets, roles_arr]
        for rows, ends in (pair for _, pair in tables.values()):
            arrays += [rows, ends]
        header = json.dumps(
            {
                "names": self._names,
                # Rows scored as a name read out of the listed one ("... (ACME)" -> "ACME").
                "read_as": {
                    str(i): norm.original
                    for i, norm in enumerate(self._norm)
                    if norm.original != self._names[i]
                },
                "kinds": self._kinds,
                "tokens": header_tokens,
                "words": self._words,
                **{f"{name}_keys": table_keys for name, (table_keys, _) in tables.items()},
                "arrays": [(a.typecode, len(a)) for a in arrays],
            },
            ensure_ascii=False,
        ).encode("utf-8")
        with path.open("wb") as f:
            f.write(_MAGIC)
            f.write(struct.pack("<Q", len(header)))
            f.write(header)
            for a in arrays:
                f.write(a.tobytes())

    @classmethod
    def load(cls, path: Path) -> NameIndex:
        """Read an index written by `save`. Raises ValueError on a file that is not one."""
        data = path.read_bytes()
        if not data.startswith(_MAGIC):
            raise ValueError(f"{path} is not a Screener name index of this version")
        (size,) = struct.unpack_from("<Q", data, len(_MAGIC))
        pos = len(_MAGIC) + 8
        header = json.loads(data[pos : pos + size].decode("utf-8"))
        pos += size
        arrays: list[array[int]] = []
        for typecode, count in header["arrays"]:
            arr: array[int] = array(typecode)
            end = pos + count * arr.itemsize
            if end > len(data):
                raise ValueError(f"{path} is truncated or damaged")
            arr.frombytes(data[pos:end])
            arrays.append(arr)
            pos = end
        if pos != len(data):
            raise ValueError(f"{path} is truncated or damaged")
        keys, offsets, roles, *tables = arrays
        names: list[str] = header["names"]
        kinds: list[str | None] = header["kinds"]
        blocking = _Blocking(
            postings=_unflatten(header["postings_keys"], tables[0], tables[1]),
            generic=_unflatten(header["generic_keys"], tables[2], tables[3]),
            words=header["words"],
            block=_unflatten(header["block_keys"], tables[4], tables[5]),
        )
        read_as = {int(i): text for i, text in header["read_as"].items()}
        normalized = _StoredNames(names, kinds, header["tokens"], roles, offsets, read_as)
        return cls(keys, names, kinds, normalized, blocking)


@dataclass(frozen=True, slots=True)
class _Blocking:
    """The index's blocking keys: which rows hold which words, and which words are near."""

    postings: dict[str, array[int]]
    generic: dict[str, array[int]]
    words: list[str]
    block: dict[str, array[int]]

    @classmethod
    def build(cls, normalized: Sequence[NormalizedName]) -> _Blocking:
        postings: defaultdict[str, array[int]] = defaultdict(lambda: array("i"))
        generic: defaultdict[str, array[int]] = defaultdict(lambda: array("i"))
        for row, norm in enumerate(normalized):
            seen: set[str] = set()
            for tok in norm.tokens:
                key = skeleton(tok.text)
                if key in seen:
                    continue
                seen.add(key)
                (postings if tok.role in _BLOCKING_ROLES else generic)[key].append(row)
            for key in _whole_keys(norm):
                postings[key].append(row)
        words = list(postings)
        block: defaultdict[str, array[int]] = defaultdict(lambda: array("i"))
        for at, word in enumerate(words):
            if word.startswith("\x00"):
                continue
            for key in _fuzzy_keys(word):
                block[key].append(at)
        return cls(dict(postings), dict(generic), words, dict(block))


class _StoredNames(Sequence[NormalizedName]):
    """Normalised names read from the cache, each built when first asked for.

    A screening run reads a few thousand of ~100,000 names; building them all took longer
    than the rest of the load.
    """

    def __init__(
        self, names: list[str], kinds: list[str | None], tokens: list[list[str]],
        roles: array[int], offsets: array[int], read_as: dict[int, str] | None = None,
    ) -> None:  # fmt: skip
        self._names = names
        self._read_as = read_as or {}
        self._kinds = kinds
        self._tokens = tokens
        self._roles = roles
        self._offsets = offsets
        self._built: list[NormalizedName | None] = [None] * len(names)

    def __len__(self) -> int:
        return len(self._names)

    def token_texts(self) -> list[list[str]]:
        """[text, source] of every token of every name, without building the names."""
        return self._tokens

    @overload
    def __getitem__(self, i: int) -> NormalizedName: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[NormalizedName]: ...
    def __getitem__(self, i: int | slice) -> NormalizedName | Sequence[NormalizedName]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        built = self._built[i]
        if built is None:
            tokens, roles = self._tokens, self._roles
            built = self._built[i] = NormalizedName(
                self._read_as.get(i, self._names[i]),
                _norm_kind(self._kinds[i]),
                tuple(
                    Token(tokens[t][0], _ROLES[roles[t]], tokens[t][1])
                    for t in range(self._offsets[i], self._offsets[i + 1])
                ),
            )
        return built


def _flatten(table: dict[str, array[int]]) -> tuple[list[str], tuple[array[int], array[int]]]:
    keys = list(table)
    values: array[int] = array("i")
    ends: array[int] = array("i")
    for key in keys:
        values.extend(table[key])
        ends.append(len(values))
    return keys, (values, ends)


def _unflatten(keys: list[str], values: array[int], ends: array[int]) -> dict[str, array[int]]:
    out: dict[str, array[int]] = {}
    start = 0
    for key, end in zip(keys, ends, strict=True):
        out[key] = values[start:end]
        start = end
    return out


def _norm_kind(kind: str | None) -> str | None:
    """Normalisation differs for persons and vessels; organisations and unknown share one."""
    return kind if kind in {"person", "vessel"} else None


def _whole_keys(norm: NormalizedName) -> Iterator[str]:
    """Start and end of the name run together: catches words split or merged oddly."""
    joined = skeleton("".join(t.text for t in norm.tokens if t.role in (Role.NAME, Role.GENERIC)))
    if len(joined) >= 8:
        yield "\x00<" + joined[:5]
        yield "\x00>" + joined[-5:]


def _fuzzy_keys(word: str) -> Iterator[str]:
    """One-letter deletions (typos) and a 4-letter prefix (run-together words)."""
    if len(word) >= 3:
        yield word
    if len(word) >= 4:
        yield "\x01" + word[:4]
        for i in range(len(word)):
            yield word[:i] + word[i + 1 :]
