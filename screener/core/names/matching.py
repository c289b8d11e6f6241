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

from collections.abc import Callable, Sequence

from rapidfuzz.fuzz import ratio

from screener.core.names import match_params
from screener.core.names.alignment import Pair, align, as_written, short_form
from screener.core.names.conflicts import Cap, find_cap, lone_inexact
from screener.core.names.explanation import NameScore, explain
from screener.core.names.match_params import DEFAULT_THRESHOLD, KINDS, Params, params_for
from screener.core.names.normalize import NormalizedName, Role, Token, normalize_name, skeleton
from screener.core.names.qualifiers import apply_qualifiers
from screener.core.names.rarity import rarity_score
from screener.core.names.word_similarity import token_similarity

__all__ = [
    "DEFAULT_THRESHOLD",
    "NameScore",
    "apply_qualifiers",
    "explain_normalized",
    "explain_similarity",
    "name_similarity",
    "score_normalized",
    "short_form",
]

# The reach filter and the blocking (reach.py, reach_words.py, blocking.py) read these.
_ORG = match_params.ORG
_PERSON = match_params.PERSON
_VESSEL = match_params.VESSEL
_params = params_for
_token_similarity = token_similarity
_word = as_written

# A name none of whose distinctive words matched is at most this, however much else agrees.
_NO_DISTINCTIVE_CAP = 0.5
_RARITY_FROM = 0.6  # below this rarity cannot change what the officer sees: not computed


def name_similarity(query: str, candidate: str, *, kind: str | None = None) -> float:
    """Similarity of a query name to a listed name in [0, 1]; kind: person/organization/vessel."""
    return score_normalized(_norm(query, kind), _norm(candidate, kind), kind=kind)


def explain_similarity(query: str, candidate: str, *, kind: str | None = None) -> NameScore:
    """`name_similarity` with the matched, missing and extra words and the legal forms equated."""
    return explain_normalized(_norm(query, kind), _norm(candidate, kind), kind=kind)


def _norm(text: str, kind: str | None) -> NormalizedName:
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {sorted(KINDS)} or None, not {kind!r}")
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
    return _evaluated(q, c, _params(kind), common, frequency)[0]


def explain_normalized(
    q: NormalizedName,
    c: NormalizedName,
    *,
    kind: str | None = None,
    common: Callable[[str], bool] | None = None,
    frequency: Callable[[str], int] | None = None,
) -> NameScore:
    score, pairs, via_joined, cap, rare = _evaluated(q, c, _params(kind), common, frequency)
    return explain(q, c, score, pairs, via_joined, cap, rare)


_Evaluation = tuple[float, list[Pair], bool, Cap | None, tuple[str, ...]]
# The index scores a query against names the lists repeat, then explains each hit: both ask
# again for an evaluation already made. Keyed by the words compared; emptied when full.
_EVALUATED: dict[tuple[object, ...], _Evaluation] = {}
_EVALUATED_LIMIT = 1 << 12


def _evaluated(
    q: NormalizedName,
    c: NormalizedName,
    p: Params,
    common: Callable[[str], bool] | None,
    frequency: Callable[[str], int] | None,
) -> _Evaluation:
    key = (q.tokens, c.tokens, id(p), common, frequency)  # p: one of three module constants
    got = _EVALUATED.get(key)
    if got is None:
        if len(_EVALUATED) >= _EVALUATED_LIMIT:
            _EVALUATED.clear()
        got = _EVALUATED[key] = _evaluate(q, c, p, common, frequency)
    return got


def _evaluate(
    q: NormalizedName,
    c: NormalizedName,
    p: Params,
    common: Callable[[str], bool] | None,
    frequency: Callable[[str], int] | None = None,
) -> _Evaluation:
    if not q.tokens or not c.tokens:
        return 0.0, [], False, None, ()
    pairs = align(q.tokens, c.tokens, p)
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


def _token_score(
    qt: Sequence[Token], ct: Sequence[Token], pairs: Sequence[Pair], p: Params
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


def _joined_score(q: NormalizedName, c: NormalizedName, pairs: Sequence[Pair], p: Params) -> float:
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


def _all_names_aligned(qt: Sequence[Token], ct: Sequence[Token], pairs: Sequence[Pair]) -> bool:
    q_done = {i for x in pairs for i in (x.q, *x.q_extra)}
    c_done = {j for x in pairs for j in x.c}
    return all(i in q_done for i, t in enumerate(qt) if t.role is Role.NAME) and all(
        j in c_done for j, t in enumerate(ct) if t.role is Role.NAME
    )


def _count_names(tokens: Sequence[Token]) -> int:
    return sum(1 for t in tokens if t.role is Role.NAME)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())
