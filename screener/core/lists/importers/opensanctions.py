"""OpenSanctions exports: `targets.simple.csv` and FollowTheMoney `entities.ftm.json`.

Source key: `opensanctions_<dataset>`, where <dataset> is the OpenSanctions dataset name
("ua_war_sanctions"). The FtM export names datasets directly; the simple CSV writes the
dataset's *title* ("Ukraine War and Sanctions"), which is mapped through `DATASET_NAMES`
or, for titles not in that table, slugged ("Some New List" -> "some_new_list"). A file
whose entries come from several datasets (a collection export such as "sanctions") gets
source `opensanctions_collection`; each entry keeps its datasets in `sub_source`.

FtM: only target schemas (Person, Organization, Company, LegalEntity, PublicBody, Vessel,
Airplane) become entries; entities marked `"target": false` (relatives, owners) are
skipped. Address, Sanction and Identification/Passport entities in the same file are folded
into the entries that reference them, when the reference resolves; otherwise dropped.

Neither export carries a publication date: `published` is the newest `last_seen`, the time
OpenSanctions last saw the data at its source (basis "file content").
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from screener.core.entries import (
    Address,
    EntityType,
    Entry,
    Identifier,
    ParsedList,
)
from screener.core.errors import ListFileError
from screener.core.lists.importers._common import (
    Head,
    ImporterSpec,
    clean,
    fallback_date,
    parse_date,
    read_head,
)
from screener.core.lists.importers.opensanctions_fields import TYPES, alias, ftm_date, unique
from screener.core.lists.importers.opensanctions_ftm import ftm_entries

KEY = "opensanctions"
SOURCE_PREFIX = "opensanctions_"
COLLECTION = "collection"
# Titles the simple CSV writes -> dataset names (see opensanctions.org/datasets/<name>).
DATASET_NAMES = {
    "Ukraine War and Sanctions": "ua_war_sanctions",
    "EU Financial Sanctions Files (FSF)": "eu_fsf",
}
_TITLES = {name: title for title, name in DATASET_NAMES.items()}
_CSV_SIGNATURE = {"id", "schema", "name", "aliases", "dataset"}
_CSV_REQUIRED = ("id", "schema", "name")
_IMO = re.compile(r"IMO\s*(\d{7})")


def dataset_name(value: str) -> str:
    """OpenSanctions dataset name for the dataset title (or name) an export writes."""
    value = clean(value)
    if value in DATASET_NAMES:
        return DATASET_NAMES[value]
    if re.fullmatch(r"[a-z0-9_]+", value):
        return value
    return re.sub(r"[^a-z0-9]+", "_", value.lower()).strip("_")


def _sniff(head: Head) -> bool:
    line = head.first_line()
    if head.kind == "text":
        try:
            header = next(csv.reader([line]), [])
        except csv.Error:
            return False
        return {h.strip() for h in header} >= _CSV_SIGNATURE
    if head.kind == "json":
        try:
            obj = json.loads(line)
        except ValueError:  # a first entity longer than the head: look at its keys only
            return '"schema"' in line and '"properties"' in line
        return isinstance(obj, dict) and "schema" in obj and "properties" in obj
    return False


def _parse(path: Path) -> ParsedList:
    if read_head(path).kind == "json":
        entries, last_seen = ftm_entries(path)
    else:
        entries, last_seen = _csv_entries(path)
    if not entries:
        raise ListFileError(path, "no entries (no sanctioned persons, companies or vessels)")
    datasets = {name for e in entries for name in e.sub_source.split(";") if name}
    dataset = datasets.pop() if len(datasets) == 1 else COLLECTION
    published: date | None = None
    basis = "file content"
    if iso := parse_date(last_seen[:10]):
        published = date.fromisoformat(iso) if len(iso) == 10 else None
    if published is None:
        published, basis = fallback_date(path)
    return ParsedList(
        source=SOURCE_PREFIX + dataset,
        title=f"OpenSanctions: {_TITLES.get(dataset, dataset)}",
        format=KEY,
        published=published,
        published_basis=basis,
        files=(path,),
        entries=entries,
    )


# ---------------------------------------------------------------- targets.simple.csv


def _split(cell: str) -> list[str]:
    """A multi-value cell: values joined by ";", CSV-quoted when they hold ";" or quotes."""
    if not cell:
        return []
    values = cell.split(";")
    if cell.startswith('"'):
        with contextlib.suppress(csv.Error):  # badly quoted: fall back to a plain split
            values = [v for rec in csv.reader(io.StringIO(cell), delimiter=";") for v in rec]
    return [c for c in (clean(v) for v in values) if c]


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    line = 1
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh, strict=True)
            header = [h.strip() for h in next(reader, [])]
            missing = [c for c in _CSV_REQUIRED if c not in header]
            if missing:
                raise ListFileError(
                    path, f"not an OpenSanctions targets CSV: no column {', '.join(missing)}"
                )
            for row in reader:
                line = reader.line_num
                if not any(row):
                    continue
                if len(row) != len(header):
                    raise ListFileError(
                        path,
                        f"line {line:,} has {len(row)} columns, the header has {len(header)}; "
                        "the file is truncated or damaged",
                    )
                yield line, dict(zip(header, row, strict=True))
    except csv.Error as exc:
        what = "the file ends early (truncated download?)" if "end of data" in str(exc) else exc
        raise ListFileError(path, f"after line {line:,}: malformed CSV: {what}") from exc
    except UnicodeDecodeError as exc:
        raise ListFileError(path, f"after line {line:,}: the text is not UTF-8") from exc
    except OSError as exc:
        raise ListFileError(path, f"cannot read file ({exc.strerror or exc})") from exc


def _csv_entries(path: Path) -> tuple[list[Entry], str]:
    entries: list[Entry] = []
    last_seen = ""
    names: dict[str, str] = {}  # dataset title -> name, computed once per title
    for line, row in _csv_rows(path):
        entry_id, name = clean(row["id"]), clean(row["name"])
        if not entry_id or not name:
            raise ListFileError(path, f"line {line:,}: the entry has no id or no name")
        datasets = [names.setdefault(d, dataset_name(d)) for d in _split(row.get("dataset", ""))]
        identifiers = []
        for value in _split(row.get("identifiers", "")):
            m = _IMO.fullmatch(value)
            identifiers.append(Identifier("IMO", m[1]) if m else Identifier("Identifier", value))
        notes = _split(row.get("sanctions", ""))
        notes += [f"Phone {p}" for p in _split(row.get("phones", ""))]
        notes += [f"Email {e}" for e in _split(row.get("emails", ""))]
        entries.append(
            Entry(
                entry_id=entry_id,
                type=TYPES.get(clean(row["schema"]), EntityType.UNKNOWN),
                name=name,
                aliases=tuple(
                    dict.fromkeys(alias(a) for a in _split(row.get("aliases", "")) if a != name)
                ),
                countries=unique(_split(row.get("countries", ""))),
                addresses=tuple(Address(a) for a in _split(row.get("addresses", ""))),
                programs=unique(_split(row.get("program_ids", ""))),
                identifiers=tuple(dict.fromkeys(identifiers)),
                dates_of_birth=unique(
                    [d for d in map(ftm_date, _split(row.get("birth_date", ""))) if d]
                ),
                remarks="; ".join(unique(notes)),
                listed_on=parse_date(row.get("first_seen", "")[:10]),
                sub_source=";".join(unique(datasets)),
            )
        )
        last_seen = max(last_seen, clean(row.get("last_seen", "")))
    return entries, last_seen


SPEC = ImporterSpec(
    key=KEY,
    description="OpenSanctions export (targets.simple.csv or FollowTheMoney entities.ftm.json)",
    sniff=_sniff,
    parse=_parse,
)
