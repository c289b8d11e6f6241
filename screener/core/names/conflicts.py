"""What tells two similar names apart: caps on the score, each with the reason it gives.

An unmatched word only dilutes a score; these rules see what dilution cannot:
- persons: each side keeps a distinctive part the other lacks ("Ali Hassan al-Basri" and
  "Ali Hassan al-Kufi": another family, clan or father; "Pavlovich" and "Viktorovich"). A part
  missing from one side only (a middle name, a patronymic) is not a conflict, nor two parts
  that may be one name spelt two ways ("Ihor" / "Igor", "Chin" / "Jin", "Deeb" / "Dib");
- organisations: each side names a place or country the other does not ("Bank of X" and
  "Bank of Y", "... Shanghai" and "... Shenzhen"). Dubai and the UAE agree: a place is
  compared with a country by the country it lies in;
- organisations: the only words matched are short ones matched with a typo ("TEAC" and
  "TEACO") or ones two edits apart ("Tianjian" and "Tanyuan"): a weak hit;
- organisations: one distinctive word in common while each side keeps other words, when that
  word is short or frequent in the listed names ("CLC Industries" and "CLC Holdings"), or when
  the words kept are names or generic words ("Spaceon Electronics", "Spaceon Technology").
Each cap only lowers a score, so the reach filter's upper bound stays valid.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from screener.core.names.normalize import (
    Role,
    Token,
    place_country,
)
from screener.core.names.person_parts import married_name, plausible, split_differently
from screener.core.names.sounds import same_sounds, vowel_pattern
from screener.core.rules.countries import country_in_name

CONFLICT_CAP = 0.7
"""A name with a conflict lands here: below the alert threshold, in a manual search's review."""
WEAK_CAP = 0.75
_FAR_TYPO = 0.8  # two edits in a word of up to ten letters: "Tianjian" and "Tanyuan"
_SHORT_WORD = 3  # letters: "CLC", "TOP": shared by too many names to carry a match alone
_SHORT_TYPO = 5  # letters: a typo in a word this short or shorter is too easy a resemblance


@dataclass(frozen=True, slots=True)
class Cap:
    limit: float
    reason: str  # what the officer reads: "conflict: basri / kufi"


def find_cap(
    qt: Sequence[Token],
    ct: Sequence[Token],
    aligned: Iterable[tuple[tuple[int, ...], tuple[int, ...], str, float]],
    *,
    person: bool,
    common: Callable[[str], bool] | None = None,
) -> Cap | None:
    """The cap the aligned names fall under, if any.

    `aligned`: (query indexes, listed indexes, how, similarity) of each aligned pair.
    """
    aligned = list(aligned)
    q_done = {i for q, _, _, _ in aligned for i in q}
    c_done = {j for _, c, _, _ in aligned for j in c}
    if person:
        q_left = [t.source for i, t in enumerate(qt) if i not in q_done and _distinctive(t)]
        c_left = [t.source for j, t in enumerate(ct) if j not in c_done and _distinctive(t)]
        if (
            q_left
            and c_left
            and not any(plausible(a, b) for a in q_left for b in c_left)
            and not split_differently(q_left, c_left)
            and not married_name(q_left)
            and not married_name(c_left)
        ):
            return Cap(CONFLICT_CAP, f"conflict: {' '.join(q_left)} / {' '.join(c_left)}")
        return lone_inexact(qt, ct, aligned)
    q_places = _locations(qt, q_done)
    c_places = _locations(ct, c_done)
    if q_places and c_places and not any(_agree(a, b) for a in q_places for b in c_places):
        shown = " ".join(p[2] for p in q_places), " ".join(p[2] for p in c_places)
        return Cap(CONFLICT_CAP, f"different places: {shown[0]} / {shown[1]}")
    lone = lone_inexact(qt, ct, aligned)
    if lone is not None:
        return lone
    name_pairs = [
        (q, c, how, sim)
        for q, c, how, sim in aligned
        if any(qt[i].role is Role.NAME for i in q) and any(ct[j].role is Role.NAME for j in c)
    ]
    # Another word agreeing ("Ligt Navigation" / "Light Navigation") makes a short typo
    # plausible; a place or a legal form in common does not.
    backed = sum(qt[q[0]].role in _WORDS for q, _, _, _ in aligned) > len(name_pairs)
    if name_pairs and all(
        how == "typo" and ((_short(qt[q[0]], ct[c[0]]) and not backed) or sim < _FAR_TYPO)
        for q, c, how, sim in name_pairs
    ):
        words = ", ".join(f"{qt[q[0]].source}~{ct[c[0]].source}" for q, c, _, _ in name_pairs)
        return Cap(WEAK_CAP, f"weak: only a short or far typo matched ({words})")
    if len(name_pairs) == 1 and _kept(qt, q_done, _ANY) and _kept(ct, c_done, _ANY):
        (i, *_), _, _, _ = name_pairs[0]
        word = qt[i].text
        if len(word) <= _SHORT_WORD or (common is not None and common(word)):
            why = "short" if len(word) <= _SHORT_WORD else "common in the lists"
            return Cap(WEAK_CAP, f"weak: one {why} word in common ({qt[i].source})")
        if _kept(qt, q_done, _WORDS) and _kept(ct, c_done, _WORDS):
            return Cap(WEAK_CAP, f"weak: one word in common ({qt[i].source}), others differ")
    return None


