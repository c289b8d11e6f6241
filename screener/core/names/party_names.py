"""The names one party cell holds: "Global Trading LLC c/o Rosoboronexport" names two parties,
and an order that ships to the second must meet its listing.

    names_in("Global Trading LLC c/o Rosoboronexport")  -> ("Global Trading LLC", "Rosoboronexport")
    names_in("Rosoboronexport (formerly Promexport)")  -> ("Rosoboronexport", "Promexport")
    names_in("Acme GmbH")                              -> ()

A cell is cut at the words that put a second name beside the first (care of, attention of, on
behalf of, via, formerly, also known as, trading as, in the languages of the header words) and
at " / " or ";" between names; a cell that goes on with an address after a comma ("X, 27
Stromynka St, Moscow") also names the part before it. The whole cell is still searched; each
part is searched too, and a part's hit says which part met it (`with_part_hits`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from screener.core.names.search import SearchHit

_CONNECTORS = (
    # English
    "c/o", "c.o.", "care of", "attn", "attn.", "attention", "to the attention of", "on behalf of",
    "o/b/o", "for account of", "for the account of", "acting for", "as agent for", "agent for",
    "via", "formerly", "formerly known as", "f/k/a", "f.k.a.", "fka", "previously",
    "a.k.a.", "aka", "also known as", "d/b/a", "d.b.a.", "dba", "doing business as", "t/a",
    "trading as",
    # German, French, Spanish, Italian
    "z. hd.", "z.hd.", "zu händen", "im auftrag von", "i.a.", "vormals", "ehemals", "über",
    "a/s de", "aux soins de", "pour le compte de", "anciennement", "a/c de", "en nombre de",
    "por cuenta de", "antes", "per conto di", "presso", "già",
    # Russian, Ukrainian
    "через", "в интересах", "по поручению", "ранее", "бывш.", "бывшее",
)  # fmt: skip
# These may begin a cell ("Attn: Rosoboronexport JSC"): the name follows them.
_LEADING = frozenset({"c/o", "c.o", "care of", "attn", "attention", "to the attention of",
                      "z. hd", "z.hd", "zu händen", "a/s de", "aux soins de"})  # fmt: skip
_LONGEST_FIRST = sorted(_CONNECTORS, key=len, reverse=True)
_CUT = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(c) for c in _LONGEST_FIRST) + r")(?!\w)"
    r"|\s/\s|;|\|",
    re.IGNORECASE,
)
_ADDRESS_START = re.compile(r"(,|\n)")  # kept, so the name keeps its own commas
_ADDRESS_WORD = re.compile(
    r"(?<!\w)(?:st|str|street|strasse|straße|road|rd|ave|avenue|blvd|boulevard|lane|ul|ulitsa"
    r"|ulica|prospekt|pr-t|per|pereulok|shosse|floor|fl|room|rm|office|suite|building|bldg"
    r"|block|tower|plot|p\.?o\.? box|postfach|district|industrial zone|free zone)(?!\w)",
    re.IGNORECASE,
)
_EDGES = " \t\r\n,.:;-–—()[]{}\"'"


def names_in(text: str) -> tuple[str, ...]:
    """The names a party cell holds besides itself; () when it holds one."""
    base = _name_before_address(text) or text
    found = [_name_before_address(part) or part for part in _joined_names(base)]
    return tuple(dict.fromkeys([base, *found] if base != text else found))


def _name_before_address(text: str) -> str:
    """ "Rosoboronexport, 27 Stromynka St, Moscow 107076, Russia" -> "Rosoboronexport": an
    export that writes the address into the name column, after a comma or on the next lines of
    the cell; "" when no part reads as one."""
    pieces = _ADDRESS_START.split(text)
    for at in range(2, len(pieces), 2):
        if any(ch.isdigit() for ch in pieces[at]) or _ADDRESS_WORD.search(pieces[at]):
            name = "".join(pieces[: at - 1]).strip(_EDGES)
            return name if sum(ch.isalpha() for ch in name) >= 3 else ""
    return ""


def _joined_names(text: str) -> tuple[str, ...]:
    parts, start = [], 0
    for cut in _CUT.finditer(text):
        before = text[start : cut.start()].strip(_EDGES)
        if not before and start == 0 and cut.group().lower().rstrip(".") not in _LEADING:
            continue  # "Via Appia SRL", "Über Technologies": the word begins the name
        parts.append(before)
        start = cut.end()
    if not start:
        return ()
    parts.append(text[start:].strip(_EDGES))
    return tuple(dict.fromkeys(p for p in parts if sum(ch.isalpha() for ch in p) >= 3))


def with_part_hits(
    name: str, hits: Sequence[SearchHit], search: Callable[[str], Sequence[SearchHit]]
) -> list[SearchHit]:
    """`hits` of the whole cell, with the hits of each name it holds that the whole missed or
    scored lower, each saying which part met it; best first."""
    best = {(h.source, h.entry_id): h for h in hits}
    for part in names_in(name):
        for hit in search(part):
            key = (hit.source, hit.entry_id)
            if key not in best or best[key].score < hit.score:
                said = f"met by {part!r}, a name within the party's {name!r}: {hit.explanation}"
                best[key] = replace(hit, explanation=said)
    return sorted(best.values(), key=lambda h: -h.score)
