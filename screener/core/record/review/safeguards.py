"""Which decisions need more than a justification, from the policy's `[decisions]` section.

Safeguarded: clearing a hit at or above `near_exact_score` on a blocking list (or a finding
whose severity is block), and releasing a line whose verdict is block. They need a reason code
and a justification of `min_justification` characters, and (`four_eyes_clear`,
`four_eyes_release`) a second approval by someone else before they take effect.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from screener.core.record.review.decision_model import Action, DecisionError, ReasonCode
from screener.core.rules.policy import Policy

REASONS_TEXT = ", ".join(r.label.lower() for r in ReasonCode)


@dataclass(frozen=True, slots=True)
class HitFacts:
    """What a safeguard needs to know of a hit."""

    id: int
    source: str
    sub_source: str
    score: float
    entry_id: str


@dataclass(frozen=True, slots=True)
class Safeguard:
    why: str  # "" when the decision is not safeguarded
    needs_approval: bool

    @property
    def applies(self) -> bool:
        return bool(self.why)


NONE = Safeguard("", False)


def safeguard_for(
    policy: Policy,
    action: Action,
    *,
    verdict: str,
    hits: Sequence[HitFacts],
    findings: Sequence[Mapping[str, Any]],
) -> Safeguard:
    """`hits`/`findings`: those the decision covers (one, or all of the line's items)."""
    if action is Action.CLEARED:
        for h in hits:
            if h.score >= policy.near_exact_score and policy.is_blocking(h.source, h.sub_source):
                why = (
                    f"clearing a {h.score:.0%} match on blocking list {h.source}"
                    f" (entry {h.entry_id})"
                )
                return Safeguard(why, policy.four_eyes_clear)
        for f in findings:
            if f.get("severity") == "block":
                return Safeguard(
                    f"clearing a blocking finding ({f.get('code')})", policy.four_eyes_clear
                )
    if action is Action.RELEASED_WITH_LICENCE and verdict == "block":
        return Safeguard("releasing a blocked line", policy.four_eyes_release)
    return NONE


def check(guard: Safeguard, policy: Policy, reason: ReasonCode | None, justification: str) -> None:
    """Refuse a safeguarded decision without a reason code or a long enough justification."""
    if not guard.applies:
        return
    if reason is None:
        raise DecisionError(f"{guard.why} needs a reason: one of {REASONS_TEXT}")
    if len(justification) < policy.min_justification:
        raise DecisionError(
            f"{guard.why} needs a justification of at least {policy.min_justification}"
            f" characters (given {len(justification)}): say what distinguishes the party"
        )
