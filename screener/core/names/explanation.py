"""What the officer reads beside a score: the words matched and how, the words either side
lacks with their roles, legal forms equated, and why a score was capped or lowered."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from screener.core.names.alignment import Pair
from screener.core.names.conflicts import Cap
from screener.core.names.normalize import NormalizedName, Role, Token


@dataclass(frozen=True, slots=True)
class NameScore:
    """A similarity and why: what the officer sees next to a potential match."""

    score: float
    explanation: str
    matched: tuple[tuple[str, str], ...]  # (query word, listed word)
    missing: tuple[str, ...]  # listed words the query lacks
    extra: tuple[str, ...]  # query words the listed name lacks
    legal_forms_equated: tuple[str, ...]  # "ooo = limited liability company (LLC)"


def explain(
    q: NormalizedName,
    c: NormalizedName,
    score: float,
    pairs: Sequence[Pair],
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
