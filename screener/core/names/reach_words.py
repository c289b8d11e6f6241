"""The words of a query's candidates that one query word (or two run together) may pair with.

One search per query word over the words of the candidates of one kind: `QueryWords.found` is
a superset of every word `matching._token_similarity` gives a similarity above zero under any
kind's rules, with its edit distance (the reach filter confirms each, `edit_allowance` first).
The edit-distance part runs in rapidfuzz's C code over the whole vocabulary at once; the rest
are table look-ups.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import compress, filterfalse, repeat

from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

from screener.core.names.abbreviations import abbreviates
from screener.core.names.abjad import _MIN_CONSONANTS, consonant_key
from screener.core.names.edit_allowance import TABLE, most_edits
from screener.core.names.matching import _ORG, _PERSON, _VESSEL
from screener.core.names.memo import word_memo
from screener.core.names.normalize import skeleton
from screener.core.names.variants import variant_keys

__all__ = ["REACH", "QueryWords"]

# `_token_similarity` allows no more edits than this under any kind's rules.
REACH = max(p.max_edits[2] for p in (_ORG, _PERSON, _VESSEL))


_variant_keys = word_memo(1 << 14)(variant_keys)  # asked for every query word of every filter


class QueryWords:
    """The candidates' vocabulary, searched for each query word once, for every kind."""

    def __init__(
        self, vocabulary: Mapping[str, str], consonants: Mapping[str, str] | None = None
    ) -> None:
        """`vocabulary`: every word of the names to be filtered, with its skeleton;
        `consonants`: their `consonant_key`s, if known (computed when a person's name first
        needs them)."""
        self.vocab = list(vocabulary)
        self.words = vocabulary
        self._keys = list(vocabulary.values())
        self._consonants = consonants
        self._consonant_keys: list[str] | None = None  # of `vocab`, in order, when first asked
        self._found: dict[tuple[str, str], dict[str, int]] = {}
        self._person: dict[str, dict[str, int]] = {}

    def found(self, text: str, short: str = "") -> Mapping[str, int]:
        """Every vocabulary word `text` may pair with as a word of an organisation or vessel
        (`short`: its abbreviated form, if any), with its edits from `text` (`TABLE`: found
        by a table) for `edit_allowance.may_be_alike`."""
        key = (text, short)
        got = self._found.get(key)
        if got is None:
            got = self._found[key] = self._search(text, short)
        return got

    def found_person(self, text: str) -> Mapping[str, int]:
        """The further words `text` may pair with as part of a person's name: initials, and
        "mhmd" for "mohammad", beyond any edit distance (all `TABLE`)."""
        got = self._person.get(text)
        if got is None:
            if len(text) == 1:
                found = list(_starting(self.vocab, text))
            else:
                found = [text[0]] if text[0] in self.words else []  # its initial
            ckey = consonant_key(text)
            if len(ckey) >= _MIN_CONSONANTS:  # `unvoweled_match` needs as many
                keys = self._consonant_keys
                if keys is None:
                    known = self._consonants or _consonant_keys(self.vocab)
                    keys = self._consonant_keys = list(map(known.__getitem__, self.vocab))
                found.extend(compress(self.vocab, map(ckey.__eq__, keys)))
            got = self._person[text] = dict.fromkeys(found, TABLE)
        return got

    def _search(self, text: str, short: str) -> dict[str, int]:
        vocab = self.vocab
        if not vocab:
            return {}
        # Every word within the edits any rule allows a word of this length, as written or as
        # a skeleton (`edit_allowance`): the typo and spelling rules, and the same word.
        edits = most_edits(len(text), REACH)
        found: dict[str, int] = {}
        if edits:
            _within(found, text, vocab, vocab, edits)
        _within(found, skeleton(text), self._keys, vocab, edits)
        vkeys = _variant_keys(text)  # "bill" for "william": no edit distance finds these
        if vkeys:
            _add(found, compress(vocab, map(vkeys.__contains__, self._keys)), TABLE)
        if short:  # "prod." for any word it may abbreviate ("production")
            _add(found, (b for b in _starting(vocab, short[:1]) if abbreviates(short, b)), TABLE)
        return found


def _starting(words: list[str], prefix: str) -> Iterator[str]:
    """The words of `words` starting with `prefix` (tested in C: a filter's vocabulary is
    searched a few times, and building a table of it costs more)."""
    return compress(words, map(str.startswith, words, repeat(prefix)))


def _consonant_keys(words: list[str]) -> Mapping[str, str]:
    """A table holding the `consonant_key` of each of `words`, kept across searches: every
    word of a person's candidates is asked, most of them by an earlier search already."""
    global _CONSONANT_KEYS
    memo = _CONSONANT_KEYS
    missing = list(filterfalse(memo.__contains__, words))
    if len(memo) + len(missing) > _CONSONANT_MEMO:
        memo = _CONSONANT_KEYS = {}  # a new table: a search reading the old one keeps it
        missing = words
    memo.update(zip(missing, map(consonant_key, missing), strict=True))
    return memo


_CONSONANT_MEMO = 1 << 17
_CONSONANT_KEYS: dict[str, str] = {}


def _within(
    found: dict[str, int], text: str, keys: list[str], words: list[str], edits: int
) -> None:
    """Add the words whose keys are at most `edits` edits from `text` (one C pass over them),
    each with the fewest edits seen."""
    for _, dist, k in extract(text, keys, scorer=OSA.distance, score_cutoff=edits, limit=None):
        word = words[k]
        if dist < found.get(word, edits + 1):
            found[word] = int(dist)


def _add(found: dict[str, int], words: Iterable[str], edits: int) -> None:
    for word in words:
        if edits < found.get(word, edits + 1):
            found[word] = edits
