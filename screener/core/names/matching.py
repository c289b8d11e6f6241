"""Name similarity in [0, 1] with the explanation an officer reads.

Two normalised names are aligned token by token (exact, same spelling skeleton, small typo,
or one word run together from two). Each token carries a weight from its role: a distinctive
word weighs most, generic words ("trading", "services") and legal forms ("LLC") little, so a
shared "CORP" never makes a match. Words of the query that the listed name lacks cost more
than listed words the query left out: orders drop words far more often than they add
distinctive ones, and an added distinctive word is what separates "Canara Bank" from "CANARA".
The names are also compared run together ("NORTHCREDIT" vs "NORTH CREDIT"); the better of the
two comparisons is the score.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA
from rapidfuzz.fuzz import ratio

from screener.core.names.abbreviations import ABBREVIATION_CREDIT, abbreviates
from screener.core.names.abjad import unvoweled_match
from screener.core.names.conflicts import Cap, find_cap, lone_inexact
from screener.core.names.normalize import NormalizedName, Role, Token, normalize_name, skeleton
from screener.core.names.person_parts import letter_put_before
from screener.core.names.rarity import rarity_score
from screener.core.names.sounds import (
    letter_pattern,
    one_vowel_apart,
    same_sounds,
    swapped_letters,
    vowel_pattern,
)
from screener.core.names.variants import same_variant
from screener.core.rules.countries import resolve_country

DEFAULT_THRESHOLD = 0.80
"""A score at or above this is a potential match: show it to the officer."""

_KINDS = frozenset({"person", "organization", "vessel"})


@dataclass(frozen=True, slots=True)
class _Params:
    weights: dict[Role, float]
    extra: float  # cost factor of a query word the listed name lacks
    missing: float  # cost factor of a listed word the query left out
    max_edits: tuple[int, int, int]  # typos allowed in words of 5-7, 8-12, more letters
    joined_min: float  # run-together similarity below which that comparison is ignored
    numbers_must_match: bool = False  # "NORTHERN LARK 2" is another hull


_ORG = _Params(
    weights={
        Role.NAME: 1.0,
        Role.GENERIC: 0.35,
        Role.COUNTRY: 0.12,
        Role.LEGAL: 0.12,
        Role.PARTICLE: 0.3,
        Role.STOP: 0.05,
        Role.PLACE: 0.12,
        Role.PATRONYMIC: 0.35,
    },
    extra=1.0,
    missing=0.6,
    max_edits=(1, 2, 3),
    joined_min=0.9,
)
_PERSON = _Params(
    weights={**_ORG.weights, Role.NAME: 1.0, Role.PARTICLE: 0.3},
    extra=0.4,  # a part on one side only is no conflict (conflicts.py)
    missing=0.3,  # lists carry patronymics and middle names an order rarely has
    max_edits=(1, 2, 2),
    joined_min=0.9,
)
_VESSEL = _Params(
    weights=dict.fromkeys(Role, 1.0),
    extra=1.0,
    missing=1.0,
    max_edits=(1, 1, 1),
    joined_min=0.97,
    numbers_must_match=True,
)
# A name none of whose distinctive words matched is at most this, however much else agrees.
_NO_DISTINCTIVE_CAP = 0.5
_RARITY_FROM = 0.6  # below this rarity cannot change what the officer sees: not computed
_INITIAL_CREDIT = 0.7
_UNVOWELED_CREDIT = 0.85  # "mhmd" for "Mohammad": Arabic script romanised without vowels
_VARIANT_CREDIT = 0.9  # "Bill" for "William": one name, but not the same spelling
_SOUNDS_CREDIT = 0.9  # a person's name part in another romanisation: "Golboddin" / "Gulbuddin"
_FAR_SOUNDS = 0.8  # the same, beyond the typo allowance: "Fedir" / "Fyodor"
_ARTICLE_REST = 4  # letters after a run-on article, so "alan" is never "an"
_FAR_SOUNDS_MIN = 5  # letters: shorter parts ("Rami" / "Rima") are too easily alike
_SHORT_TYPO_CREDIT = 0.6  # one edit in a four-letter company word; below a distinctive hit
_SHORT_SLIP_CREDIT = 0.75  # a four-letter word with two letters swapped or one vowel changed


def _params(kind: str | None) -> _Params:
    if kind == "person":
        return _PERSON
    if kind == "vessel":
        return _VESSEL
    return _ORG


@dataclass(frozen=True, slots=True)
class NameScore:
    """A similarity and why: what the officer sees next to a potential match."""

    score: float
    explanation: str
    matched: tuple[tuple[str, str], ...]  # (query word, listed word)
    missing: tuple[str, ...]  # listed words the query lacks
    extra: tuple[str, ...]  # query words the listed name lacks
    legal_forms_equated: tuple[str, ...]  # "ooo = limited liability company (LLC)"


@dataclass(frozen=True, slots=True)
class _Pair:
    q: int
    c: tuple[int, ...]  # one listed token, or two run together
    sim: float
    how: str  # "exact", "spelling", "typo", "initial", "joined"
    q_extra: tuple[int, ...] = ()  # further query tokens consumed (query split, listed joined)


def name_similarity(query: str, candidate: str, *, kind: str | None = None) -> float:
    """Similarity of a query name to a listed name in [0, 1]; kind: person/organization/vessel."""
    return score_normalized(_norm(query, kind), _norm(candidate, kind), kind=kind)


def explain_similarity(query: str, candidate: str, *, kind: str | None = None) -> NameScore:
    """`name_similarity` with the matched, missing and extra words and the legal forms equated."""
    return explain_normalized(_norm(query, kind), _norm(candidate, kind), kind=kind)


def _norm(text: str, kind: str | None) -> NormalizedName:
    if kind is not None and kind not in _KINDS:
        raise ValueError(f"kind must be one of {sorted(_KINDS)} or None, not {kind!r}")
    return normalize_name(text, kind=kind)


def score_normalized(
    q: NormalizedName,
    c: NormalizedName,
    *,
    kind: str | None = None,
    common: Callable[[str], bool] | None = None,
    frequency: Callable[[str], int] | None = None,
) -> float:
    """The score alone, for pre-normalised names (the index scores thousands of these).

    `common(word)`: whether a word is frequent in the listed names (the index knows); a match
    on one common word only is a weak hit. `frequency(word)`: in how many listed names a word
    is; common words then weigh less (rarity.py).
    """
    return _evaluate(q, c, _params(kind), common, frequency)[0]


def explain_normalized(
    q: NormalizedName,
    c: NormalizedName,
    *,
    kind: str | None = None,
    common: Callable[[str], bool] | None = None,
    frequency: Callable[[str], int] | None = None,
) -> NameScore:
    score, pairs, via_joined, cap, rare = _evaluate(q, c, _params(kind), common, frequency)
    return _explain(q, c, score, pairs, via_joined, cap, rare)


def _evaluate(
    q: NormalizedName,
    c: NormalizedName,
    p: _Params,
    common: Callable[[str], bool] | None,
    frequency: Callable[[str], int] | None = None,
) -> tuple[float, list[_Pair], bool, Cap | None, tuple[str, ...]]:
    if not q.tokens or not c.tokens:
        return 0.0, [], False, None, ()
    pairs = _align(q.tokens, c.tokens, p)
    token_score = _token_score(q.tokens, c.tokens, pairs, p)
    joined_score = _joined_score(q, c, pairs, p)
    via_joined = joined_score > token_score
    score = joined_score if via_joined else token_score
    rare: tuple[str, ...] = ()
    if frequency is not None and not via_joined and score >= _RARITY_FROM:
        aligned_sims = (((x.q, *x.q_extra), x.c, x.sim) for x in pairs)
        w = p.weights
        weighted, seen = rarity_score(q.tokens, c.tokens, aligned_sims, w, p.extra, p.missing,
                                      frequency)  # fmt: skip
        if weighted < score:
            score, rare = weighted, seen
    aligned = (((x.q, *x.q_extra), x.c, x.how, x.sim) for x in pairs)
    if p is _VESSEL:
        cap = lone_inexact(q.tokens, c.tokens, list(aligned))
    else:
        cap = find_cap(q.tokens, c.tokens, aligned, person=p is _PERSON, common=common)
    if cap is not None and score > cap.limit:
        score = cap.limit
    else:
        cap = None
    return round(score, 4), pairs, via_joined, cap, rare


def _align(qt: Sequence[Token], ct: Sequence[Token], p: _Params) -> list[_Pair]:
    """Greedy one-to-one alignment, best pairs first; then words run together."""
    person = p is _PERSON
    max_edits = p.max_edits
    too_far = max_edits[2] + 2  # `_token_similarity` is 0 beyond this length difference
    similarity = _token_similarity
    listed = [(j, b.text, len(b.text), b.role is Role.LEGAL or b.role is Role.STOP)
              for j, b in enumerate(ct)]  # fmt: skip
    cands: list[_Pair] = []
    for i, a in enumerate(qt):
        text = a.text
        size = len(text)
        fuzzy = a.role is not Role.LEGAL and a.role is not Role.STOP
        for j, other, other_size, rigid in listed:
            if text == other:
                cands.append(_Pair(i, (j,), 1.0, "exact"))
                continue
            if not fuzzy or rigid:
                continue
            if (
                abs(size - other_size) > too_far
                and not (person and 1 in (size, other_size))
                and not same_variant(text, other)
                and not (person and unvoweled_match(text, other))
            ):
                continue
            sim, how = similarity(text, other, max_edits, person)
            if sim > 0.0:
                cands.append(_Pair(i, (j,), sim, how))
    cands += _abbreviation_pairs(qt, ct)
    cands.sort(key=lambda x: (-x.sim, x.q, x.c))
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs: list[_Pair] = []
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


def _abbreviation_pairs(qt: Sequence[Token], ct: Sequence[Token]) -> list[_Pair]:
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
                out.append(_Pair(i, (j,), ABBREVIATION_CREDIT, "abbreviation"))
    return out


def _joined_pairs(
    qt: Sequence[Token], ct: Sequence[Token], used_q: set[int], used_c: set[int], p: _Params
) -> list[_Pair]:
    """'gazprombank' against 'gazprom bank', in either direction, among unaligned words."""
    out = [
        _Pair(i, (j, j + 1), sim, "joined")
        for i, j, sim in _run_together(qt, ct, used_q, used_c, p, whole_is_query=True)
    ]
    out += [
        _Pair(i, (j,), sim, "joined", q_extra=(i + 1,))
        for j, i, sim in _run_together(ct, qt, used_c, used_q, p, whole_is_query=False)
    ]
    return out


def _run_together(
    whole: Sequence[Token],
    split: Sequence[Token],
    used_whole: set[int],
    used_split: set[int],
    p: _Params,
    *,
    whole_is_query: bool,
) -> Iterator[tuple[int, int, float]]:
    """One unaligned word of `whole` against two unaligned neighbours of `split` run together.

    Yields (index in `whole`, index of the first of the two in `split`, similarity) and marks
    the words used, so each word joins at most one pair.
    """
    if len(split) < 2:
        return
    person = p is _PERSON
    slack = p.max_edits[2]
    joined_words = [_word(split[k]) + _word(split[k + 1]) for k in range(len(split) - 1)]
    for i, a in enumerate(whole):
        if i in used_whole or a.role is Role.LEGAL:
            continue
        size = len(a.text)
        for j, joined in enumerate(joined_words):
            if j in used_split or j + 1 in used_split or abs(size - len(joined)) > slack:
                continue
            x, y = (a.text, joined) if whole_is_query else (joined, a.text)
            sim, _ = _token_similarity(x, y, p.max_edits, person)
            if sim > 0.0:
                used_whole.add(i)
                used_split.update((j, j + 1))
                yield i, j, min(sim, 0.95)
                break


def _word(token: Token) -> str:
    """The word as written: 'invest' for a token expanded to 'investment'."""
    return token.source if token.source.isalnum() else token.text


@lru_cache(maxsize=1 << 18)  # words repeat across names; bounded, so memory stays flat
def _token_similarity(
    a: str, b: str, max_edits: tuple[int, int, int], person: bool
) -> tuple[float, str]:
    # Hot: the reach filter asks for ~150 pairs per query, nearly all answered "no".
    if a == b:
        return 1.0, "exact"
    if same_variant(a, b):
        return _VARIANT_CREDIT, "variant"
    la, lb = len(a), len(b)
    if person:
        if la == 1 or lb == 1:
            short, long_ = (a, b) if la == 1 else (b, a)
            return (_INITIAL_CREDIT, "initial") if long_.startswith(short) else (0.0, "")
        if unvoweled_match(a, b):
            return _UNVOWELED_CREDIT, "consonants"
    if abs(la - lb) > max_edits[2] + 2 or not a.isalpha() or not b.isalpha():
        return 0.0, ""  # "163" and "164" are different plants
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return 0.95, "spelling"
    n = la if la > lb else lb
    if person:
        gap = la - lb
        if letter_put_before(a, b):  # "Amer" / "Samer": another name
            return 0.0, ""
        if (gap == 2 or gap == -2) and _glued_article(a, b):
            return _SOUNDS_CREDIT, "spelling"  # "Elsheikh" / "Sheikh": the article run on
    slack = max_edits[2]
    raw = OSA.distance(a, b, score_cutoff=slack + 1)
    if person:
        edits = min(raw, OSA.distance(sa, sb, score_cutoff=slack + 1))
        if (
            la > 2
            and lb > 2
            and edits <= slack
            and same_sounds(a, b)
            and (vowel_pattern(a) == vowel_pattern(b))
        ):
            # "Deeb" / "Dib", "Bouchra" / "Bushra": one name in two romanisations, within
            # the edits the reach filter looks at.
            if edits <= (max_edits[0] if n <= 7 else max_edits[1]):
                return max(_SOUNDS_CREDIT, 1.0 - edits / n), "spelling"
            if n >= _FAR_SOUNDS_MIN and letter_pattern(a) == letter_pattern(b):
                return _FAR_SOUNDS, "spelling"
    if n == 4 and (swapped_letters(a, b) or (person and one_vowel_apart(a, b))):
        # "Iogr" for "Igor", "Chol" for "Chul": a slip or a romanisation, not another name.
        return _SHORT_SLIP_CREDIT, "typo" if swapped_letters(a, b) else "spelling"
    partial = not person and slack > 1  # companies; a vessel's name is matched near exactly
    if n == 4 and partial and la > 2 and lb > 2 and raw <= 1:
        # "Sham Hei" / "Shan Hei": too weak to count as a distinctive word in common ("TATA"
        # and "SATA" stay apart), but part of the agreement when the other words agree.
        return _SHORT_TYPO_CREDIT, "typo"
    if la < 3 or lb < 3 or n < 5:
        return 0.0, ""  # "TATA" and "SATA" are different names
    allowed = max_edits[0] if n <= 7 else max_edits[1] if n <= 12 else max_edits[2]
    if not person:
        # Romanisation schemes differ in persons' names (above) and in long words; in a short
        # company word the skeleton is too forgiving ("ayer" and "jagger" share "ager").
        edits = min(raw, OSA.distance(sa, sb, score_cutoff=slack + 1)) if n > 7 else raw
    if edits > allowed:
        if partial and n <= 7 and raw == allowed + 1 <= slack:
            return _SHORT_TYPO_CREDIT, "typo"  # "Sount Fleet" / "South Fleet": as above
        return 0.0, ""
    if edits and raw > edits and not person:
        # A typo on top of another spelling ("Tianjian" / "Tanyuan"): between the two counts,
        # the plain one counted to at most one more than allowed.
        return 1.0 - (edits + min(raw, allowed + 1)) / (2 * n), "typo"
    return 1.0 - edits / n, "typo"


def _glued_article(a: str, b: str) -> bool:
    """'alsheikh' / 'sheikh', 'elhabel' / 'habel': an Arabic article written onto the name."""
    long_, short = (a, b) if len(a) > len(b) else (b, a)
    return (
        len(short) >= _ARTICLE_REST
        and len(long_) == len(short) + 2
        and long_[:2] in ("al", "el")
        and long_[2:] == short
    )


def _token_score(
    qt: Sequence[Token], ct: Sequence[Token], pairs: Sequence[_Pair], p: _Params
) -> float:
    w = p.weights
    matched = total = 0.0
    q_done: set[int] = set()
    c_done: set[int] = set()
    name_hit_q = name_hit_c = False
    for pair in pairs:
        q_idx = (pair.q, *pair.q_extra)
        wq = sum(w[qt[i].role] for i in q_idx)
        wc = sum(w[ct[j].role] for j in pair.c)
        matched += pair.sim * (wq + wc)
        total += wq + wc
        q_done.update(q_idx)
        c_done.update(pair.c)
        if pair.sim >= 0.75:
            name_hit_q |= any(qt[i].role is Role.NAME for i in q_idx)
            name_hit_c |= any(ct[j].role is Role.NAME for j in pair.c)
    total += p.extra * sum(w[t.role] for i, t in enumerate(qt) if i not in q_done)
    total += p.missing * sum(w[t.role] for j, t in enumerate(ct) if j not in c_done)
    score = matched / total if total else 0.0
    has_name_q = any(t.role is Role.NAME for t in qt)
    has_name_c = any(t.role is Role.NAME for t in ct)
    if (has_name_q and not name_hit_q) or (has_name_c and not name_hit_c):
        score = min(score, _NO_DISTINCTIVE_CAP)
    if p.numbers_must_match and any(
        not t.text.isalpha() for i, t in enumerate(qt) if i not in q_done
    ) | any(not t.text.isalpha() for j, t in enumerate(ct) if j not in c_done):
        score = min(score, _NO_DISTINCTIVE_CAP)
    return score


def _joined_score(
    q: NormalizedName, c: NormalizedName, pairs: Sequence[_Pair], p: _Params
) -> float:
    """The token score again, with all distinctive words of each name run together.

    Catches split or merged words and typos that break a word apart ("NORTHCREDIT" vs
    "NORTH CREDIT"). Generic words and legal forms still count as in the token score, so
    "DELTA ELECTRONICS" and "DELTA TRADING" do not become equal by ignoring them.
    """
    qt, ct = q.tokens, c.tokens
    a = "".join(t.text for t in qt if t.role is Role.NAME)
    b = "".join(t.text for t in ct if t.role is Role.NAME)
    if len(a) < 6 or len(b) < 6 or _digits(a) != _digits(b):
        return 0.0  # short strings are too easy to resemble; numbers must agree
    if _count_names(qt) == _count_names(ct) and _all_names_aligned(qt, ct, pairs):
        # Every word has its partner: nothing was split or run together, and the token
        # comparison has judged each pair ("Tata Motors" is not "Sata Motors" run together).
        return 0.0
    sim = ratio(skeleton(a), skeleton(b)) / 100.0
    if sim < p.joined_min:
        return 0.0
    w = p.weights
    name_w = w[Role.NAME] * sum(1 for t in (*qt, *ct) if t.role is Role.NAME)
    matched, total = sim * name_w, name_w
    q_done = {i for i, t in enumerate(qt) if t.role is Role.NAME}
    c_done = {j for j, t in enumerate(ct) if t.role is Role.NAME}
    for pair in pairs:
        q_idx = (pair.q, *pair.q_extra)
        if any(i in q_done for i in q_idx) or any(j in c_done for j in pair.c):
            continue
        wq = sum(w[qt[i].role] for i in q_idx)
        wc = sum(w[ct[j].role] for j in pair.c)
        matched += pair.sim * (wq + wc)
        total += wq + wc
        q_done.update(q_idx)
        c_done.update(pair.c)
    total += p.extra * sum(w[t.role] for i, t in enumerate(qt) if i not in q_done)
    total += p.missing * sum(w[t.role] for j, t in enumerate(ct) if j not in c_done)
    # A little below the token score for the same agreement: that comparison is exact.
    return max(0.0, matched / total - 0.03)


def _all_names_aligned(qt: Sequence[Token], ct: Sequence[Token], pairs: Sequence[_Pair]) -> bool:
    q_done = {i for x in pairs for i in (x.q, *x.q_extra)}
    c_done = {j for x in pairs for j in x.c}
    return all(i in q_done for i, t in enumerate(qt) if t.role is Role.NAME) and all(
        j in c_done for j, t in enumerate(ct) if t.role is Role.NAME
    )


def _count_names(tokens: Sequence[Token]) -> int:
    return sum(1 for t in tokens if t.role is Role.NAME)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _explain(
    q: NormalizedName,
    c: NormalizedName,
    score: float,
    pairs: Sequence[_Pair],
    via_joined: bool,
    cap: Cap | None,
    rare: tuple[str, ...] = (),
) -> NameScore:
    qt, ct = q.tokens, c.tokens
    matched: list[tuple[str, str]] = []
    notes: list[str] = []
    legal: list[str] = []
    q_done: set[int] = set()
    c_done: set[int] = set()
    for pair in sorted(pairs, key=lambda x: x.q):
        q_idx = (pair.q, *pair.q_extra)
        q_text = " ".join(qt[i].source for i in q_idx)
        c_text = " ".join(ct[j].source for j in pair.c)
        q_done.update(q_idx)
        c_done.update(pair.c)
        matched.append((q_text, c_text))
        tok = qt[pair.q]
        if tok.role is Role.LEGAL:
            if q_text != c_text:
                legal.append(f"{q_text} = {c_text} ({tok.text})")
            continue
        if pair.how == "exact" and q_text == c_text:
            notes.append(q_text)
        elif pair.how == "exact":
            notes.append(f"{q_text}~{c_text} (same word)")  # "ivest" read as "invest"
        elif pair.how == "variant":
            notes.append(f"{q_text} = {c_text} (variant)")
        else:
            notes.append(f"{q_text}~{c_text} ({pair.how})")
    missing = tuple(ct[j].source for j in range(len(ct)) if j not in c_done)
    extra = tuple(qt[i].source for i in range(len(qt)) if i not in q_done)
    parts = [f"{round(score * 100)}%"]
    if notes:
        parts.append("matched: " + ", ".join(notes))
    if legal:
        parts.append("legal forms equated: " + "; ".join(legal))
    if missing:
        parts.append("missing from query: " + ", ".join(_with_role(ct, missing)))
    if extra:
        parts.append("extra in query: " + ", ".join(_with_role(qt, extra)))
    if via_joined:
        parts.append("compared run together")
    if not any(t.role is Role.NAME for i, t in enumerate(ct) if i in c_done):
        parts.append("no distinctive word in common")
    if rare:
        parts.append("common in the lists, weighed less: " + ", ".join(rare))
    if cap is not None:
        parts.append(cap.reason)
    return NameScore(
        score=score,
        explanation="; ".join(parts),
        matched=tuple(matched),
        missing=missing,
        extra=extra,
        legal_forms_equated=tuple(legal),
    )


def _with_role(tokens: Sequence[Token], words: Sequence[str]) -> list[str]:
    roles = {t.source: t.role for t in tokens}
    out = []
    for word in dict.fromkeys(words):
        role = roles.get(word, Role.NAME)
        out.append(word if role is Role.NAME else f"{word} ({role.value})")
    return out


def apply_qualifiers(
    score: float,
    *,
    query_country: str | None,
    entry_countries: Sequence[str],
    query_ids: Sequence[str] = (),
    entry_ids: Sequence[str] = (),
) -> tuple[float, str]:
    """Adjust a name score by country and identifiers; returns (score, note for the officer).

    An identifier in common (IMO, tax or registration number) is a strong hit whatever the
    name says. A known country that contradicts the entry's countries lowers the score a
    little, never below the threshold for an exact name. Countries the reference knows compare
    as ISO codes whatever their spelling ("RUSSIAN FEDERATION" is "RU"); others as written,
    and a code is never compared with an unknown name.
    """
    shared = _ids(query_ids) & _ids(entry_ids)
    if shared:
        return max(score, 0.98), "identifier matches: " + ", ".join(sorted(shared))
    q = _country_code(query_country or "")
    listed = {_country_code(x) for x in entry_countries if x.strip()}
    comparable = {x for x in listed if (len(x) == 2) == (len(q) == 2)}
    if not q or not comparable or q in comparable:
        return score, ""
    lowered = score - 0.05
    if score >= 0.99:
        lowered = max(lowered, DEFAULT_THRESHOLD)
    countries = ", ".join(sorted(x.upper() for x in comparable))
    return round(max(0.0, lowered), 4), f"different countries: {q.upper()} / {countries}"


def _country_code(text: str) -> str:
    """'ru', 'russian federation' and 'Russia' all as 'ru'; an unknown name casefolded.

    The country reference remembers its answers by text, so this is cheap on a hot path."""
    text = text.strip()
    known = resolve_country(text) if text else None
    return known.country.iso2.casefold() if known is not None else text.casefold()


def _ids(values: Sequence[str]) -> set[str]:
    """Identifiers compared on letters and digits only; too-short values never match."""
    out = set()
    for v in values:
        key = "".join(ch for ch in v.upper() if ch.isalnum())
        key = key.removeprefix("IMO")
        if len(key) >= 5:
            out.add(key)
    return out
