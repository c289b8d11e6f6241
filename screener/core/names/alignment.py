"""Which word of one name goes with which of the other: greedy, best pairs first, then
abbreviations ("PROD." / "Production") and words run together ("gazprombank" / "gazprom
bank") among the words left."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from screener.core.names.abbreviations import ABBREVIATION_CREDIT, abbreviates
from screener.core.names.abjad import unvoweled_match
from screener.core.names.match_params import PERSON, Params
from screener.core.names.normalize import Role, Token
from screener.core.names.variants import same_variant
from screener.core.names.word_similarity import token_similarity


@dataclass(frozen=True, slots=True)
class Pair:
    q: int
    c: tuple[int, ...]  # one listed token, or two run together
    sim: float
    how: str  # "exact", "spelling", "typo", "initial", "joined"
    q_extra: tuple[int, ...] = ()  # further query tokens consumed (query split, listed joined)


def align(qt: Sequence[Token], ct: Sequence[Token], p: Params) -> list[Pair]:
    """Greedy one-to-one alignment, best pairs first; then words run together."""
    person = p is PERSON
    max_edits = p.max_edits
    too_far = max_edits[2] + 2  # `token_similarity` is 0 beyond this length difference
    similarity = token_similarity
    listed = [(j, b.text, len(b.text), b.role is Role.LEGAL or b.role is Role.STOP)
              for j, b in enumerate(ct)]  # fmt: skip
    cands: list[Pair] = []
    for i, a in enumerate(qt):
        text = a.text
        size = len(text)
        fuzzy = a.role is not Role.LEGAL and a.role is not Role.STOP
        for j, other, other_size, rigid in listed:
            if text == other:
                cands.append(Pair(i, (j,), 1.0, "exact"))
                continue
            if not fuzzy or rigid:
                continue
            if (
                abs(size - other_size) > too_far
                and not (person and 1 in (size, other_size))
                and not same_variant(text, other, person=person)
                and not (person and unvoweled_match(text, other))
            ):
                continue
            sim, how = similarity(text, other, max_edits, person)
            if sim > 0.0:
                cands.append(Pair(i, (j,), sim, how))
    cands += _abbreviation_pairs(qt, ct)
    cands.sort(key=lambda x: (-x.sim, x.q, x.c))
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs: list[Pair] = []
    for pair in cands:
        if pair.q not in used_q and pair.c[0] not in used_c:
            pairs.append(pair)
            used_q.add(pair.q)
            used_c.add(pair.c[0])
    if len(used_q) < len(qt) and len(used_c) < len(ct):
        pairs.extend(_joined_pairs(qt, ct, used_q, used_c, p))
    return pairs


def short_form(token: Token) -> str:
    """The word as abbreviated on the document ("prod" for "PROD."), or "" if it is not one."""
    if token.source.endswith("."):
        return token.source[:-1]
    if token.role is Role.GENERIC and token.source != token.text and token.source.isalnum():
        return token.source  # expanded from the abbreviation table: "intl", "prod"
    return ""


def _abbreviation_pairs(qt: Sequence[Token], ct: Sequence[Token]) -> list[Pair]:
    """'PROD.' against 'Production', either way round: only generic words are abbreviated."""
    q_short = [short_form(a) for a in qt]
    c_short = [short_form(b) for b in ct]
    if not any(q_short) and not any(c_short):
        return []  # nearly every pair of names: nothing abbreviated
    out = []
    for i, a in enumerate(qt):
        for j, b in enumerate(ct):
            if a.text == b.text:
                continue
            sa, sb = q_short[i], c_short[j]
            if (sa and b.role is Role.GENERIC and abbreviates(sa, b.text)) or (
                sb and a.role is Role.GENERIC and abbreviates(sb, a.text)
            ):
                out.append(Pair(i, (j,), ABBREVIATION_CREDIT, "abbreviation"))
    return out


def _joined_pairs(
    qt: Sequence[Token], ct: Sequence[Token], used_q: set[int], used_c: set[int], p: Params
) -> list[Pair]:
    """'gazprombank' against 'gazprom bank', in either direction, among unaligned words."""
    out = [
        Pair(i, (j, j + 1), sim, "joined")
        for i, j, sim in _run_together(qt, ct, used_q, used_c, p, whole_is_query=True)
    ]
    out += [
        Pair(i, (j,), sim, "joined", q_extra=(i + 1,))
        for j, i, sim in _run_together(ct, qt, used_c, used_q, p, whole_is_query=False)
    ]
    return out


def _run_together(
    whole: Sequence[Token],
    split: Sequence[Token],
    used_whole: set[int],
    used_split: set[int],
    p: Params,
    *,
    whole_is_query: bool,
) -> Iterator[tuple[int, int, float]]:
    """One unaligned word of `whole` against two unaligned neighbours of `split` run together.

    Yields (index in `whole`, index of the first of the two in `split`, similarity) and marks
    the words used, so each word joins at most one pair.
    """
    if len(split) < 2:
        return
    person = p is PERSON
    slack = p.max_edits[2]
    joined_words = [as_written(split[k]) + as_written(split[k + 1]) for k in range(len(split) - 1)]
    for i, a in enumerate(whole):
        if i in used_whole or a.role is Role.LEGAL:
            continue
        size = len(a.text)
        for j, joined in enumerate(joined_words):
            if j in used_split or j + 1 in used_split or abs(size - len(joined)) > slack:
                continue
            x, y = (a.text, joined) if whole_is_query else (joined, a.text)
            sim, _ = token_similarity(x, y, p.max_edits, person)
            if sim > 0.0:
                used_whole.add(i)
                used_split.update((j, j + 1))
                yield i, j, min(sim, 0.95)
                break


def as_written(token: Token) -> str:
    """The word as written: 'invest' for a token expanded to 'investment'."""
    return token.source if token.source.isalnum() else token.text
