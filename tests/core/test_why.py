"""Why a line got its verdict: the deciding party, its best hit, reasons once each, grouped."""

from __future__ import annotations

from typing import Any

from screener.core.record.runs import StoredHit, StoredLine
from screener.core.rules.policy import load_policy
from screener.core.screening.why import GOODS, OTHER, PARTIES, ROUTE, explain, route_text

DIVERSION = (
    "CHPL goods (HS 8541.10, Tier 3.A): {} TR (Türkiye) is a high diversion-risk country "
    "(FinCEN/BIS FIN-2022-Alert003); apply enhanced due diligence"
)
EXACT = "end_user 'Sinno Electronics' may be 'SINNO ELECTRONICS' on the OFAC SDN List, score 1.00"
STALE = "screened with lists older than the policy allows: ofac_sdn 942 d"


def line(findings: list[dict[str, str]], extra: tuple[str, ...] = ()) -> StoredLine:
    parties: tuple[dict[str, Any], ...] = (
        {"role": "buyer", "name": "Bosphorus Endustri A.S.", "country": "TR"},
        {"role": "end_user", "name": "Sinno Electronics", "country": "HK"},
    )
    return StoredLine(
        id=1, run_id=1, row=12, cells=(), order_no="4500031", line_no="10", parties=parties,
        description="Diodes", hs_code="8541.10", destination="Turkiye", transit=("TR",),
        problems=(), verdict="block",
        reasons=(*(f["reason"] for f in findings), *extra), findings=tuple(findings),
    )  # fmt: skip


def finding(code: str, severity: str, reason: str) -> dict[str, str]:
    return {"code": code, "severity": severity, "reason": reason, "source": "test"}


def hit(
    role: str, name: str, source: str, score: float, suppressed: int | None = None
) -> StoredHit:
    return StoredHit(
        role=role, party_name=name, party_country="", source=source, sub_source="",
        list_version_id=1, entry_rowid=1, entry_id="1", entry_name=name.upper(), entry_hash="h",
        matched_name=name.upper(), programs=(), score=score, explanation="",
        suppressed_by=suppressed,
    )  # fmt: skip


def test_the_deciding_party_is_the_end_user_with_the_hit_not_the_buyer() -> None:
    findings = [
        finding("chpl_high_diversion", "review", DIVERSION.format("destination")),
        finding("party_blocking_exact", "block", EXACT),
        finding("chpl_via_high_diversion", "review", DIVERSION.format("party country")),
        finding("chpl", "info", "HS 8541.10 is CHPL Tier 3.A (Diodes)"),
    ]
    hits = [
        hit("buyer", "Bosphorus Endustri A.S.", "opensanctions", 0.81),
        hit("end_user", "Sinno Electronics", "ofac_sdn", 1.0),
        hit("end_user", "Sinno Electronics", "uk_ofsi", 0.99, suppressed=4),
    ]
    why = explain(line(findings, (STALE,)), hits, policy=load_policy())
    assert (why.role, why.party) == ("end_user", "Sinno Electronics")
    assert why.best_hit == "ofac_sdn 100%"
    assert why.first_reason == EXACT  # the block comes first, whatever the input order
    groups = dict(why.groups)
    assert groups[PARTIES] == (EXACT,)
    assert groups[GOODS] == ("HS 8541.10 is CHPL Tier 3.A (Diodes)",)
    # The diversion finding for destination TR and again for party country TR: said once.
    assert groups[ROUTE] == (DIVERSION.format("destination") + " (also as party country)",)
    assert groups[OTHER] == (STALE,)
    assert len(why.all_reasons()) == 4


def test_a_goods_block_names_the_party_of_the_country_it_is_about() -> None:
    reason = "CHPL goods must not be exported to Russia or Belarus (end-user country RU (Russia))"
    why = explain(line([finding("chpl_russia_belarus", "block", reason)]), [])
    assert (why.role, why.party) == ("end_user", "Sinno Electronics")
    assert why.best_hit == ""
    assert dict(why.groups)[ROUTE] == (reason,)


def test_a_clear_line_says_so_and_names_its_first_party() -> None:
    why = explain(line([], ("no finding: no party match, goods and route raise nothing",)), [])
    assert why.party == "Bosphorus Endustri A.S."
    assert why.first_reason.startswith("no finding")


def test_route_leaves_out_a_transit_that_is_the_destination() -> None:
    assert route_text("Turkiye", ("TR",)) == "Turkiye"
    assert route_text("Turkiye", ("Turkiye", "Georgia")) == "Turkiye via Georgia"
    assert route_text("AM", ("TR",)) == "AM via TR"
    assert route_text("", ()) == ""
