"""Name normalisation: fold any script to plain Latin tokens and say what each token is.

Everything here is a pure function of its input and of two tables in `lists/`:
`legal_forms.csv` (OOO = LLC, Pvt Ltd = Private Limited, ...) and `name_words.csv` (generic
words, stopwords, abbreviations, country names). The matcher weighs tokens by their role, so
"CORP" or "TRADING" alone can never make two names look alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

from screener.core.names.abbreviations import dotted_words, join_spelled_letters
from screener.core.names.country_spelling import respell_country
from screener.core.names.folding import (
    fold,
    reorder_last_first,
    skeleton,
    split_initials,
    tokenize,
)
from screener.core.names.legal_forms import LegalForm, find_legal_forms, respell_legal
from screener.core.names.memo import word_memo
from screener.core.names.tokens import NormalizedName, Role, Token
from screener.core.names.transliteration import transliterate
from screener.core.names.word_tables import classify, place_country, word_tables

__all__ = [
    "LegalForm",
    "NormalizedName",
    "Role",
    "Token",
    "find_legal_forms",
    "fold",
    "normalize_name",
    "patronymic_stem",
    "place_country",
    "reorder_last_first",
    "skeleton",
    "split_initials",
    "tokenize",
    "transliterate",
]


@lru_cache(maxsize=131072)
def normalize_name(text: str, *, kind: str | None = None) -> NormalizedName:
    """Tokens of a name with their roles. Persons: 'LAST, First' reordered, initials split."""
    if kind == "person":
        return NormalizedName(text, kind, _person_tokens(text))
    if kind == "vessel":
        return NormalizedName(text, kind, _vessel_tokens(text))
    return NormalizedName(text, kind, _organization_tokens(text))


_VESSEL_PREFIXES = frozenset({"mv", "mt", "ms", "ss", "fv", "mts", "mvs", "m", "v", "t"})


def _vessel_tokens(text: str) -> tuple[Token, ...]:
    toks = list(tokenize(text))
    # "M/V", "MV", "M.T." are hull-type prefixes, not part of the registered name.
    while len(toks) > 1 and toks[0] in _VESSEL_PREFIXES:
        toks.pop(0)
    return tuple(Token(t, Role.NAME, t) for t in toks)


_PATRONYMIC_ENDING = r"(?:ovich|evich|ovych|evych|avich|ich|ovna|evna|ivna|ichna|yevna|auna)"
_PATRONYMIC = re.compile(r"^[a-z]{3,}" + _PATRONYMIC_ENDING + "$")
_PATRONYMIC_STEM = re.compile(r"^([a-z]{3,}?)(?:y|i)?" + _PATRONYMIC_ENDING + "$")


def patronymic_stem(word: str) -> str:
    """The father's name in a patronymic ("ihorivna" -> "ihor"), or the word unchanged."""
    found = _PATRONYMIC_STEM.match(word)
    return found.group(1) if found else word


_LEET = str.maketrans("013457", "oieast")
_LETTERS_AND_DIGITS = re.compile(r"(?=.*[a-z])(?=.*\d)")


# "НиколайНиколаевич", "AndreyAleksandrovich": two parts of a name written without a space.
# Both parts four letters or more, so "McDonald" and "MacLeod" stay one name.
_GLUED_PARTS = re.compile(
    r"\b([A-ZА-ЯЁІЇЄҐЎ][a-zа-яёіїєґў]{3,})(?=[A-ZА-ЯЁІЇЄҐЎ][a-zа-яёіїєґў]{3,})"
)


