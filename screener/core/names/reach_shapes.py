"""What the reach filter (`reach`) reads of each listed name, and of a query's candidates.

A shape is computed once per distinct listed name and kept by the index, so it holds only
what every search needs: the skeletons of two neighbouring words run together, and the
consonant keys a person's filter compares, are looked up (memoised) by the few searches that
ask, for the few words near a query word in length.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from screener.core.names.matching import _digits, _word, short_form
from screener.core.names.normalize import NormalizedName, Role, skeleton
from screener.core.names.reach_words import REACH, QueryWords

__all__ = ["CandidateWords", "NameShape", "name_shape"]


@dataclass(slots=True, eq=False)  # not frozen: made for every name met, and frozen costs
class NameShape:  # a call per field
    """What `ReachFilter` reads of a listed name: computed once per name, kept by the index
    (never changed: it is shared)."""

    texts: tuple[str, ...]
    roles: tuple[str, ...]  # each `Role`'s value: a tuple of plain strings the collector
    #   leaves alone (the shapes of every name met stay in memory); it keys a weight table
    has_name: bool  # any distinctive word
    joined: str  # the distinctive words run together, as `_joined_score` compares them
    joined_key: str
    joined_digits: str
    pairs: tuple[tuple[int, str, bool], ...]  # neighbours run together (as written): k, text,
    #   whether either is distinctive
    pair_texts: tuple[str, ...]  # the texts of `pairs`
    shorts: tuple[tuple[int, str, bool], ...]  # abbreviated words ("prod."): k, short form,
    #   whether distinctive
    words: dict[str, str]  # `texts` and their skeletons


def name_shape(c: NormalizedName) -> NameShape:
    # Once per listed name met: lists built in comprehensions, roles read without the enum's
    # property (a Python call each).
    tokens = c.tokens
    words = [_word(t) for t in tokens]
    texts = tuple([t.text for t in tokens])
    roles: tuple[str, ...] = tuple([t.role._value_ for t in tokens])
    name = _NAME
    joined = "".join([t for t, r in zip(texts, roles, strict=True) if r == name])
    pairs = tuple(
        [
            (k, words[k] + words[k + 1], roles[k] == name or roles[k + 1] == name)
            for k in range(len(tokens) - 1)
        ]
    )
    return NameShape(
        texts=texts,
        roles=roles,
        has_name=name in roles,
        joined=joined,
        joined_key=skeleton(joined),
        joined_digits="" if joined.isalpha() else _digits(joined),  # nearly all: letters
        pairs=pairs,
        pair_texts=tuple([text for _, text, _ in pairs]),
        shorts=tuple(
            [
                (j, short, t.role is Role.NAME)
                for j, t in enumerate(tokens)
                if (short := short_form(t))
            ]
        ),
        words=dict(zip(texts, map(skeleton, texts), strict=True)),
    )


_NAME = Role.NAME.value


@dataclass(frozen=True, slots=True)
class CandidateWords:
    """The words of one query's candidate names, and their neighbours run together."""

    words: QueryWords
    pairs: QueryWords

    @classmethod
    def of(
        cls, shapes: Iterable[NameShape], lengths: Iterable[int] | None = None, slack: int = REACH
    ) -> CandidateWords:
        """`lengths`: of the query words two neighbours run together may pair with (None:
        any); `slack`: how far in length they may be from one (`reach._run_together`). Nearly
        all neighbours run together are longer, and not worth searching."""
        words: dict[str, str] = {}
        pair_texts: list[str] = []
        for shape in shapes:
            words.update(shape.words)
            pair_texts += shape.pair_texts
        texts = dict.fromkeys(pair_texts)  # in C: candidates share neighbours
        if lengths is None:
            pair_words = {text: skeleton(text) for text in texts}
        else:
            near = {n + d for n in lengths for d in range(-slack, slack + 1)}
            pair_words = {text: skeleton(text) for text in texts if len(text) in near}
        return cls(QueryWords(words), QueryWords(pair_words))
