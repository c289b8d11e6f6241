"""Words that are one name or one number written differently: `lists/name_variants.csv`.

"Bill" is "William", "Mykola" is "Nikolai", "Juan" is "John"; "12", "twelve" and "12th" name
one brigade. Spelling and typo rules cannot see these, so the matcher asks here, and says so
in the explanation ("bill = william (variant)"). Words are compared by spelling skeleton, so
one row covers "Mohammed", "Mohamed" and "Muhammed" romanised any way.
"""

from __future__ import annotations

from functools import cache

from screener.core.names.memo import word_memo
from screener.core.names.normalize import skeleton, tokenize
from screener.core.resources import lists_dir, read_table

_PERSONS_ONLY = "romanisation"  # "Hsu" / "Xu": one person's name, not one company word


@cache
def _table() -> tuple[dict[str, frozenset[int]], frozenset[int]]:
    """Skeleton of each word -> the groups it belongs to (a word may be in several); the
    groups that hold for persons' names only."""
    out: dict[str, set[int]] = {}
    persons: set[int] = set()
    table = read_table(lists_dir() / "name_variants.csv", ("words", "kind"))
    for n, (_, row) in enumerate(table):
        if row["kind"] == _PERSONS_ONLY:
            persons.add(n)
        for word in row["words"].split(";"):
            toks = tokenize(word)
            if len(toks) == 1:
                out.setdefault(skeleton(toks[0]), set()).add(n)
    return {k: frozenset(v) for k, v in out.items()}, frozenset(persons)


def _groups() -> dict[str, frozenset[int]]:
    return _table()[0]


@cache
def _members() -> dict[int, frozenset[str]]:
    members: dict[int, set[str]] = {}
    for key, groups in _groups().items():
        for g in groups:
            members.setdefault(g, set()).add(key)
    return {g: frozenset(v) for g, v in members.items()}


def same_variant(a: str, b: str, *, person: bool = True) -> bool:
    """Whether two folded words are listed as one name or number (for a company's words, the
    romanisations of a person's name aside)."""
    ga = _group_of(a)
    if ga is None:
        return False
    gb = _group_of(b)
    if gb is None:
        return False
    common = ga & gb
    return bool(common) and (person or not common <= _table()[1])


@word_memo(1 << 16)
def _group_of(word: str) -> frozenset[int] | None:
    # Hot: the scorer asks for every word pair, run-together pairs included, which are longer
    # than any listed variant.
    if len(word) > _longest():
        return None
    return _groups().get(skeleton(word))


@cache
def _longest() -> int:
    """Length of the longest word that can have a variant (skeletons are never longer)."""
    return max(_LONGEST_SLACK + len(k) for k in _groups())


_LONGEST_SLACK = 4  # a skeleton is shorter than its word by at most a few collapsed letters


def variant_keys(word: str) -> frozenset[str]:
    """Skeletons of every word listed as the same name or number as `word` (it included)."""
    groups = _groups().get(skeleton(word), frozenset())
    members = _members()
    return frozenset().union(*(members[g] for g in groups)) if groups else frozenset()
