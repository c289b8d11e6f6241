# ruff: noqa: E501  (the FtM fixture reads best one object per line)
"""Related parties: importers keep owners, operators, parents, subsidiaries and links; old
stored entries still load; screening flags a party that is a listed entry's related party and
applies the 50% rule where the lists record ownership shares."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screener.core.entries import EntityType, Entry, Relation, RelationKind, entry_from_dict
from screener.core.lists.importers import opensanctions, uk_fcdo
from screener.core.lists.importers._ofac import parse_remarks
from screener.core.lists.importing import import_lists
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.rules.policy import load_policy
from screener.core.screening.run import Source, run_screening, screen_lines
from tests.conftest import REPO
from tests.orderlines import line, party

FCDO = REPO / "tests" / "fixtures" / "uk_fcdo" / "UK-Sanctions-List.csv"


def test_an_entry_stored_before_relations_existed_loads_and_keeps_its_hash() -> None:
    plain = Entry("E-1", EntityType.ORGANIZATION, "ACME LTD")
    old = json.loads(plain.to_json())
    assert "relations" not in old  # an entry without relations writes the JSON it always did
    assert "details" not in old
    assert entry_from_dict(old) == plain
    related = Entry(
        "E-2", EntityType.VESSEL, "SEA", relations=(Relation(RelationKind.OWNER_OPERATOR, "X LTD"),)
    )
    assert entry_from_dict(json.loads(related.to_json())) == related


def test_fcdo_keeps_owner_operator_parent_and_the_lost_fields() -> None:
    by_id = {e.entry_id: e for e in uk_fcdo.SPEC.parse(FCDO).entries}
    ship, company, person, un = (
        by_id["RUS9903"],
        by_id["RUS9902"],
        by_id["RUS9901"],
        by_id["DPR9904"],
    )
    assert ship.relations == (
        Relation(
            RelationKind.OWNER_OPERATOR, "INVENTED SHIPPING LTD", note="current owner/operator"
        ),
    )
    assert {("Type of ship", "Crude oil tanker"), ("Previous flags", "Panama")} <= set(ship.details)
    assert company.relations == (Relation(RelationKind.PARENT, "INVENTED HOLDING AO"),)
    assert {("Title", "Mr"), ("Gender", "Male"), ("Place of birth", "Tver, Russia")} <= set(
        person.details
    )
    assert ("Designation source", "UN") in un.details


def test_ofac_linked_to_becomes_a_relation_not_an_alias() -> None:
    facts = parse_remarks("Linked To: BANK MELLI IRAN; a.k.a. 'MELLI'.")
    assert facts.relations == [Relation(RelationKind.LINKED, "BANK MELLI IRAN")]
    assert [a.name for a in facts.aliases] == ["MELLI"]


def _ftm(*objs: dict[str, object]) -> str:
    base = {"last_seen": "2026-11-20T00:00:00", "first_seen": "2024-01-01T00:00:00"}
    return "\n".join(json.dumps(base | o) for o in objs) + "\n"


def _company(id_: str, name: str, dataset: str, *, target: bool = True) -> dict[str, object]:
    return {"id": id_, "schema": "Company", "caption": name, "properties": {"name": [name]},
            "datasets": [dataset], "target": target}  # fmt: skip


def _owns(id_: str, owner: str, asset: str, pct: str) -> dict[str, object]:
    return {"id": id_, "schema": "Ownership",
            "properties": {"owner": [owner], "asset": [asset], "percentage": [pct]}}  # fmt: skip


FTM = _ftm(
    _company("os-a", "Volga Invest Holding AO", "us_ofac_sdn"),
    _company("os-b", "Kama Trade Holding OOO", "us_ofac_sdn"),
    _company("os-c", "Baltic Components GmbH", "us_ofac_sdn", target=False),
    _company("os-e", "Ural Parts Holding AO", "ru_rupep"),  # listed, not a blocking list
    _company("os-f", "Ostsee Logistik GmbH", "ru_rupep", target=False),
    _company("os-g", "Minor Share GmbH", "ru_rupep", target=False),
    {"id": "os-p", "schema": "Person", "caption": "Ivan Petrovich Sidorov",
     "properties": {"name": ["Ivan Petrovich Sidorov"]}, "datasets": ["us_ofac_sdn"], "target": False},
    _owns("own-1", "os-a", "os-c", "30"),
    _owns("own-2", "os-b", "os-c", "25%"),
    _owns("own-3", "os-a", "os-e", "60"),
    _owns("own-4", "os-e", "os-f", "51"),
    _owns("own-5", "os-a", "os-g", "20"),
    {"id": "dir-1", "schema": "Directorship", "properties": {"director": ["os-p"], "organization": ["os-a"]}},
)  # fmt: skip


def test_opensanctions_ownership_and_directorship_are_kept_with_shares(tmp_path: Path) -> None:
    path = tmp_path / "entities.ftm.json"
    path.write_text(FTM, encoding="utf-8")
    by_id = {e.entry_id: e for e in opensanctions.SPEC.parse(path).entries}
    assert set(by_id) == {"os-a", "os-b", "os-e"}  # non-targets are not entries
    a = set(by_id["os-a"].relations)
    assert Relation(RelationKind.OWNED, "Baltic Components GmbH", "os-c", 30.0, "") in a
    assert Relation(RelationKind.DIRECTOR, "Ivan Petrovich Sidorov", "os-p", None, "") in a
    assert (
        Relation(RelationKind.OWNER, "Volga Invest Holding AO", "os-a", 60.0, "")
        in by_id["os-e"].relations
    )


Party = party
Line = line


@pytest.fixture
def screened(home: Path, tmp_path: Path) -> dict[int, runs.StoredLine]:
    store = Store.open(home)
    ftm = tmp_path / "entities.ftm.json"
    ftm.write_text(FTM, encoding="utf-8")
    assert [o.status.value for o in import_lists(store, [ftm, FCDO])] == ["imported", "imported"]
    policy_file = tmp_path / "p.toml"
    policy_file.write_text(
        '[policy]\nversion = "t-1"\n[parties]\nblocking_lists = '
        '["uk_fcdo", "opensanctions_collection:us_ofac_sdn"]\n'
    )
    parties = [
        "Invented Shipping Limited",  # operator of the listed vessel OCEAN PARABLE (FCDO)
        "Invented Holding AO",  # parent company of NORTHERN LIGHTS TRADING LLC (FCDO)
        "Baltic Components GmbH",  # 30% + 25% owned by two SDN-listed holdings
        "Ostsee Logistik GmbH",  # 51% owned by a company itself 60% owned by an SDN entity
        "Minor Share GmbH",  # 20%: below the rule
        "Tokyo Precision KK",
    ]
    lines = [Line(i + 2, (Party("buyer", name),)) for i, name in enumerate(parties)]
    summary = run_screening(
        screen_lines(
            store, lines, source=Source("o.xlsx", "0" * 64), policy=load_policy(policy_file)
        )
    )
    return {line.row: line for line in runs.iter_lines(store, summary.run_id)}


def test_operator_of_a_listed_vessel_and_parent_of_a_listed_company_get_review(
    screened: dict[int, runs.StoredLine],
) -> None:
    assert screened[2].verdict == "review"
    assert any(
        "buyer 'Invented Shipping Limited' is the current owner/operator of the listed vessel"
        " 'OCEAN PARABLE'" in r
        for r in screened[2].reasons
    )
    assert any("is the parent company of the listed entity 'NORTHERN LIGHTS TRADING LLC'" in r
               for r in screened[3].reasons)  # fmt: skip
    assert screened[7].verdict == "clear"


def test_fifty_percent_rule_blocks_with_the_chain_of_owners(
    screened: dict[int, runs.StoredLine],
) -> None:
    baltic = screened[4]
    assert baltic.verdict == "block"
    assert any("is owned 30% by 'Volga Invest Holding AO'" in r and "and 25% by 'Kama Trade Holding OOO'"
               in r and "55% >= 50%" in r for r in baltic.reasons)  # fmt: skip
    ostsee = screened[5]
    assert ostsee.verdict == "block"
    assert any("51% by 'Ural Parts Holding AO' (itself owned 60% by 'Volga Invest Holding AO'" in r
               for r in ostsee.reasons)  # fmt: skip
    assert screened[6].verdict == "review"  # 20% owned: a related party, not blocked
    assert not any(f["code"] == "owned_by_blocked" for f in screened[6].findings)


def test_csl_entity_list_affiliates_name_their_principal(shared_lists: Path) -> None:
    from screener.core.lists.importers import csl

    (path,) = (shared_lists / "us_csl" / "consolidated_csv_2022-04").iterdir()
    affiliates = [e for e in csl.SPEC.parse(path).entries if "Affiliated Entity:" in e.name]
    assert affiliates
    for entry in affiliates:  # the name stays as listed; the principal becomes a relation
        assert (
            Relation(RelationKind.AFFILIATED, "Huawei Technologies Co., Ltd. (Huawei)")
            in entry.relations
        )


def test_a_party_named_by_many_listed_entries_gets_five_reasons_and_a_count() -> None:
    from screener.core.screening.related import Listed, RelatedIndex, related_key

    rel = Relation(RelationKind.AFFILIATED, "Huawei Technologies Co., Ltd.")
    links = [
        (Listed(f"E{i}", f"Affiliate {i}", "organization", "Entity List", True), rel)
        for i in range(8)
    ]
    index = RelatedIndex(by_key={related_key("Huawei Technologies Co Ltd"): links})
    found = index.findings("buyer", "HUAWEI TECHNOLOGIES CO., LTD")
    assert len(found) == 6
    assert "affiliated with the listed entity 'Affiliate 0'" in found[0][1]
    assert "by 3 more listed entries (Entity List)" in found[-1][1]


def test_hit_evidence_lists_the_relations_and_details(home: Path) -> None:
    from screener.core.evidence.listed_entry import entry_evidence

    store = Store.open(home)
    assert [o.status.value for o in import_lists(store, [FCDO])] == ["imported"]
    (rowid,) = store.db.conn.execute(
        "SELECT id FROM list_entries WHERE entry_id = ?", ["RUS9903"]
    ).fetchone()
    evidence = entry_evidence(store, rowid)
    assert [r.name for r in evidence.relations] == ["INVENTED SHIPPING LTD"]
    assert ("Type of ship", "Crude oil tanker") in evidence.details
    (person,) = store.db.conn.execute(
        "SELECT id FROM list_entries WHERE entry_id = ?", ["RUS9901"]
    ).fetchone()
    assert "Tver, Russia" in entry_evidence(store, person).places_of_birth


def test_a_party_that_is_itself_listed_gets_its_links_counted_not_spelt_out() -> None:
    from screener.core.screening.related import Listed, RelatedIndex, related_key

    rel = Relation(RelationKind.LINKED, "Example Air")
    links = [(Listed(f"A{i}", f"EP-{i}", "aircraft", "OFAC SDN List", True), rel) for i in range(3)]
    index = RelatedIndex(by_key={related_key("Example Air"): links})
    (found,) = index.findings("end_user", "Example Air", condensed=True)
    assert (
        found[1]
        == "end_user 'Example Air' is named as a related party by 3 listed entries (OFAC SDN List)"
    )
