"""Related parties of listed entries: an order party that is a listed vessel's operator, a
listed company's parent or subsidiary, linked to or owned by a listed party; and the OFAC 50%
rule where the lists record ownership shares.

    related = related_index(store, version_ids, policy)
    related.findings("buyer", "Invented Shipping Limited")
    -> [("related_party", "buyer 'Invented Shipping Limited' is the current owner/operator of the
         listed vessel 'OCEAN PARABLE' ...", "UK Sanctions List (FCDO), entry RUS9903")]

Names are compared folded, without legal forms ("Invented Shipping Ltd" = "INVENTED SHIPPING
LIMITED"): a related name is only a name, with no identifiers to qualify a fuzzy match, so the
comparison is exact on what remains. Only entries that carry relations are read (a LIKE on the
stored JSON), once per set of list versions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from screener.core.entries import Relation, RelationKind
from screener.core.names.normalize import find_legal_forms, tokenize
from screener.core.record.database.store import Store, entry_from_json
from screener.core.rules.policy import Policy, is_custom_blocking
from screener.core.rules.verdict import list_label

RULE_50 = "OFAC 50 Percent Rule (guidance of 2014-08-13)"
THRESHOLD = 50.0
_SHOWN = 5  # related-party reasons per party; the rest are counted
Found = tuple[str, str, str]  # (finding code, text, source)


def related_key(name: str) -> str:
    tokens = list(tokenize(name))
    for form in reversed(find_legal_forms(tokens)):
        del tokens[form.start : form.end]
    return " ".join(tokens)


@dataclass(frozen=True, slots=True)
class Listed:
    entry_id: str
    name: str
    type: str
    label: str  # "UK Sanctions List (FCDO)"
    blocking: bool


@dataclass(frozen=True, slots=True)
class _Edge:  # owner -> owned, with the share and the entry that says so
    owner: str  # related_key
    owner_name: str
    owned: str
    owned_name: str
    share: float
    said_by: Listed


_PHRASES = {
    RelationKind.OWNER_OPERATOR: "the {note} of the listed {what} '{name}'",
    RelationKind.PARENT: "the parent company of the listed {what} '{name}'",
    RelationKind.SUBSIDIARY: "a subsidiary of the listed {what} '{name}'",
    RelationKind.LINKED: "linked to the listed {what} '{name}'",
    RelationKind.AFFILIATED: "affiliated with the listed {what} '{name}'",
    RelationKind.OWNER: "an owner{share} of the listed {what} '{name}'",
    RelationKind.OWNED: "owned{share} by the listed {what} '{name}'",
    RelationKind.DIRECTOR: "a director of the listed {what} '{name}'",
    RelationKind.ASSOCIATE: "associated with the listed {what} '{name}' ({note})",
}


@dataclass
class RelatedIndex:
    by_key: dict[str, list[tuple[Listed, Relation]]] = field(default_factory=dict)
    blocked_by_rule: dict[str, str] = field(default_factory=dict)  # key -> the chain, in words

    def findings(self, role: str, party_name: str, *, condensed: bool = False) -> list[Found]:
        """`condensed`: the party is itself a near-exact hit, so its links are counted, not
        each spelt out (an airline is 'linked to' each of its ninety listed aircraft)."""
        key = related_key(party_name)
        if not key:
            return []
        out = []
        links = self.by_key.get(key, [])
        shown = 0 if condensed else _SHOWN
        for listed, rel in links[:shown]:
            what = {"vessel": "vessel", "person": "person"}.get(listed.type, "entity")
            share = f" ({rel.share:g}%)" if rel.share is not None else ""
            note = rel.note or rel.kind.value
            phrase = _PHRASES[rel.kind].format(note=note, what=what, name=listed.name, share=share)
            text = (
                f"{role} '{party_name}' is {phrase} (related party on the {listed.label},"
                f" entry {listed.entry_id}): check whether the sanctions reach this party"
            )
            out.append(("related_party", text, f"{listed.label}, entry {listed.entry_id}"))
        if len(links) > shown:  # a parent of many listed affiliates: say how many, not each
            more = {listed.label for listed, _ in links[shown:]}
            also = "more " if shown else ""
            text = (
                f"{role} '{party_name}' is named as a related party by {len(links) - shown}"
                f" {also}listed entries ({', '.join(sorted(more))})"
            )
            out.append(("related_party", text, "; ".join(sorted(more))))
        if key in self.blocked_by_rule:
            text = f"{role} '{party_name}' {self.blocked_by_rule[key]}"
            out.append(("owned_by_blocked", text, RULE_50))
        return out


# List versions never change once stored, so an index is reused for the same database file,
# versions and policy (the desktop app screens many files in one session).
_CACHE: dict[tuple[str, tuple[int, ...], str], RelatedIndex] = {}


def related_index(store: Store, version_ids: Sequence[int], policy: Policy) -> RelatedIndex:
    """Relations of the entries in these list versions."""
    ids = tuple(sorted(version_ids))
    if store.path is None:
        return _build(store, ids, policy)
    # The versions' digests too: a database file recreated at the same path reuses ids.
    digests = " ".join(store.version(i).sha256 for i in ids)
    key = (str(store.path), ids, f"{policy.label} {policy.sha256} {digests}")
    if key not in _CACHE:
        if len(_CACHE) >= 4:
            _CACHE.clear()
        _CACHE[key] = _build(store, ids, policy)
    return _CACHE[key]


def _build(store: Store, ids: tuple[int, ...], policy: Policy) -> RelatedIndex:
    index = RelatedIndex()
    if not ids:
        return index
    marks = ",".join("?" * len(ids))
    rows = store.db.query(
        "SELECT e.data, v.source, v.title FROM list_entries e"
        " JOIN list_versions v ON v.id = e.version_id"
        f" WHERE e.version_id IN ({marks}) AND e.data LIKE ?",
        [*ids, '%"relations"%'],
    )
    edges: list[_Edge] = []
    listed_keys: dict[str, Listed] = {}
    by_key: defaultdict[str, list[tuple[Listed, Relation]]] = defaultdict(list)
    for row in rows:
        entry = entry_from_json(row["data"])
        label = list_label(row["source"], entry.sub_source)
        if row["source"].startswith("custom_"):
            label = f"custom list '{row['title']}'"
        blocking = policy.is_blocking(row["source"], entry.sub_source) or is_custom_blocking(
            row["source"], entry.sub_source
        )
        listed = Listed(entry.entry_id, entry.name, entry.type.value, label, blocking)
        listed_keys.setdefault(related_key(entry.name), listed)
        for rel in entry.relations:
            key = related_key(rel.name)
            if key:
                by_key[key].append((listed, rel))
            if rel.share is not None and rel.kind is RelationKind.OWNED:
                edges.append(
                    _Edge(related_key(entry.name), entry.name, key, rel.name, rel.share, listed)
                )
            elif rel.share is not None and rel.kind is RelationKind.OWNER:
                edges.append(
                    _Edge(key, rel.name, related_key(entry.name), entry.name, rel.share, listed)
                )
    index.by_key = dict(by_key)
    names = {e.owned: e.owned_name for e in edges} | {e.owner: e.owner_name for e in edges}
    index.blocked_by_rule = _fifty_percent(edges, listed_keys, names)
    return index


def _fifty_percent(
    edges: list[_Edge], listed: dict[str, Listed], names: dict[str, str]
) -> dict[str, str]:
    """Entities owned 50% or more, in total, by blocked parties: directly or through others."""
    blocked: dict[str, str] = {k: f"'{v.name}' ({v.label}, entry {v.entry_id})"
                               for k, v in listed.items() if v.blocking}  # fmt: skip
    owners: defaultdict[str, list[_Edge]] = defaultdict(list)
    for e in edges:
        owners[e.owned].append(e)
    derived: dict[str, str] = {}
    changed = True
    while changed:  # a fixed point: an owned company that becomes blocked can block the next
        changed = False
        for owned, ins in owners.items():
            if owned in blocked or not owned:
                continue
            by_owner = {e.owner: e for e in ins if e.owner in blocked}
            total = sum(e.share for e in by_owner.values())
            if total >= THRESHOLD:
                parts = [f"{e.share:g}% by {blocked[e.owner]}" for e in by_owner.values()]
                chain = (
                    f"is owned {' and '.join(parts)}: {total:g}% >= 50% in total, so it counts"
                    " as blocked though not itself listed"
                )
                derived[owned] = chain
                blocked[owned] = f"'{names.get(owned, owned)}' (itself owned {' and '.join(parts)})"
                changed = True
    return derived