def _person_tokens(text: str) -> tuple[Token, ...]:
    text = _GLUED_PARTS.sub(r"\1 ", text)
    toks = tokenize(split_initials(reorder_last_first(text)))
    # "S3rgei": a person's name has no digits, so a digit among letters stands for one.
    toks = tuple(t.translate(_LEET) if _LETTERS_AND_DIGITS.match(t) else t for t in toks)
    out = classify(toks, allowed={Role.PARTICLE})  # 'I' is an initial, not 'и'
    if len(out) > 2:  # "Ivan Petrovich Sidorov": the part after the given name names the father
        for i in range(1, len(out)):
            t, before = out[i], out[i - 1]
            # Only one, right after a name: "Vital Ivanavich STASIUKEVICH" keeps its family.
            if t.role is Role.NAME and before.role is Role.NAME and _PATRONYMIC.match(t.text):
                out[i] = Token(t.text, Role.PATRONYMIC, t.source)
                break
    return tuple(out)


_GLUED_FORM = re.compile(r"(?<=[a-z])(LLC|LTD|JSC|PJSC|GMBH|INC|CORP|FZE|FZCO|PLC)\b")


def _organization_tokens(text: str) -> tuple[Token, ...]:
    text = _GLUED_FORM.sub(r" \1", text)  # "ZarnitsaLLC": a form run onto the name
    toks = join_spelled_letters(tokenize(text))
    toks = respell_country(toks, text=text)
    toks = respell_legal(toks)
    out: list[Token] = []
    pos = 0
    for form in find_legal_forms(toks):
        out.extend(_expand_and_classify(toks[pos : form.start]))
        out.append(Token(form.canonical, Role.LEGAL, form.variant))
        pos = form.end
    out.extend(_expand_and_classify(toks[pos:]))
    if not any(t.role is Role.NAME for t in out):
        # A name made only of generic words and places ("Bank of Moscow"): those words are
        # its identity.
        identity = (Role.GENERIC, Role.PLACE)
        out = [Token(t.text, Role.NAME, t.source) if t.role in identity else t for t in out]
    dotted = dotted_words(transliterate(text)) if "." in text else frozenset()
    if dotted:
        # "PROD.": the source keeps the dot, which lets the matcher read it as an abbreviation.
        out = [
            Token(t.text, t.role, t.source + ".")
            if t.text in dotted and t.source == t.text and t.role in (Role.NAME, Role.GENERIC)
            else t
            for t in out
        ]
    return tuple(out)


_ABBREVIATION_TYPO_MIN = 6  # letters of an abbreviation a one-edit slip of is read as it


@cache
def _long_abbreviations() -> tuple[str, ...]:
    keys = word_tables().abbreviations
    return tuple(sorted(k for k in keys if len(k) >= _ABBREVIATION_TYPO_MIN and k.isalpha()))


@word_memo(1 << 16)
def _abbreviation_spelling(word: str) -> str:
    """ "ivest" -> "invest", "tehc" -> "tech": a slip in a written abbreviation ("" if none).

    Four letters: two swapped; six or more: one edit. Shorter ones, and words the tables
    know, are left alone ("impex" and "inpex" are different companies)."""
    tables = word_tables()
    if not word.isalpha() or word in tables.words or word in tables.abbreviations:
        return ""
    if len(word) == 4:
        for i in range(3):
            swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            if swapped in tables.abbreviations:
                return swapped
        return ""
    if len(word) < _ABBREVIATION_TYPO_MIN - 1:
        return ""
    found = extractOne(word, _long_abbreviations(), scorer=OSA.distance, score_cutoff=1)
    return found[0] if found is not None else ""


def _expand_and_classify(toks: Sequence[str]) -> list[Token]:
    abbreviations = word_tables().abbreviations
    expanded: list[tuple[str, str]] = []
    for tok in toks:
        full = abbreviations.get(tok) or abbreviations.get(_abbreviation_spelling(tok))
        if full:
            expanded.extend((word, tok) for word in full)
        else:
            expanded.append((tok, tok))
    words = [w for w, _ in expanded]
    tokens = classify(words, allowed=set(Role) - {Role.PARTICLE, Role.LEGAL})
    return [
        Token(t.text, t.role, src if src != t.text else t.source)
        for t, (_, src) in zip(tokens, expanded, strict=True)
    ]
