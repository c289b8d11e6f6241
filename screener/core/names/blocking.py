"""Blocking keys of the name index: which listed names a query meets before it is scored.

Every key lives in the index's plain tables (`postings`: key -> name rows; `block`: key -> word
numbers), so the cache stores them like any word. Tagged keys start with a control character:
- "\\x00<", "\\x00>": the first and last five letters of the whole name run together;
- "\\x02" + skeleton: a patronymic ("Valeryevich"), which ranks the right "Dmitri" among
  thousands but never makes a candidate alone;
- "\\x03" + skeleton: the name's only distinctive word ("SAID", "Abu KHALIL"), so a one-word
  name outranks the long names sharing that word when a common word is all a query shares;
- "\\x05" + skeleton: two neighbouring words run together when one is too short to be
  split off a query word ("SA-ID" for a query "SAID");
- "\\x01" + four letters (block): a shared prefix, for words run together or split;
- "\\x04" + consonants, and each with one consonant left out (block, long words): vowels
  changed and one letter more ("PAULICHENKA" for "PAVLICHENKO").
Query words also meet the listed words two deletions away (long words only, where the scorer
allows two edits), and are split where a listed word ends ("OOOZARNITSA", "VEBINZHINIRING").
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from screener.core.names.abjad import consonant_key
from screener.core.names.matching import _ORG, _PERSON, _token_similarity
from screener.core.names.normalize import NormalizedName, Role, skeleton
from screener.core.names.sounds import sound_key, vowel_pattern

__all__ = ["VERSION", "block_keys", "deletions2", "listed_keys", "may_pair", "splits", "tagged"]

# Part of the name-index cache key: a cache built with other keys would silently lose recall.
VERSION = "2"

PATRONYMIC = "\x02"
ONLY = "\x03"
PREFIX = "\x01"
CONSONANTS = "\x04"
JOINED = "\x05"
SOUNDS = "\x06"
FAR = (CONSONANTS, SOUNDS)  # block keys whose words `may_pair` confirms
_ARTICLES = ("al", "el")
_ARTICLE_REST = 4  # as `matching` reads an article run on
_TAGS = frozenset("\x00\x02\x03\x05")  # postings keys that are not words
_MIN_CONSONANTS = 3  # as `abjad.unvoweled_match` needs ("sd" is "said", "saad", "sayed", ...)
_MIN_CONSONANTS_OFF = 5  # ... and with one left out: two letters off in a long word
_MIN_PART = 3  # a run-together part shorter than this is not looked up alone
_TWO_EDITS = 8  # words this long may differ in two letters (`matching` allows it from 8)
_LONGEST = 40  # longer "words" (a pasted paragraph) get no two-letter or split keys
LONG_PART = 5  # a part of a run-together query word this long is looked up alone
MANY_ROWS = 1000  # a key held by more names than this only ranks names holding others
SIMILAR_MEMO = 1 << 15  # query words whose near listed words the index keeps


def tagged(key: str) -> bool:
    """Whether a postings key is a tag (whole-name, patronymic, only-word) and not a word."""
    return key[:1] in _TAGS


def listed_keys(norm: NormalizedName) -> Iterator[tuple[str, bool]]:
    """(key, whether it goes to the distinctive postings) for one listed name; generic words
    and legal forms go to the table used when a query has nothing else."""
    seen: set[str] = set()
    names: list[str] = []
    for tok in norm.tokens:
        key = skeleton(tok.text)
        if key in seen:
            continue
        seen.add(key)
        if tok.role is Role.NAME:
            names.append(key)
            yield key, True
        else:
            yield key, False
            if tok.role is Role.PATRONYMIC:
                yield PATRONYMIC + key, True
    if len(names) == 1:
        yield ONLY + names[0], True
    for a, b in itertools.pairwise(norm.tokens):
        if min(len(a.text), len(b.text)) < _MIN_PART and a.role is not Role.LEGAL:
            yield JOINED + skeleton(a.text + b.text), True
    for key in whole_keys(norm):
        yield key, True


def whole_keys(norm: NormalizedName) -> Iterator[str]:
    """Start and end of the name run together: catches words split or merged oddly."""
    joined = skeleton("".join(t.text for t in norm.tokens if t.role in (Role.NAME, Role.GENERIC)))
    if len(joined) >= 8:
        yield "\x00<" + joined[:5]
        yield "\x00>" + joined[-5:]


def block_keys(word: str) -> Iterator[str]:
    """One-letter deletions (typos), a 4-letter prefix (run-together words), the consonants,
    the sounds, the word without a run-on article."""
    if len(word) >= 3:
        yield word
    if len(word) >= 4:
        yield PREFIX + word[:4]
        for i in range(len(word)):
            yield word[:i] + word[i + 1 :]
    if word[:2] in _ARTICLES and len(word) - 2 >= _ARTICLE_REST:
        yield word[2:]
    if len(word) >= 3:
        yield SOUNDS + sound_key(word) + vowel_pattern(word)
    key = consonant_key(word)
    if len(key) >= _MIN_CONSONANTS:
        yield CONSONANTS + key
    if len(key) >= _MIN_CONSONANTS_OFF:
        for i in range(len(key)):
            yield CONSONANTS + key[:i] + key[i + 1 :]


def may_pair(a: str, b: str) -> bool:
    """Whether the scorer may pair two word skeletons met by a far key (consonants, two
    deletions) as a person's or an organisation's words: the rest only crowd the candidates."""
    return (
        _token_similarity(a, b, _PERSON.max_edits, True)[0] > 0.0
        or _token_similarity(a, b, _ORG.max_edits, False)[0] > 0.0
    )


def deletions2(word: str) -> set[str]:
    """Two-letter deletions of a long word: they meet a listed word's one-letter deletions."""
    if not _TWO_EDITS <= len(word) <= _LONGEST:
        return set()
    return {word[:i] + word[i + 1 : j] + word[j + 1 :] for i, j in
            itertools.combinations(range(len(word)), 2)}  # fmt: skip


def splits(text: str) -> Iterator[tuple[str, str]]:
    """Skeletons of the two parts of a word run together, at every place ("ooozarnitsa":
    ("ooo", "zarnitsa"), ...); the index keeps the parts it lists."""
    if not 2 * _MIN_PART <= len(text) <= _LONGEST:
        return
    for i in range(_MIN_PART, len(text) - _MIN_PART + 1):
        yield skeleton(text[:i]), skeleton(text[i:])
