"""Name normalisation: fold any script to plain Latin tokens and say what each token is.

Everything here is a pure function of its input and of two tables in `lists/`:
`legal_forms.csv` (OOO = LLC, Pvt Ltd = Private Limited, ...) and `name_words.csv` (generic
words, stopwords, abbreviations, country names). The matcher weighs tokens by their role, so
"CORP" or "TRADING" alone can never make two names look alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

from screener.core.invisible import strip_invisible
from screener.core.names.abbreviations import dotted_words, join_spelled_letters
from screener.core.names.arabic import romanize_arabic_words
from screener.core.names.memo import word_memo
from screener.core.names.scripts import romanize_rest
from screener.core.resources import lists_dir, read_table

# One letter -> Latin. Russian after BGN/PCGN (the scheme most list romanisations follow),
# plus the Ukrainian, Belarusian, Kazakh and Serbian/Macedonian letters; other schemes
# (ICAO, passport, informal) are bridged later by `skeleton`.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "ў": "u",
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
    "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "g", "ќ": "k",
    "ѕ": "dz",
}  # fmt: skip
# Greek after ELOT 743 / ISO 843 (type 2), accents removed beforehand by NFD.
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i",
    "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
    "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}  # fmt: skip
# Arabic and Persian consonants (basic; short vowels are not written, so this only helps
# fuzzy matching against a romanisation, it cannot restore one).
_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h",
    "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d",
    "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "و": "w", "ي": "y", "ى": "a", "ة": "a", "ء": "", "ئ": "y", "ؤ": "w",
    "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k", "ی": "y",
}  # fmt: skip
# Armenian (ISO 9985 simplified) and Georgian (national system, 2002).
_ARMENIAN = dict(zip(
    "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ",
    ["a", "b", "g", "d", "e", "z", "e", "y", "t", "zh", "i", "l", "kh", "ts", "k", "h", "dz",
     "gh", "ch", "m", "y", "n", "sh", "o", "ch", "p", "j", "r", "s", "v", "t", "r", "ts", "v",
     "p", "k", "o", "f"],
    strict=True,
))  # fmt: skip
_GEORGIAN = dict(zip(
    "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ",
    ["a", "b", "g", "d", "e", "v", "z", "t", "i", "k", "l", "m", "n", "o", "p", "zh", "r", "s",
     "t", "u", "p", "k", "gh", "q", "sh", "ch", "ts", "dz", "ts", "ch", "kh", "j", "h"],
    strict=True,
))  # fmt: skip
# Latin letters that NFKD does not decompose into a base letter.
_LATIN_SPECIAL = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
    "ı": "i", "ħ": "h", "ŀ": "l", "ĸ": "k", "ŋ": "n",
}  # fmt: skip
_TRANSLIT = str.maketrans(
    {**_CYRILLIC, **_GREEK, **_ARABIC, **_ARMENIAN, **_GEORGIAN, **_LATIN_SPECIAL}
)

# Apostrophes and quote marks inside a word join it ("Int'l", "Ob'edinennaya").
_JOINERS = re.compile(r"['\u2018\u2019\u02bc\u02b9\u0060\u00b4]")
# "F.Z.E.", "L.L.C", "U.A.E." -> one token; a single dotted letter stays a letter.
_DOTTED_ACRONYM = re.compile(r"\b[a-z0-9](?:\.[a-z0-9])+\b\.?")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_INITIAL_DOT = re.compile(r"\b([^\W\d_])\.", re.UNICODE)


def transliterate(text: str) -> str:
    """Lower-case Latin text: Cyrillic, Greek, Arabic, Armenian, Georgian by the tables here,
    every other script by `scripts.romanize_rest`; invisible characters removed first."""
    text = unicodedata.normalize("NFKC", strip_invisible(text).text).casefold()
    # Greek accents must go before the table; Cyrillic й/ё/ї must not be decomposed.
    if any("\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff" for ch in text):
        text = "".join(
            _strip_marks(ch) if "\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff" else ch
            for ch in text
        )
    text = romanize_arabic_words(text).translate(_TRANSLIT)
    return _strip_marks(romanize_rest(text))


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces. Idempotent: fold(fold(x)) == fold(x)."""
    text = transliterate(text).replace("&", " and ")
    text = _JOINERS.sub("", text)
    text = _DOTTED_ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _NON_ALNUM.sub(" ", text)
    return " ".join(text.split())


def tokenize(text: str) -> tuple[str, ...]:
    return tuple(fold(text).split())


def reorder_last_first(text: str) -> str:
    """'SMITH, John A.' -> 'John A. SMITH'; anything without exactly one comma is unchanged."""
    parts = text.split(",")
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        return text
    return f"{parts[1].strip()} {parts[0].strip()}"


def split_initials(text: str) -> str:
    """'V.V. Bakhirev' -> 'V V Bakhirev': dotted initials of a person are separate letters."""
    return _INITIAL_DOT.sub(r"\1 ", text)


