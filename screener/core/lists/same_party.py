"""Which entries of different lists are one listed party, by the numbers the lists share.

- OFAC's own entry number: the SDN and non-SDN lists and the CSL's OFAC sub-lists carry it.
- The UN Security Council's reference number (QDi.001, CFe.002): the UN list, and the UK and EU
  lists that implement UN sanctions, name it beside their own entry.
A search shows such entries as one party (`names/grouped_search.py`).
"""

from __future__ import annotations

import re

from screener.core.entries import Entry

# US Consolidated Screening List sub-lists that carry OFAC's own entry numbers.
OFAC_CSL_SUBLISTS = frozenset({"SDN", "SSI", "NS-MBS", "CAP", "FSE", "PLC", "CMIC"})
# The entry's own UN reference, as each list labels it: "UN reference QDi.001" (our UN and EU
# readers), "(UN Ref):CFi.010" (UK OFSI). Other references in the remarks name related entries.
_UN_REF = re.compile(r"(?:\bUN reference|\(UN Ref\):?)\s*([A-Z]{2}[ie]\.\s?\d{1,4})")
_UN_REF_KINDS = frozenset({"un reference number", "un reference", "un ref"})


def ofac_numbered(source: str, sub_source: str, entry_id: str) -> bool:
    """Whether an entry id is OFAC's own number (the same party across OFAC lists and the CSL)."""
    return entry_id.isdigit() and (
        source in ("ofac_sdn", "ofac_cons")
        or (source == "us_csl" and sub_source in OFAC_CSL_SUBLISTS)
    )


def un_reference(entry: Entry) -> str | None:
    """The UN Security Council reference number the entry names as its own, if any."""
    for ident in entry.identifiers:
        if ident.kind.strip().casefold() in _UN_REF_KINDS and ident.value.strip():
            return _normal(ident.value)
    found = _UN_REF.search(entry.remarks)
    return _normal(found[1]) if found else None


def party_keys(source: str, entry: Entry) -> tuple[str, ...]:
    """The keys under which this entry is one party with others: its own, OFAC's, the UN's."""
    keys = [f"{source}:{entry.entry_id}"]
    if ofac_numbered(source, entry.sub_source, entry.entry_id):
        keys.append(f"ofac:{entry.entry_id}")
    if (ref := un_reference(entry)) is not None:
        keys.append(f"un:{ref}")
    return tuple(keys)


def _normal(ref: str) -> str:
    return "".join(ref.split())
