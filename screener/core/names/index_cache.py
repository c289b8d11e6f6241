"""The name index's cache file, kept safe: used only when it is exactly what would be built.

    index = load_or_build(source, key, folder)    # source() -> (names, their entries)

`names-<database id>.json` holds the key the cache was built for (database identity, matcher
version, list version ids and their chained content digests), the name of the index file
beside it (`names-<database id>.<digest>.idx`, as `NameIndex.save` writes it: a new name for
new content, so a process still mapping the old file is never disturbed) and its sha256.
When the key matches, the index is mapped from the file: no name is read from the database.
When only the lists changed, the new index takes the reading of every name still listed from
the previous file (`index_build.PreviousRows`), once that file passes the same checks.

The checksum is not recomputed on every open: the file's size, times and file id are recorded
once a full check has passed well after the file was last written (so an edit made in the same
clock tick as the write cannot hide behind an unchanged timestamp), and an unchanged record is
trusted. Any change to the file changes that record, and the next open checks the sha256 again.
A cache that is missing, damaged, edited, stale or from another database is rebuilt with a
note in the log, never used and never fatal. The checksum finds damage and careless edits; a
deliberate forger who also rewrites the checksum is outside what a cache beside the database
can stop (the list data itself is proven by `audit verify`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from screener.core.names import blocking
from screener.core.names.index_build import PreviousRows
from screener.core.names.index_file import fingerprint
from screener.core.names.index_layout import EntryRef
from screener.core.names.name_index import IndexedName, NameIndex

log = logging.getLogger(__name__)
NameSource = Callable[[], tuple[Sequence[IndexedName], Mapping[int, EntryRef]]]
_FORMAT = 6  # of the checksum file and the index file it names (6: reach shapes)
_SETTLED_NS = 3_000_000_000  # longer than any file system's timestamp granularity (FAT: 2 s)


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
        "blocking": blocking.VERSION,
        "versions": list(versions),
        "digests": [digests.get(v, "") for v in versions],
    }


def load_or_build(
    items: Sequence[IndexedName] | NameSource, key: dict[str, Any], folder: Path
) -> NameIndex:
    """The cached index when it is valid, else one built from `items` (and cached)."""
    read = _once(items if callable(items) else lambda: (items, {}))
    stem = f"names-{key.get('database') or 'unknown'}"
    cached, why = _try_load(read, key, folder, stem)
    if cached is not None:
        return cached
    if why != "missing":
        log.warning("rebuilding the name index cache %s: %s", folder / f"{stem}.idx", why)
    names, entries = read()
    reuse = _previous(folder, stem, key) if why.startswith("the lists") else None
    index = NameIndex.build(names, reuse)
    index.entries = dict(entries)
    del reuse  # unmapped before the old file is removed (Windows keeps a mapped file)
    # The mapped copy, not the built one: it is shared with every other process using it.
    return _save(index, key, folder, stem) or index


def _try_load(
    read: NameSource, key: dict[str, Any], folder: Path, stem: str
) -> tuple[NameIndex | None, str]:
    """The cached index, or None and why it cannot be used."""
    meta_path = folder / f"{stem}.json"
    if not meta_path.exists() and not any(folder.glob(f"{stem}*.idx")):
        return None, "missing"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if isinstance(meta, dict) and meta.get("format") != _FORMAT:
            return None, "it was written by another version of Screener"
        stored_key, digest, size = meta["key"], str(meta["sha256"]), int(meta["bytes"])
        name = str(meta["file"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return None, f"its checksum file is missing or damaged ({type(exc).__name__})"
    if not isinstance(stored_key, dict) or Path(name).name != name:
        return None, "its checksum file is damaged"
    if stored_key.get("database") != key.get("database"):
        return None, "it was built for another database"
    if stored_key != key:
        return None, "the lists or the matcher changed since it was built"
    path = folder / name
    try:
        seen = fingerprint(path)
        if path.stat().st_size != size:
            return None, "it was edited or damaged (checksum does not match)"
        if not _settled(meta, seen):
            if _sha256(path) != digest:
                return None, "it was edited or damaged (checksum does not match)"
            _settle(meta_path, meta, seen)
    except OSError as exc:
        return None, f"it cannot be read ({exc.strerror or exc})"
    try:
        index = NameIndex.load(path)
    except Exception as exc:  # a damaged file may fail in any way; never fatal
        return None, f"it cannot be read ({type(exc).__name__})"
    if not key.get("database") or not all(key.get("digests") or [""]):
        # No identity or content digest to key on (an old database opened read-only):
        # compare the names themselves.
        names, _ = read()
        if _listed_names(index) != [(i.key, i.name) for i in names]:
            return None, "it does not hold the names of the lists in use"
    return index, ""


def _previous(folder: Path, stem: str, key: dict[str, Any]) -> PreviousRows | None:
    """The index file of earlier list versions, for the names it holds that are still listed:
    read only when it passes its checks and was built by this matcher for this database."""
    try:
        meta = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
        stored, path = meta["key"], folder / Path(str(meta["file"])).name
        if meta.get("format") != _FORMAT or any(
            stored.get(part) != key.get(part) for part in ("database", "matcher", "blocking")
        ):
            return None
        if not key.get("database") or path.stat().st_size != int(meta["bytes"]):
            return None
        if not _settled(meta, fingerprint(path)) and _sha256(path) != str(meta["sha256"]):
            return None
        return PreviousRows(path)
    except Exception as exc:  # an old cache that cannot help is simply not used
        log.info("building the name index afresh: the previous one is unusable (%s)", exc)
        return None


def _settled(meta: dict[str, Any], seen: str) -> bool:
    """Whether the file is as recorded at a full check made well after it was written."""
    if meta.get("seen") != seen:
        return False
    return int(meta.get("verified_ns", 0)) > _written_ns(seen) + _SETTLED_NS


def _settle(meta_path: Path, meta: dict[str, Any], seen: str) -> None:
    """Record the file as checked now, when that is late enough to be trusted. `seen` was
    taken before the check: an edit during it changes the file's times, so it is not hidden."""
    now = time.time_ns()
    if now <= _written_ns(seen) + _SETTLED_NS:
        return
    with contextlib.suppress(OSError):  # a read-only folder: the full check stays
        _write_json(meta_path, {**meta, "seen": seen, "verified_ns": now})


