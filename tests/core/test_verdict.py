# ruff: noqa: E501, C408  (the case table reads best one case per line, with dict(...) lines)
"""The line verdict, case by case: every rule of the default policy, variant spellings of
countries and malformed values. Each case: the line, the expected outcome, the finding codes
that must be among the findings, and (optionally) words a reason must contain."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from screener.core.rules.policy import FINDING_CODES, Policy, PolicyError, load_policy
from screener.core.rules.verdict import PartyMatch, assess_line

CHIP, TOOL, COFFEE = "8542.31", "8457.10", "0901.21"


def hit(source: str, score: float, sub: str = "", role: str = "buyer") -> PartyMatch:
    return PartyMatch(role, "Acme Trading", source, sub, "E-1", "ACME TRADING", score, ("RUSSIA",))


# (id, policy, line, outcome, codes that must be found, text a reason must contain)
CASES: list[tuple[str, str, dict[str, Any], str, set[str], str]] = [
    # --- parties: blocking lists at/near exact -> block, anything else -> review
    ("sdn-exact", "eu", dict(hs=COFFEE, destination="DE", party_matches=[hit("ofac_sdn", 1.0)]), "block", {"party_blocking_exact"}, "OFAC SDN List"),
    ("csl-entity-list", "eu", dict(hs=COFFEE, destination="DE", party_matches=[hit("us_csl", 0.97, "EL")]), "block", {"party_blocking_exact"}, "Entity List"),
    ("csl-sdn", "eu", dict(hs=COFFEE, destination="DE", party_matches=[hit("us_csl", 0.99, "SDN")]), "block", {"party_blocking_exact"}, "SDN List"),
    ("bis-dpl", "eu", dict(hs=COFFEE, destination="DE", party_matches=[hit("us_bis_dpl", 1.0)]), "block", {"party_blocking_exact"}, "Denied Persons"),
    ("eu-at-line", "eu", dict(hs=COFFEE, destination="DE", party_matches=[hit("eu_fsf", 0.95)]), "block", {"party_blocking_exact"}, "EU Consolidated"),
    ("uk-ofsi", "eu", dict(hs=COFFEE, destination="DE", party_matches=[hit("uk_ofsi", 1.0)]), "block", {"party_blocking_exact"}, "OFSI"),
    ("un", "eu", dict(hs=COFFEE, destination="DE", party_matches=[hit("un_sc", 0.98)]), "block", {"party_blocking_exact"}, "UN Security Council"),
    ("sdn-fuzzy", "eu", dict(hs=COFFEE, destination="DE", party_matches=[hit("ofac_sdn", 0.88)]), "review", {"party_potential"}, "score 0.88"),
    ("csl-uvl", "eu", dict(hs=COFFEE, destination="DE", party_matches=[hit("us_csl", 1.0, "UVL")]), "review", {"party_potential"}, "Unverified List"),
    ("ofac-non-sdn", "eu", dict(hs=COFFEE, destination="DE", party_matches=[hit("ofac_cons", 1.0)]), "review", {"party_potential"}, "non-SDN"),
    ("opensanctions", "eu", dict(hs=COFFEE, destination="DE", party_matches=[hit("opensanctions_ua_war_sanctions", 1.0)]), "review", {"party_potential"}, "OpenSanctions"),
    ("below-alert-line", "eu", dict(hs=COFFEE, destination="DE", party_matches=[hit("ofac_sdn", 0.5)], alert_threshold=0.8), "clear", set(), "no finding"),
    # --- related parties of listed entries (found by screening/related.py)
    ("related-party", "eu", dict(hs=COFFEE, destination="DE", related=[("related_party", "buyer 'X Ltd' is the operator of the listed vessel 'SEA'", "UK Sanctions List (FCDO), entry RUS1")]), "review", {"related_party"}, "operator of the listed vessel"),
    ("owned-by-blocked", "eu", dict(hs=COFFEE, destination="DE", related=[("owned_by_blocked", "buyer 'Y GmbH' is owned 55% by ...", "OFAC 50 Percent Rule (guidance of 2014-08-13)")]), "block", {"owned_by_blocked"}, "OFAC 50 Percent Rule"),
    # --- goods data: never clear silently
    ("hs-missing", "eu", dict(hs=None, destination="DE", description="microcontrollers"), "review", {"hs_missing"}, "microcontrollers"),
    ("hs-empty", "eu", dict(hs="", destination="DE"), "review", {"hs_missing"}, "no HS code"),
    ("hs-letters", "eu", dict(hs="85A2.31", destination="DE"), "review", {"hs_invalid"}, "85A2.31"),
    ("hs-too-short", "eu", dict(hs="85", destination="DE"), "review", {"hs_invalid"}, "too short"),
    ("hs-too-long", "eu", dict(hs="854231000000", destination="DE"), "review", {"hs_invalid"}, "at most 10"),
    ("hs-no-chapter", "eu", dict(hs="9999.00", destination="DE"), "review", {"hs_invalid"}, "chapter 99"),
    # --- a goods list the company keeps itself (policy [goods] custom_lists)
    ("custom-goods-ru", "own", dict(hs="8471.30.00", destination="RU"), "block", {"custom_goods"}, "on the goods list 'annex.csv' (Reg. (EU) 833/2014 Annex VII) for destination RU"),
    ("custom-goods-elsewhere", "own", dict(hs="8471.30.00", destination="FR"), "clear", set(), "no finding"),
    # --- goods by description and part number
    ("described-no-hs", "eu", dict(hs=None, destination="DE", description="Kintex-7 FPGA XC7K325T"), "review", {"hs_missing", "goods_described"}, "likely CHPL Tier 1 HS 8542.39"),
    ("described-bad-hs", "eu", dict(hs="tbd", destination="DE", description="Rillenkugellager 6205-2RS"), "review", {"hs_invalid", "goods_described"}, "names a ball bearing ('rillenkugellager', part 6205-2RS)"),
    ("described-russian", "eu", dict(hs=None, destination="KZ", description="токарный станок с ЧПУ"), "review", {"goods_described"}, "HS 8458.11"),
    ("hs-contradicts-furniture", "eu", dict(hs="9403.30", destination="DE", description="Kintex-7 FPGA XC7K325T"), "review", {"hs_contradicts"}, "HS 9403.30 (chapter 94: furniture, bedding, lamps, prefabricated buildings) but the description"),
    ("hs-contradicts-same-chapter", "eu", dict(hs="8473.30", destination="DE", description="MCU STM32F103C8T6"), "review", {"hs_contradicts"}, "microcontroller or processor"),
    ("hs-subheading-slip-is-no-contradiction", "eu", dict(hs="8542.31", destination="DE", description="FPGA XC7A35T"), "clear", {"chpl"}, "CHPL Tier 1"),
    ("hs-agrees-with-plain-goods", "eu", dict(hs=COFFEE, destination="DE", description="Roasted coffee, customer gift"), "clear", set(), "no finding"),
    ("hs-restored", "eu", dict(hs=90121, destination="DE"), "clear", {"hs_restored"}, "0901.21"),
    ("hs-restored-chpl", "eu", dict(hs=8542.31, destination="RU"), "block", {"chpl", "chpl_russia_belarus"}, "Tier 1"),
    # --- CHPL goods where they may go
    ("chpl-eu", "eu", dict(hs=CHIP, destination="DE"), "clear", {"chpl", "chpl_eu"}, "CHPL Tier 1 (Integrated circuits: processors and controllers"),
    ("chpl-partner-jp", "eu", dict(hs=CHIP, destination="JP"), "clear", {"chpl", "chpl_partner"}, "Annex VIII"),
    ("chpl-partner-ch", "eu", dict(hs=TOOL, destination="Switzerland"), "clear", {"chpl_partner"}, "Tier 4.B"),
    ("chpl-10-digit-us", "eu", dict(hs="8542310000", destination="USA"), "clear", {"chpl", "chpl_partner"}, "8542.31.00.00 (8542.31)"),
    ("chpl-third-country", "eu", dict(hs=CHIP, destination="Egypt"), "review", {"chpl_third_country"}, "Art. 12g"),
    ("clause-names-belarus-twin", "eu", dict(hs=CHIP, destination="Egypt"), "review", {"chpl_third_country"}, "its Belarus twin (Reg. (EC) 765/2006 Art. 8g)"),
    # --- Art. 12g goods beyond the CHPL: Annex XI, Annex XX, firearms (Reg. (EU) 258/2012)
    ("firearm-third-country", "eu", dict(hs="9303.20", destination="Egypt"), "review", {"clause_goods", "chpl_third_country"}, "firearms goods under Reg. (EU) 833/2014 Art. 12g"),
    ("aero-engine-ru", "eu", dict(hs="8411.12.30", destination="RU"), "block", {"clause_goods", "chpl_russia_belarus"}, "Art. 12g goods (HS 8411.12.30, Annex XI) must not be sold"),
    ("jet-fuel-via-by", "eu", dict(hs="2710.19.21", destination="MN", transit=["BY"]), "block", {"chpl_via_russia_belarus"}, "Annex XX"),
    ("ammunition-uae", "eu", dict(hs="9306.30", destination="AE"), "review", {"chpl_high_diversion"}, "Art. 12g goods"),
    ("aircraft-tyres-partner", "eu", dict(hs="4011.30", destination="NO"), "clear", {"clause_goods", "chpl_partner"}, "Annex XI"),
    ("turbine-heading-undecided", "eu", dict(hs="8411", destination="EG"), "clear", set(), "no finding"),
    ("chpl-heading-only", "eu", dict(hs="8542", destination="DE"), "review", {"chpl_heading"}, "8542.31 Tier 1"),
    ("not-chpl-eu", "eu", dict(hs=COFFEE, destination="FR"), "clear", set(), "no finding"),
    ("not-chpl-india", "eu", dict(hs=COFFEE, destination="IN"), "clear", set(), "no finding"),
    # --- Russia and Belarus
    ("chpl-ru", "eu", dict(hs=CHIP, destination="RU"), "block", {"chpl_russia_belarus"}, "Reg. (EU) 833/2014"),
    ("chpl-ru-name", "eu", dict(hs=CHIP, destination="Russian Federation"), "block", {"chpl_russia_belarus"}, "RU (Russian Federation)"),
    ("chpl-ru-cyrillic", "eu", dict(hs=CHIP, destination="Россия"), "block", {"chpl_russia_belarus"}, "RU"),
    ("chpl-by", "eu", dict(hs=CHIP, destination="Belarus"), "block", {"chpl_russia_belarus"}, "Reg. (EC) 765/2006"),
    ("tools-by", "eu", dict(hs=TOOL, destination="BLR"), "block", {"chpl_russia_belarus"}, "Tier 4.B"),
    ("chpl-end-user-ru", "eu", dict(hs=CHIP, destination="KZ", end_user_country="RU"), "block", {"chpl_russia_belarus", "chpl_high_diversion"}, "end-user country RU"),
    ("chpl-via-ru", "eu", dict(hs=CHIP, destination="MN", transit=["RU"]), "block", {"chpl_via_russia_belarus"}, "transit"),
    ("chpl-buyer-in-ru", "eu", dict(hs=CHIP, destination="AM", party_countries=["Russia"]), "block", {"chpl_party_russia_belarus", "chpl_high_diversion"}, "person in Russia"),
    ("chpl-heading-ru", "eu", dict(hs="8542", destination="RU"), "block", {"chpl_heading", "chpl_russia_belarus"}, "heading 8542"),
    ("coffee-ru", "eu", dict(hs=COFFEE, destination="RU"), "review", {"russia_belarus"}, "Russia/Belarus"),
    ("coffee-end-user-by", "eu", dict(hs=COFFEE, destination="LT", end_user_country="Belarus"), "review", {"russia_belarus"}, "BY"),
    ("coffee-via-ru", "eu", dict(hs=COFFEE, destination="MN", transit=["RU"]), "review", {"russia_belarus"}, "transit"),
    # --- comprehensive embargoes (default policy: EU and UN embargoes block)
    ("cuba-us-only", "eu", dict(hs=COFFEE, destination="Cuba"), "review", {"embargo_other"}, "EAR 746.2"),
    ("iran-snapback", "eu", dict(hs=COFFEE, destination="IRN"), "block", {"embargo"}, "UNSCR 2231 snapback 2025"),
    ("iran-eu-2025-1975", "eu", dict(hs=COFFEE, destination="Iran (Islamic Republic of)"), "block", {"embargo"}, "Reg. (EU) 2025/1975"),
    ("iran-us-policy", "us", dict(hs=COFFEE, destination="IR"), "block", {"embargo"}, "OFAC 31 CFR 560"),
    ("iran-end-user", "eu", dict(hs=COFFEE, destination="AE", end_user_country="Iran"), "block", {"embargo"}, "end-user country IR"),
    ("syria", "eu", dict(hs=COFFEE, destination="Syrian Arab Republic"), "review", {"embargo_other"}, "EAR 746.9"),
    ("syria-eu-2025-cited", "eu", dict(hs=COFFEE, destination="SY"), "review", {"embargo_other"}, "Reg. (EU) 36/2012"),
    ("syria-note-says-what-remains", "eu", dict(hs=COFFEE, destination="SY"), "review", {"embargo_other"}, "arms, dual-use, internal-repression and surveillance-software restrictions"),
    ("iran-note-says-not-a-total-ban", "eu", dict(hs=COFFEE, destination="IR"), "block", {"embargo"}, "not a total trade ban"),
    ("dprk", "eu", dict(hs=COFFEE, destination="DPRK"), "block", {"embargo"}, "UNSCR 1718"),
    ("dprk-iso-name", "eu", dict(hs=COFFEE, destination="Korea, Democratic People's Republic of"), "block", {"embargo"}, "Reg. (EU) 2017/1509"),
    ("dprk-end-user", "eu", dict(hs=COFFEE, destination="CN", end_user_country="North Korea"), "block", {"embargo"}, "end-user country KP"),
    ("via-iran", "eu", dict(hs=COFFEE, destination="AF", transit=["Iran"]), "review", {"embargo_transit"}, "pass through"),
    ("party-in-syria", "eu", dict(hs=COFFEE, destination="LB", party_countries=["SY"]), "review", {"embargo_other"}, "party country SY"),
    ("us-policy-cuba", "us", dict(hs=COFFEE, destination="CU"), "block", {"embargo"}, "which this policy applies"),
    # --- occupied regions of Ukraine
    ("crimea", "eu", dict(hs=COFFEE, destination="Crimea"), "block", {"region"}, "Reg. (EU) 692/2014"),
    ("sevastopol", "eu", dict(hs=COFFEE, destination="Sevastopol"), "block", {"region"}, "UA-40"),
    ("krym-cyrillic", "eu", dict(hs=COFFEE, destination="Крым"), "block", {"region"}, "UA-43"),
    ("dnr", "eu", dict(hs=COFFEE, destination="DNR"), "block", {"region"}, "EO 14065"),
    ("donetsk-partial", "eu", dict(hs=COFFEE, destination="Donetsk"), "review", {"region_partial"}, "non-government-controlled"),
    ("address-simferopol", "eu", dict(hs=COFFEE, destination="RU", party_addresses=["ul. Kirova 1, Simferopol"]), "block", {"region", "russia_belarus"}, "party address"),
    ("address-melitopol", "eu", dict(hs=TOOL, destination="GE", party_addresses=["Melitopol, pr. Lenina 3"]), "block", {"region", "chpl_high_diversion"}, "Reg. (EU) 2022/1903"),
    ("address-kherson", "eu", dict(hs=COFFEE, destination="UA", party_addresses=["Kherson, vul. Ushakova 2"]), "review", {"region_partial"}, "UA-65"),
    ("us-policy-melitopol", "us", dict(hs=COFFEE, destination="Melitopol"), "review", {"region_other"}, "check they bind you"),
    # --- diversion risk: CHPL to, via or with a party in a transshipment country
    ("chpl-india", "eu", dict(hs=CHIP, destination="IN", transit=["AE"]), "review", {"chpl_high_diversion", "chpl_via_high_diversion"}, "FIN-2022-Alert003"),
    ("chpl-uae-dots", "eu", dict(hs=CHIP, destination="U.A.E."), "review", {"chpl_high_diversion"}, "Art. 12g"),
    ("chpl-turkiye", "eu", dict(hs=TOOL, destination="Türkiye"), "review", {"chpl_high_diversion"}, "Tri-Seal Note 2023-03-02"),
    ("chpl-hong-kong", "eu", dict(hs=CHIP, destination="Hong Kong SAR"), "review", {"chpl_high_diversion"}, "Tri-Seal"),
    ("chpl-kyrgyzstan", "eu", dict(hs="8482.10", destination="Kyrgyz Republic"), "review", {"chpl_high_diversion"}, "enhanced due diligence"),
    ("chpl-via-uzbekistan", "eu", dict(hs=CHIP, destination="DE", transit=["UZ"]), "review", {"chpl_via_high_diversion", "chpl_eu"}, "transit country UZ"),
    ("chpl-party-in-hk", "eu", dict(hs=CHIP, destination="DE", party_countries=["Hong Kong"]), "review", {"chpl_via_high_diversion"}, "party country HK"),
    ("chpl-end-user-cn", "eu", dict(hs=CHIP, destination="NL", end_user_country="PRC"), "review", {"chpl_high_diversion"}, "end-user country CN"),
    # --- countries that cannot be read: never clear silently
    ("no-destination", "eu", dict(hs=COFFEE, destination=None), "review", {"destination_missing"}, "no destination"),
    ("destination-unknown", "eu", dict(hs=CHIP, destination="Narnia"), "review", {"country_unresolved"}, "'Narnia'"),
    ("transit-unknown", "eu", dict(hs=COFFEE, destination="DE", transit=["Atlantis"]), "review", {"country_unresolved"}, "transit country 'Atlantis'"),
    ("end-user-ambiguous", "eu", dict(hs=COFFEE, destination="DE", end_user_country="Korea"), "review", {"country_unresolved"}, "'Korea'"),
    ("party-country-junk", "eu", dict(hs=COFFEE, destination="DE", party_countries=["???"]), "review", {"country_unresolved"}, "'???'"),
    # --- dual-use items by ECCN / EU Annex I code
    ("eccn-ru", "eu", dict(hs="8471.50", eccn="4A003.b", destination="RU"), "block", {"dual_use_russia_belarus"}, "4A003 (computers: systems, equipment and components; Wassenaar Arrangement"),
    ("eccn-via-by", "eu", dict(hs="8471.50", eccn="5A002", destination="KZ", transit=["Belarus"]), "block", {"dual_use_russia_belarus", "dual_use_export"}, "must not transit Russia or Belarus (transit country BY (Belarus))"),
    ("eccn-end-user-ru", "eu", dict(hs="8526.91", eccn="7A003", destination="AM", end_user_country="RU"), "block", {"dual_use_russia_belarus"}, "exported to Russia or Belarus (end-user country RU"),
    ("eccn-600-series-ru", "eu", dict(hs="8803.30", eccn="9A610.x", destination="RU"), "block", {"dual_use_russia_belarus"}, "600 series"),
    ("eccn-us-only-ru", "eu", dict(hs="8471.30", eccn="5A992.c", destination="RU"), "review", {"ccl_russia_belarus"}, "US licence"),
    ("eccn-3a090-ru", "eu", dict(hs=COFFEE, eccn="3A090", destination="RU"), "review", {"ccl_russia_belarus"}, "not an EU dual-use item"),
    ("eccn-export-india", "eu", dict(hs="8471.50", eccn="4A003", destination="India"), "review", {"dual_use_export"}, "needs an authorisation [Reg. (EU) 2021/821 Art. 3"),
    ("eccn-export-eu001", "eu", dict(hs="8471.50", eccn="ECCN: 5A002.a", destination="JP"), "review", {"dual_use_export"}, "EU001 may cover it"),
    ("eccn-intra-eu", "eu", dict(hs="8471.50", eccn="5A002", destination="FR"), "clear", {"dual_use_eu"}, "in the EU"),
    ("eccn-us-only-elsewhere", "eu", dict(hs="8471.30", eccn="5A992", destination="IN"), "clear", set(), "no finding"),
    ("eccn-ear99", "eu", dict(hs="8471.30", eccn="EAR99", destination="RU"), "review", {"russia_belarus"}, "Russia/Belarus sanctions"),
    ("eccn-placeholder", "eu", dict(hs=COFFEE, eccn="n/a", destination="DE"), "clear", set(), "no finding"),
    ("eccn-junk", "eu", dict(hs=COFFEE, eccn="3X001", destination="DE"), "review", {"eccn_invalid"}, "ECCN '3X001'"),
    ("eccn-nlr", "eu", dict(hs=COFFEE, eccn="NLR", destination="DE"), "review", {"eccn_invalid"}, "licence determination"),
]  # fmt: skip


@pytest.fixture(scope="module")
def policies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Policy]:
    us = tmp_path_factory.mktemp("policy") / "us.toml"
    us.write_text('[policy]\nname = "US exporter"\nversion = "us-1"\njurisdictions = ["US"]\n')
    own = us.parent / "own.toml"
    (us.parent / "annex.csv").write_text(
        "code,regime,citation,action,countries\n8471.30,Reg. (EU) 833/2014 Annex VII,Part A,block,RU\n"
    )
    own.write_text('[policy]\nversion = "own-1"\n[goods]\ncustom_lists = ["annex.csv"]\n')
    return {"eu": load_policy(), "us": load_policy(us), "own": load_policy(own)}


@pytest.mark.parametrize(
    ("policy_name", "line", "outcome", "codes", "text"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_line_verdict(
    policies: dict[str, Policy],
    policy_name: str,
    line: dict[str, Any],
    outcome: str,
    codes: set[str],
    text: str,
) -> None:
    policy = policies[policy_name]
    verdict = assess_line(policy=policy, **line)
    found = {f.code for f in verdict.findings}
    assert verdict.outcome == outcome, verdict.reasons
    assert codes <= found, verdict.reasons
    assert any(text in r for r in verdict.reasons), verdict.reasons
    assert verdict.policy_version == policy.version
    for finding in verdict.findings:  # every reason names its source, in brackets at the end
        assert finding.source.strip()
        assert finding.reason.endswith(f"[{finding.source}]")


def test_the_table_exercises_every_finding_code(policies: dict[str, Policy]) -> None:
    seen = set()
    for _, name, line, *_ in CASES:
        seen |= {f.code for f in assess_line(policy=policies[name], **line).findings}
    assert seen == FINDING_CODES


def test_reasons_are_ordered_most_severe_first(policies: dict[str, Policy]) -> None:
    verdict = assess_line(hs=CHIP, destination="RU", transit=["AE"], policy=policies["eu"])
    ranks = [("block", "review", "info").index(f.severity) for f in verdict.findings]
    assert ranks == sorted(ranks)
    assert verdict.reasons[0].startswith("CHPL goods (HS 8542.31, Tier 1) must not be sold")


def test_policy_file_can_lower_the_art_12g_clause_to_info(tmp_path: Path) -> None:
    lenient = tmp_path / "lenient.toml"
    lenient.write_text('[policy]\nversion = "ours-2"\n[severity]\nchpl_third_country = "info"\n')
    policy = load_policy(lenient)
    assert (policy.version, policy.path) == ("ours-2", str(lenient))
    assert assess_line(hs=CHIP, destination="EG", policy=policy).outcome == "clear"
    assert assess_line(hs=CHIP, destination="EG", policy=load_policy()).outcome == "review"


def test_policy_blocking_lists_and_score_are_configurable(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        '[policy]\nversion = "p-1"\n[parties]\nnear_exact_score = 0.85\n'
        'blocking_lists = ["ofac_sdn", "us_csl:UVL"]\n'
    )
    policy = load_policy(path)
    for match in (hit("ofac_sdn", 0.86), hit("us_csl", 0.9, "UVL")):
        assert (
            assess_line(hs=COFFEE, destination="DE", party_matches=[match], policy=policy).outcome
            == "block"
        )
    eu = hit("eu_fsf", 1.0)  # no longer a blocking list under this policy
    assert (
        assess_line(hs=COFFEE, destination="DE", party_matches=[eu], policy=policy).outcome
        == "review"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[policy]\nname = "x"\n', "version is required"),
        ('[policy]\nversion = "1"\n[severity]\nchpl_thrid_country = "info"\n', "unknown key 'chpl_thrid_country'"),
        ('[policy]\nversion = "1"\n[severity]\nchpl = "ignore"\n', "use block, review or info"),
        ('[policy]\nversion = "1"\njurisdictions = ["FR"]\n', "unknown FR"),
        ('[policy]\nversion = "1"\n[parties]\nnear_exact_score = 2\n', "near_exact_score"),
        ('[polcy]\nversion = "1"\n', "unknown section [polcy]"),
        ("[policy\nversion = 1", "not valid TOML"),
    ],
)  # fmt: skip
def test_bad_policy_file_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text)
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)