def lone_inexact(
    qt: Sequence[Token],
    ct: Sequence[Token],
    aligned: Sequence[tuple[tuple[int, ...], tuple[int, ...], str, float]],
) -> Cap | None:
    """Both names carry one distinctive word, and those two only resemble each other
    ("MUKAND" / "MUKANDA", "SODTECH" / "SOLTECH"): countless unlisted names are that close to
    some listed one, so this alone is a weak hit."""
    q_names = {i for i, t in enumerate(qt) if t.role is Role.NAME}
    c_names = {j for j, t in enumerate(ct) if t.role is Role.NAME}
    if not q_names or not c_names:
        return None
    for q, c, how, sim in aligned:
        if q_names <= set(q) and c_names <= set(c):
            # A generic word agreeing as well ("Ligt Navigation" / "Light Navigation") backs it.
            if any(qt[x[0][0]].role is Role.GENERIC for x in aligned):
                return None
            word = max(len(qt[i].text) for i in q)
            inexact = how in ("typo", "joined", "spelling") and sim < _WHOLE_WORD
            if word >= _LONG_WORD and sim >= _LONG_SLIP:
                return None  # one slip in a long word ("GRANPEDT" / "GRANPECT") still tells
            if word >= _VERY_LONG_WORD and sim >= _VERY_LONG_SLIP:
                return None  # "TRANSSERVIS" / "TRANSSERVICE": two in a very long one
            a = "".join(qt[i].text for i in q)
            b = "".join(ct[j].text for j in c)
            if word >= _SHORT_TYPO and same_sounds(a, b) and vowel_pattern(a) == vowel_pattern(b):
                return None  # "DALCOS" / "DALKOS", "TALEBAN" / "TALIBAN": a romanisation
            legal = any(qt[x[0][0]].role is Role.LEGAL for x in aligned)
            if legal and how == "typo" and word >= _FORM_WORD and sim >= 1.0 - 1.0 / word:
                return None  # "LANJAX LLC" / "LANMAX LLC": one slip, and the same legal form
            if inexact or (how == "spelling" and word <= _SHORT_TYPO - 1):
                shown = f"{' '.join(qt[i].source for i in q)}~{' '.join(ct[j].source for j in c)}"
                return Cap(WEAK_CAP, f"weak: one distinctive word each, only alike ({shown})")
            return None
    return None


_WHOLE_WORD = 0.95  # the similarity of a word run together exactly ("gazprombank")
_LONG_WORD = 8  # letters: a word this long is rarely one slip from another listed word
_LONG_SLIP = 0.875  # the similarity of one edit in eight letters
_VERY_LONG_WORD = 11
_VERY_LONG_SLIP = 0.8  # two edits in ten letters
_FORM_WORD = 6  # letters: one slip in a word this long, with a legal form agreeing, still tells
_ANY = frozenset(Role) - {Role.LEGAL, Role.STOP}
_WORDS = frozenset({Role.NAME, Role.GENERIC})  # not an appended country or place


def _kept(tokens: Sequence[Token], done: set[int], roles: frozenset[Role]) -> bool:
    """Whether a name keeps a word of `roles` the other lacks."""
    return any(i not in done and t.role in roles for i, t in enumerate(tokens))


def _short(a: Token, b: Token) -> bool:
    return max(len(a.text), len(b.text)) <= _SHORT_TYPO


def _distinctive(token: Token) -> bool:
    # Two different patronymics are two different fathers; an initial never conflicts.
    return token.role in (Role.NAME, Role.PATRONYMIC) and len(token.text) > 1


_Location = tuple[str, str, str]  # ISO country, place ("" for a country), as written


def _locations(tokens: Sequence[Token], done: set[int]) -> list[_Location]:
    """Unmatched runs of place and country words as locations."""
    out: list[_Location] = []
    run: list[Token] = []
    for i, tok in enumerate([*tokens, None]):
        if tok is not None and i not in done and _is_location(tok):
            if run and (run[-1].role is Role.COUNTRY) != (tok.role is Role.COUNTRY):
                out += _phrase(run)
                run = []
            run.append(tok)
            continue
        if run:
            out += _phrase(run)
            run = []
    return out


def _is_location(tok: Token) -> bool:
    # A place is a name's identity when nothing else is ("Bank of Moscow"): still a place.
    return tok.role in (Role.PLACE, Role.COUNTRY) or (
        tok.role is Role.NAME and place_country(tok.text) is not None
    )


def _phrase(run: Sequence[Token]) -> list[_Location]:
    text = " ".join(t.text for t in run)
    shown = " ".join(t.source for t in run)
    if run[0].role is not Role.COUNTRY:
        code = place_country(text)
        if code:
            return [(code, text, shown)]
        return [(c, t.text, t.source) for t in run if (c := place_country(t.text))]
    known = country_in_name(text)
    if known is not None:
        return [(known.country.iso2.upper(), "", shown)]
    # "china hong kong": each word on its own; one the reference cannot place has no say.
    single = [(country_in_name(t.text), t.source) for t in run]
    return [(k.country.iso2.upper(), "", src) for k, src in single if k is not None]


def _agree(a: _Location, b: _Location) -> bool:
    """Same country, and the same place unless one side names only the country."""
    return a[0] == b[0] and (not a[1] or not b[1] or a[1] == b[1])
