"""Legal forms in a name ("OOO" = LLC, "Pvt Ltd" = Private Limited), misspelt ones too
("LIMITDE", "LLCC", "TLD") where a name begins or ends."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

from screener.core.names.folding import skeleton
from screener.core.names.legal_slips import (
    dropped_letter_form,
    keeps_a_name,
    name_end,
    short_word_slip,
)
from screener.core.names.memo import word_memo
from screener.core.names.tokens import Role
from screener.core.names.word_tables import _Phrase, classify, word_tables


@dataclass(frozen=True, slots=True)
class LegalForm:
    canonical: str  # "LLC"
    variant: str  # folded text found in the name: "ooo"
    start: int  # token span in `tokenize(name)`
    end: int


def _only_places(tokens: Sequence[str]) -> bool:
    """ "AG (Austria)": a legal form before an appended country is still at the end."""
    roles = {t.role for t in classify(tokens, allowed={Role.COUNTRY, Role.PLACE, Role.STOP})}
    return roles <= {Role.COUNTRY, Role.PLACE, Role.STOP}


_LEGAL_MIN = 6  # letters: shorter legal words ("joint", "co") are too like other words


@cache
def _legal_words() -> tuple[str, ...]:
    """Every word of a legal-form variant long enough to recognise misspelt ("limited")."""
    words = {w for phrases in word_tables().legal.values() for p in phrases for w in p.tokens}
    return tuple(sorted(w for w in words if len(w) >= _LEGAL_MIN and w.isalpha()))


@cache
def _legal_word_set() -> frozenset[str]:
    """Every word of a legal-form variant ("joint", "stock", "company")."""
    return frozenset(
        w for phrases in word_tables().legal.values() for p in phrases for w in p.tokens
    )


_SWAP_MIN = 4  # letters: a shorter word with two letters swapped is too like another word


@word_memo(1 << 16)
def _legal_spelling(word: str) -> str:
    """ "limted" -> "limited", "compnay" -> "company": one edit from a legal-form word;
    "tsock" -> "stock": two letters swapped in a shorter one."""
    if len(word) < _SWAP_MIN or not word.isalpha() or word in word_tables().words:
        return word
    if len(word) < _LEGAL_MIN:
        swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
        found_short = sorted(swaps & _legal_word_set())
        return found_short[0] if found_short and word not in _legal_word_set() else word
    legal = _legal_words()
    if word in legal:
        return word
    found = extractOne(word, legal, scorer=OSA.distance, score_cutoff=1)
    return found[0] if found is not None else word


def respell_legal(toks: tuple[str, ...]) -> tuple[str, ...]:
    """Misspelt legal words at either end of a name (where forms stand) in their spelling:
    "LIMITDE LIABILITY COMPANY X", "X LLCC", "X TLD", "Fse X", "X PUBLIC JOIN STOCK COMPANY, RF"
    (an appended country or place does not move the end)."""
    if len(toks) < 2:
        return toks
    n, edge = name_end(toks), _LEGAL_EDGE
    edges = [*range(min(edge, n)), *range(max(edge, n - edge), n)]
    out = list(toks)
    # Slips only a form of several words tells from another word ("join" in "join stock
    # company"), and a form with a letter dropped ("fse") as the first word.
    several: set[int] = set()
    legal_words = _legal_word_set()
    for i in edges:
        t = toks[i]
        if len(t) < _SWAP_MIN:
            continue
        out[i] = _legal_spelling(t)
        if (
            out[i] == t
            and len(t) <= _SLIP_LONGEST
            and (
                (i > 0 and toks[i - 1] in legal_words) or (i + 1 < n and toks[i + 1] in legal_words)
            )
            and (near := short_word_slip(t))
        ):
            out[i] = near
            several.add(i)
    # A form of one word stands last: a word respelt elsewhere must make one of several.
    alone = range(max(min(_HEAD, n - 1), n - _TAIL), n)
    head = {i for i in edges if out[i] != toks[i] and i not in several and i not in alone}
    out[0] = _short_legal_spelling(out[0])
    out[n - 1] = _short_legal_spelling(out[n - 1])
    dropped: set[int] = set()
    if out[0] == toks[0] and len(toks[0]) <= 4 and (form := dropped_letter_form(toks[0])):
        out[0] = form  # only first: "Fse X", "Ojs X"; at the end "SAL" is a form of its own
        dropped.add(0)
    if out == list(toks):
        return toks
    # A respelt word stays so only where it makes a legal form, one of several words but at
    # the end: "Limitex Trading" keeps its name, "Limitde Liability Company X" not.
    forms = find_legal_forms(out)
    covered = {
        i
        for form in forms
        for i in range(form.start, form.end)
        if (i not in head and i not in several) or form.end - form.start > 1
    }
    in_forms = {i for form in forms for i in range(form.start, form.end)}
    if dropped & covered and not keeps_a_name(out, in_forms):
        covered -= dropped
    return tuple(
        new if i in covered else old for i, (old, new) in enumerate(zip(toks, out, strict=True))
    )


_LEGAL_EDGE = 5  # words at each end of a name where a legal form may stand (of up to five)
_HEAD, _TAIL = 3, 3  # where a name begins with a form of several words, or ends with one
_SLIP_LONGEST = 7  # letters of the words `short_word_slip` reads, and a legal word beside them


@cache
def _short_legal_forms() -> dict[str, str]:
    """One-word legal forms ("llc", "ltd", "cjsc") by spelling skeleton."""
    return {
        skeleton(p.tokens[0]): p.tokens[0]
        for phrases in word_tables().legal.values()
        for p in phrases
        if len(p.tokens) == 1 and len(p.tokens[0]) >= 3 and p.tokens[0].isalpha()
    }


@word_memo(1 << 16)
def _short_legal_spelling(word: str) -> str:
    """ "llcc" -> "llc", "lttda" -> "ltda", "tld" -> "ltd": a one-word legal form with a letter
    doubled or two letters swapped, where a name begins or ends."""
    if len(word) < 3 or not word.isalpha() or word in word_tables().words:
        return word
    forms = _short_legal_forms()
    if word in forms.values() or word in word_tables().legal:
        return word
    found = forms.get(skeleton(word))
    if found is not None and len(word) > len(found):
        return found
    for i in range(len(word) - 1):
        swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if swapped in forms.values():
            return swapped
    return word


def find_legal_forms(tokens: Sequence[str]) -> list[LegalForm]:
    """Legal forms in a folded token sequence, longest variant first, left to right.

    Forms that are also ordinary words ("AS", "AT", "PT") count only at the start or end (an
    appended country or place aside).
    """
    table = word_tables().legal
    spelt = _spelt_forms()
    found: list[LegalForm] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        phrases = table.get(tok, ())
        if len(tok) >= _SPELT_MIN and (other := spelt.get(skeleton(tok))):
            phrases = (*phrases, *other)
        for phrase in phrases:
            end = i + len(phrase.tokens)
            if tuple(tokens[i:end]) != phrase.tokens and (
                len(phrase.tokens) == 1
                or tuple(skeleton(t) for t in tokens[i:end]) != _skeletons(phrase.tokens)
            ):
                continue
            if phrase.edge_only and i != 0 and end != n and not _only_places(tokens[end:]):
                continue
            found.append(LegalForm(phrase.canonical, " ".join(tokens[i:end]), i, end))
            i = end
            break
        else:
            i += 1
    return found


_SPELT_MIN = 5  # letters of the first word of a form of several words ("joint", "obshchestvo")


@cache
def _spelt_forms() -> dict[str, tuple[_Phrase, ...]]:
    """Forms of several words by the spelling skeleton of their first: one romanisation of
    "ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ" listed stands for the others."""
    out: dict[str, list[_Phrase]] = {}
    for phrases in word_tables().legal.values():
        for p in phrases:
            if len(p.tokens) > 1:
                out.setdefault(skeleton(p.tokens[0]), []).append(p)
    return {k: tuple(sorted(v, key=lambda p: -len(p.tokens))) for k, v in out.items()}


@cache
def _skeletons(tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(skeleton(t) for t in tokens)
