"""The words of a query's candidates that one query word (or two run together) may pair with.

One search per query, whatever the kinds its candidates are scored as: `QueryWords.found` is a
superset of every word `matching._token_similarity` gives a similarity above zero under any
kind's rules (the reach filter confirms each per kind). The edit-distance part runs in
rapidfuzz's C code over the whole vocabulary at once; the rest are table look-ups.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

from screener.core.names.abbreviations import abbreviates
from screener.core.names.abjad import _MIN_CONSONANTS, consonant_key
from screener.core.names.matching import _ORG, _PERSON, _VESSEL
from screener.core.names.memo import word_memo
from screener.core.names.normalize import skeleton
from screener.core.names.variants import variant_keys

__all__ = ["REACH", "QueryWords", "word_keys"]

# `_token_similarity` allows no more edits than this under any kind's rules.
REACH = max(p.max_edits[2] for p in (_ORG, _PERSON, _VESSEL))


@word_memo(1 << 16)
def word_keys(word: str) -> tuple[str, str]:
    """What `QueryWords` looks a word up by: its skeleton and its consonants."""
    return skeleton(word), consonant_key(word)


class QueryWords:
    """The candidates' vocabulary, searched for each query word once, for every kind."""

    def __init__(self, vocabulary: Mapping[str, tuple[str, str]]) -> None:
        """`vocabulary`: every word of the names to be filtered, with its `word_keys`."""
        self.vocab = list(vocabulary)
        self.words = vocabulary
        self._keys = [k for k, _ in vocabulary.values()]
        self._tables: dict[str, dict[str, list[str]]] = {}
        self._found: dict[tuple[str, str], frozenset[str]] = {}
        self._person: dict[str, frozenset[str]] = {}
        self._ckeys: list[str] | None = None

    def found(self, text: str, short: str = "") -> frozenset[str]:
        """Every vocabulary word `text` may pair with as a word of an organisation or vessel
        (`short`: its abbreviated form, if any)."""
        key = (text, short)
        got = self._found.get(key)
        if got is None:
            got = self._found[key] = self._search(text, short)
        return got

    def found_person(self, text: str) -> frozenset[str]:
        """The further words `text` may pair with as part of a person's name: initials, and
        "mhmd" for "mohammad", beyond any edit distance."""
        got = self._person.get(text)
        if got is None:
            if len(text) == 1:
                found = {b for b in self.vocab if b.startswith(text)}
            else:
                found = {text[0]} & self.words.keys()  # its initial
            ckey = consonant_key(text)
            if len(ckey) >= _MIN_CONSONANTS:  # `unvoweled_match` needs as many
                if self._ckeys is None:
                    self._ckeys = [c for _, c in self.words.values()]
                found.update(_within(ckey, self._ckeys, self.vocab, 0))
            got = self._person[text] = frozenset(found)
        return got

    def _search(self, text: str, short: str) -> frozenset[str]:
        vocab = self.vocab
        if not vocab:
            return frozenset()
        # Every word within `REACH` edits as written or as a skeleton: the typo and spelling
        # rules, and the same word.
        found = set(_within(text, vocab, vocab, REACH))
        found.update(_within(skeleton(text), self._keys, vocab, REACH))
        for vkey in variant_keys(text):  # "bill" for "william": no edit distance finds these
            found.update(self._table("skeleton").get(vkey, ()))
        if short:  # "prod." for any word it may abbreviate ("production")
            found.update(
                b for b in self._table("first").get(short[:1], ()) if abbreviates(short, b)
            )
        return frozenset(found)

    def _table(self, name: str) -> dict[str, list[str]]:
        """The vocabulary by skeleton or first letter, each built when first asked (rarely)."""
        table = self._tables.get(name)
        if table is None:
            table = self._tables[name] = {}
            pairs: Iterable[tuple[str, str]]
            if name == "skeleton":
                pairs = ((k, b) for b, (k, _) in self.words.items())
            else:
                pairs = ((b[:1], b) for b in self.vocab)
            for key, word in pairs:
                table.setdefault(key, []).append(word)
        return table


def _within(text: str, keys: list[str], words: list[str], edits: int) -> Iterator[str]:
    """The words whose keys are at most `edits` edits from `text` (one C pass over them)."""
    for _, _, k in extract(text, keys, scorer=OSA.distance, score_cutoff=edits, limit=None):
        yield words[k]
