"""Goods lists a company maintains itself: annex extracts by HS/CN prefix or by ECCN.

The policy names them (`[goods] custom_lists = ["annex_vii.csv"]`, paths relative to the policy
file), so their bytes are part of the policy's recorded sha256 and a changed list needs a new
policy version. Layout: a UTF-8 CSV with the columns

| column        | required | meaning                                                             |
|---------------|----------|---------------------------------------------------------------------|
| `code`        | yes      | an HS/CN/TARIC prefix ("8471", "8471 30", "847130") or an ECCN /     |
|               |          | EU Annex I code ("3A001", "5A002.a"): a line's code matches when it  |
|               |          | begins with it                                                       |
| `regime`      | yes      | the list or annex the row comes from ("Reg. (EU) 833/2014 Annex VII")|
| `citation`    | yes      | where exactly (article, annex entry, date of the text)               |
| `action`      | yes      | block, review or info: the severity of a match                       |
| `countries`   | no       | ISO codes separated by `;`: the row applies only when a destination, |
|               |          | end-user, transit or party country is one of them; empty = any       |
| `description` | no       | your wording of the goods                                            |
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from screener.core.resources import ReferenceDataError, read_table
from screener.core.rules.eccn import Eccn, EccnProblem
from screener.core.rules.hs import HsCode, HsProblem
from screener.core.rules.route import Route

Severity = Literal["block", "review", "info"]  # as policy.Severity (policy imports this module)
COLUMNS = ("code", "regime", "citation", "action")
_ECCN = re.compile(r"^[0-9][A-E][0-9]{3}(\.[A-Z0-9]+)*$")
_ACTIONS: tuple[Severity, ...] = ("block", "review", "info")


@dataclass(frozen=True, slots=True)
class GoodsRule:
    code: str  # HS digits, or an ECCN without its sub-paragraphs
    kind: str  # "hs" or "eccn"
    regime: str
    citation: str
    action: Severity
    countries: frozenset[str]
    description: str
    list_name: str  # the file it came from


def load_custom_goods(path: Path) -> tuple[GoodsRule, ...]:
    rules = []
    for n, row in read_table(path, COLUMNS):
        raw = row["code"]
        compact = raw.upper().replace(" ", "").replace(".", "") if raw[:1].isdigit() else raw
        action = next((a for a in _ACTIONS if a == row["action"].lower()), None)
        if action is None:
            raise ReferenceDataError(
                path, f"column action: {row['action']!r}: use block, review or info", row=n
            )
        if not row["regime"] or not row["citation"]:
            raise ReferenceDataError(path, "columns regime and citation are required", row=n)
        upper = raw.upper().replace(" ", "")
        if _ECCN.match(upper):
            code, kind = upper.split(".")[0], "eccn"
        elif compact.isdigit() and 2 <= len(compact) <= 10:
            code, kind = compact, "hs"
        else:
            raise ReferenceDataError(
                path, f"column code: {raw!r} is neither an HS prefix nor an ECCN", row=n
            )
        countries = frozenset(
            c.strip().upper() for c in row.get("countries", "").split(";") if c.strip()
        )
        if any(len(c) != 2 or not c.isalpha() for c in countries):
            raise ReferenceDataError(
                path, "column countries: give ISO alpha-2 codes separated by ;", row=n
            )
        rules.append(
            GoodsRule(
                code=code,
                kind=kind,
                regime=row["regime"],
                citation=row["citation"],
                action=action,
                countries=countries,
                description=row.get("description", ""),
                list_name=path.name,
            )
        )
    return tuple(rules)


def custom_goods_findings(
    rules: tuple[GoodsRule, ...],
    hs: HsCode | HsProblem,
    eccn: Eccn | EccnProblem | None,
    route: Route,
) -> Iterator[tuple[str, str, str, Severity]]:
    """(code, text, source, severity) for each rule the line's goods and route meet."""
    present = {p.country.iso2 for p in route.places}
    for rule in rules:
        if rule.kind == "hs":
            if not isinstance(hs, HsCode) or not hs.digits.startswith(rule.code):
                continue
            what = f"HS {hs.dotted}"
        else:
            if not isinstance(eccn, Eccn) or not eccn.code.startswith(rule.code):
                continue
            what = f"ECCN {eccn.code}"
        if rule.countries and not rule.countries & present:
            continue
        where = ""
        if rule.countries:
            hits = [p.label for p in route.places if p.country.iso2 in rule.countries]
            where = f" for {', '.join(dict.fromkeys(hits))}"
        goods = f": {rule.description}" if rule.description else ""
        text = f"{what} is on the goods list '{rule.list_name}' ({rule.regime}{goods}){where}"
        yield "custom_goods", text, f"{rule.regime}, {rule.citation}", rule.action