@lru_cache(maxsize=262144)
def skeleton(token: str) -> str:
    """A spelling key that bridges romanisation schemes and doubled letters.

    BGN, ICAO, passport and informal romanisations of the same Cyrillic word differ in
    kh/h, shch/sch, ya/ia/ja, y/i/j and doubled letters; all of them share this key.
    """
    s = token
    for old, new in _SKELETON_STEPS:
        s = s.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", s)


_SKELETON_STEPS = (
    ("x", "ks"), ("shch", "sh"), ("sch", "sh"), ("kh", "h"), ("zh", "z"), ("tz", "c"), ("ts", "c"),
    ("ck", "k"), ("ph", "f"), ("w", "v"), ("q", "k"),
    ("yu", "u"), ("ju", "u"), ("iu", "u"), ("ya", "a"), ("ja", "a"), ("ia", "a"),
    ("ye", "e"), ("je", "e"), ("yo", "o"), ("jo", "o"), ("j", "i"), ("y", "i"),
)  # fmt: skip


class Role(StrEnum):
    """What a token contributes to a name; the matcher weighs tokens by it."""

    NAME = "name"  # distinctive: carries the identity
    GENERIC = "generic"  # company, trading, services: common to thousands of names
    LEGAL = "legal"  # a canonical legal form (LLC, JSC, CO LTD)
    COUNTRY = "country"  # "Russian Federation" appended to an address-like name
    PARTICLE = "particle"  # bin, al, van: part of a person's name, weakly identifying
    STOP = "stop"  # and, of, the
    PLACE = "place"  # a city, district, emirate or free zone (lists/places.csv)
    PATRONYMIC = "patronymic"  # Ivanovich, Petrovna: a person's father's name, often left out


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # folded word; for a legal form its canonical name ("LLC")
    role: Role
    source: str  # the folded text it stands for ("obshchestvo s ogranichennoy ...", "intl")


@dataclass(frozen=True, slots=True)
class LegalForm:
    canonical: str  # "LLC"
    variant: str  # folded text found in the name: "ooo"
    start: int  # token span in `tokenize(name)`
    end: int


@dataclass(frozen=True, slots=True)
class NormalizedName:
    original: str
    kind: str | None
    tokens: tuple[Token, ...]

    def texts(self, *roles: Role) -> tuple[str, ...]:
        return tuple(t.text for t in self.tokens if not roles or t.role in roles)


@dataclass(frozen=True, slots=True)
class _Phrase:
    tokens: tuple[str, ...]
    canonical: str
    edge_only: bool


@dataclass(frozen=True, slots=True)
class _Tables:
    legal: dict[str, tuple[_Phrase, ...]]  # first token -> phrases, longest first
    abbreviations: dict[str, tuple[str, ...]]
    words: dict[str, tuple[tuple[tuple[str, ...], Role], ...]]  # first token -> phrases
    places: dict[str, str]  # folded place -> ISO country code


@cache
def _tables() -> _Tables:
    legal: dict[str, list[_Phrase]] = {}
    legal_columns = ("variant", "canonical", "position")
    for _, row in read_table(lists_dir() / "legal_forms.csv", legal_columns):
        toks = tokenize(row["variant"])
        if toks:
            phrase = _Phrase(toks, row["canonical"], row["position"] == "edge")
            legal.setdefault(toks[0], []).append(phrase)
    abbreviations: dict[str, tuple[str, ...]] = {}
    words: dict[str, list[tuple[tuple[str, ...], Role]]] = {}
    for _, row in read_table(lists_dir() / "name_words.csv", ("word", "expansion", "category")):
        toks = tokenize(row["word"])
        if not toks:
            continue
        if row["category"] == "abbrev":
            abbreviations[toks[0]] = tokenize(row["expansion"])
        else:
            words.setdefault(toks[0], []).append((toks, Role(row["category"])))
    places: dict[str, str] = {}
    for _, row in read_table(lists_dir() / "places.csv", ("place", "country", "kind")):
        toks = tokenize(row["place"])
        if toks:
            places[" ".join(toks)] = row["country"].upper()
            words.setdefault(toks[0], []).append((toks, Role.PLACE))
    return _Tables(
        legal={k: tuple(sorted(v, key=lambda p: -len(p.tokens))) for k, v in legal.items()},
        abbreviations=abbreviations,
        words={k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in words.items()},
        places=places,
    )


def place_country(phrase: str) -> str | None:
    """The ISO country of a folded place phrase ("tsuen wan" -> "HK"), None if not a place."""
    return _tables().places.get(phrase)


def _only_places(tokens: Sequence[str]) -> bool:
    """ "AG (Austria)": a legal form before an appended country is still at the end."""
    roles = {t.role for t in _classify(tokens, allowed={Role.COUNTRY, Role.PLACE, Role.STOP})}
    return roles <= {Role.COUNTRY, Role.PLACE, Role.STOP}


_LEGAL_MIN = 6  # letters: shorter legal words ("joint", "co") are too like other words


@cache
def _legal_words() -> tuple[str, ...]:
    """Every word of a legal-form variant long enough to recognise misspelt ("limited")."""
    words = {w for phrases in _tables().legal.values() for p in phrases for w in p.tokens}
    return tuple(sorted(w for w in words if len(w) >= _LEGAL_MIN and w.isalpha()))