def _written_ns(seen: str) -> int:
    """The modification time in a fingerprint (any other change shows in its change time)."""
    return int(seen.split(":")[1])


def _save(index: NameIndex, key: dict[str, Any], folder: Path, stem: str) -> NameIndex | None:
    """Write the cache; the index mapped from it, or None when it could not be written."""
    meta_path = folder / f"{stem}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Per process: several processes may rebuild the same cache at once (a team's officers).
        tmp = folder / f"{stem}.{os.getpid()}.part"
        index.save(tmp)
        digest = _sha256(tmp)
        path = folder / f"{stem}.{digest[:16]}.idx"
        try:
            tmp.replace(path)
        except OSError:
            if not path.exists():
                raise
            tmp.unlink()  # the same content, mapped by another process (Windows keeps it)
        meta = {
            "format": _FORMAT,
            "key": key,
            "file": path.name,
            "sha256": digest,
            "bytes": path.stat().st_size,
            "seen": fingerprint(path),
            "verified_ns": time.time_ns(),
        }
        _write_json(meta_path, meta)
        for old in [*folder.glob("names-*.idx"), *folder.glob("names-*.json")]:
            if old not in (path, meta_path):
                with contextlib.suppress(OSError):  # still mapped by a process (Windows)
                    old.unlink()
    except OSError as exc:
        log.warning("cannot write name index cache %s: %s", folder / f"{stem}.idx", exc)
        return None
    try:
        mapped = NameIndex.load(path)
    except (OSError, ValueError) as exc:
        log.warning("cannot read the name index cache just written %s: %s", path, exc)
        return None
    return mapped


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.part")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    tmp.replace(path)


def _sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _once(read: NameSource) -> NameSource:
    """`read`, reading the store at most once."""
    memo: list[tuple[Sequence[IndexedName], Mapping[int, EntryRef]]] = []

    def once() -> tuple[Sequence[IndexedName], Mapping[int, EntryRef]]:
        if not memo:
            memo.append(read())
        return memo[0]

    return once


def _listed_names(index: NameIndex) -> list[tuple[int, str]]:
    """(key, listed name) of every indexed name, once: derived rows follow their name."""
    keys, names = index._keys, index._names
    return [(key, names[row]) for row, key in enumerate(keys) if row == 0 or keys[row - 1] != key]
