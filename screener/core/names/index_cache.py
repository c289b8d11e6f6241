"""The name index's cache file, kept safe: used only when it is exactly what would be built.

    index = load_or_build(items, key, folder)

Beside `names-<database id>.idx` (as `NameIndex.save` writes it) lies `names-<database id>.json`
with the key it was built for (database identity, matcher version, list version ids and their
chained content digests) and the sha256 of the index file. A cache that is missing, damaged,
edited, stale or from another database is rebuilt with a note in the log, never used and never
fatal. The checksum finds damage and careless edits; a deliberate forger who also rewrites the
checksum is outside what a cache beside the database can stop (the list data itself is proven
by `audit verify`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from screener.core.names.name_index import IndexedName, NameIndex

log = logging.getLogger(__name__)


def cache_key(store: Any, matcher_version: str, versions: tuple[int, ...]) -> dict[str, Any]:
    """What a cache must have been built from: this database, matcher, lists and content."""
    from screener.core.record.chain.list_chain import database_id, version_digests

    try:
        ident, digests = database_id(store.db), version_digests(store.db, list(versions))
    except Exception:  # an old database opened read-only: no identity yet
        ident, digests = "", {}
    return {
        "database": ident,
        "matcher": matcher_version,
        "versions": list(versions),
        "digests": [digests.get(v, "") for v in versions],
    }


def load_or_build(items: Sequence[IndexedName], key: dict[str, Any], folder: Path) -> NameIndex:
    stem = f"names-{key.get('database') or 'unknown'}"
    path, meta_path = folder / f"{stem}.idx", folder / f"{stem}.json"
    cached, why = _try_load(items, key, path, meta_path)
    if cached is not None:
        return cached
    if why != "missing":
        log.warning("rebuilding the name index cache %s: %s", path, why)
    index = NameIndex.build(list(items))
    _save(index, key, folder, path, meta_path)
    return index


def _try_load(
    items: Sequence[IndexedName], key: dict[str, Any], path: Path, meta_path: Path
) -> tuple[NameIndex | None, str]:
    """The cached index, or None and why it cannot be used."""
    if not path.exists() and not meta_path.exists():
        return None, "missing"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        stored_key, digest, size = meta["key"], str(meta["sha256"]), int(meta["bytes"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return None, f"its checksum file is missing or damaged ({type(exc).__name__})"
    if not isinstance(stored_key, dict):
        return None, "its checksum file is damaged"
    if stored_key.get("database") != key.get("database"):
        return None, "it was built for another database"
    if stored_key != key:
        return None, "the lists or the matcher changed since it was built"
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, f"it cannot be read ({exc.strerror or exc})"
    if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
        return None, "it was edited or damaged (checksum does not match)"
    try:
        index = NameIndex.load(path)
    except Exception as exc:  # a damaged file may fail in any way; never fatal
        return None, f"it cannot be read ({type(exc).__name__})"
    if _listed_names(index) != [(i.key, i.name) for i in items]:
        return None, "it does not hold the names of the lists in use"
    return index, ""


def _save(index: NameIndex, key: dict[str, Any], folder: Path, path: Path, meta: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in [*folder.glob("names-*.idx"), *folder.glob("names-*.json")]:
            old.unlink(missing_ok=True)
        # Per process: several processes may rebuild the same cache at once (a team's officers).
        tmp = path.with_name(f"{path.name}.{os.getpid()}.part")
        index.save(tmp)
        data = tmp.read_bytes()
        tmp_meta = meta.with_name(f"{meta.name}.{os.getpid()}.part")
        tmp_meta.write_text(
            json.dumps(
                {"key": key, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            ),
            encoding="utf-8",
        )
        tmp.replace(path)
        tmp_meta.replace(meta)
    except OSError as exc:
        log.warning("cannot write name index cache %s: %s", path, exc)


def _listed_names(index: NameIndex) -> list[tuple[int, str]]:
    """(key, listed name) of every indexed name, once: derived rows follow their name."""
    keys, names = index._keys, index._names
    return [(key, names[row]) for row, key in enumerate(keys) if row == 0 or keys[row - 1] != key]