@cache
def _legal_word_set() -> frozenset[str]:
    """Every word of a legal-form variant ("joint", "stock", "company")."""
    return frozenset(w for phrases in _tables().legal.values() for p in phrases for w in p.tokens)


_SWAP_MIN = 4  # letters: a shorter word with two letters swapped is too like another word


@word_memo(1 << 16)
def _legal_spelling(word: str) -> str:
    """ "limted" -> "limited", "compnay" -> "company": one edit from a legal-form word;
    "tsock" -> "stock": two letters swapped in a shorter one."""
    if len(word) < _SWAP_MIN or not word.isalpha() or word in _tables().words:
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


def _respell_legal(toks: tuple[str, ...]) -> tuple[str, ...]:
    """Misspelt legal words at either end of a name (where forms stand) in their spelling:
    "LIMITDE LIABILITY COMPANY X", "X LLCC", "X TLD"."""
    if len(toks) < 2:
        return toks
    n, edge = len(toks), _LEGAL_EDGE
    out = [_legal_spelling(t) if i < edge or i >= n - edge else t for i, t in enumerate(toks)]
    head = {i for i in range(min(edge, n - 1)) if out[i] != toks[i]}
    out[0] = _short_legal_spelling(out[0])
    out[-1] = _short_legal_spelling(out[-1])
    if out == list(toks):
        return toks
    # A respelt word stays so only where it makes a legal form, one of several words when the
    # name begins with it: "Limitex Trading" keeps its name, "Limitde Liability Company X" not.
    covered = {
        i
        for form in find_legal_forms(out)
        for i in range(form.start, form.end)
        if i not in head or form.end - form.start > 1
    }
    return tuple(
        new if i in covered else old for i, (old, new) in enumerate(zip(toks, out, strict=True))
    )


_LEGAL_EDGE = 3  # words at each end of a name where a legal form may stand


@cache
def _short_legal_forms() -> dict[str, str]:
    """One-word legal forms ("llc", "ltd", "cjsc") by spelling skeleton."""
    return {
        skeleton(p.tokens[0]): p.tokens[0]
        for phrases in _tables().legal.values()
        for p in phrases
        if len(p.tokens) == 1 and len(p.tokens[0]) >= 3 and p.tokens[0].isalpha()
    }


@word_memo(1 << 16)
def _short_legal_spelling(word: str) -> str:
    """ "llcc" -> "llc", "lttda" -> "ltda", "tld" -> "ltd": a one-word legal form with a letter
    doubled or two letters swapped, where a name begins or ends."""
    if len(word) < 3 or not word.isalpha() or word in _tables().words:
        return word
    forms = _short_legal_forms()
    if word in forms.values() or word in _tables().legal:
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
    table = _tables().legal
    found: list[LegalForm] = []
    i, n = 0, len(tokens)
    while i < n:
        for phrase in table.get(tokens[i], ()):
            end = i + len(phrase.tokens)
            if tuple(tokens[i:end]) != phrase.tokens:
                continue
            if phrase.edge_only and i != 0 and end != n and not _only_places(tokens[end:]):
                continue
            found.append(LegalForm(phrase.canonical, " ".join(phrase.tokens), i, end))
            i = end
            break
        else:
            i += 1
    return found


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
    out = _classify(toks, allowed={Role.PARTICLE})  # 'I' is an initial, not 'и'
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
    toks = _respell_legal(join_spelled_letters(tokenize(text)))
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
    keys = _tables().abbreviations
    return tuple(sorted(k for k in keys if len(k) >= _ABBREVIATION_TYPO_MIN and k.isalpha()))


@word_memo(1 << 16)
def _abbreviation_spelling(word: str) -> str:
    """ "ivest" -> "invest", "tehc" -> "tech": a slip in a written abbreviation ("" if none).

    Four letters: two swapped; six or more: one edit. Shorter ones, and words the tables
    know, are left alone ("impex" and "inpex" are different companies)."""
    tables = _tables()
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
    abbreviations = _tables().abbreviations
    expanded: list[tuple[str, str]] = []
    for tok in toks:
        full = abbreviations.get(tok) or abbreviations.get(_abbreviation_spelling(tok))
        if full:
            expanded.extend((word, tok) for word in full)
        else:
            expanded.append((tok, tok))
    words = [w for w, _ in expanded]
    tokens = _classify(words, allowed=set(Role) - {Role.PARTICLE, Role.LEGAL})
    return [
        Token(t.text, t.role, src if src != t.text else t.source)
        for t, (_, src) in zip(tokens, expanded, strict=True)
    ]


def _classify(toks: Sequence[str], *, allowed: set[Role]) -> list[Token]:
    table = _tables().words
    out: list[Token] = []
    i, n = 0, len(toks)
    while i < n:
        for phrase, role in table.get(toks[i], ()):
            end = i + len(phrase)
            if role in allowed and tuple(toks[i:end]) == phrase:
                out.extend(Token(t, role, t) for t in phrase)
                i = end
                break
        else:
            out.append(Token(toks[i], Role.NAME, toks[i]))
            i += 1
    return out
