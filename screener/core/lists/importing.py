"""Importing official list files into the store.

    for outcome in import_lists(store, [Path("downloads/")]):
        print(outcome.summary())

Each file (or OFAC CSV set) becomes one list version in one transaction: a file that fails to
parse leaves nothing behind. A file whose bytes are already stored is reported `unchanged`.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from screener.core.entries import ParsedList
from screener.core.errors import ListFileError, ScreenerError
from screener.core.lists import holds
from screener.core.lists.importers import IMPORTERS, detect, read_head
from screener.core.lists.plausibility import doubts, held_message
from screener.core.record.database.list_versions import ListVersion
from screener.core.record.database.store import Store
from screener.core.safe_files import require_regular_file

log = logging.getLogger(__name__)

# Folder scans only look at files that can be list downloads; files named explicitly are always
# tried, whatever their name (the format is decided from content).
LIST_SUFFIXES = {".csv", ".xml", ".txt", ".tsv", ".xlsx", ".json", ".jsonl", ".ftm", ".dat"}


class ImportStatus(StrEnum):
    IMPORTED = "imported"
    HELD = "held"  # stored, not made current: implausible until accepted (see plausibility)
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    path: Path
    status: ImportStatus
    version: ListVersion | None = None
    error: str | None = None
    seconds: float = 0.0
    note: str = ""  # why a version is held, or that it was accepted despite doubts

    def summary(self) -> str:
        if self.status is ImportStatus.FAILED or self.version is None:
            return f"error: {self.error}"
        v = self.version
        published = v.published.isoformat() if v.published else "undated"
        return (
            f"{self.status.value:<9} {v.source:<32} {published:<10} "
            f"{v.entries:>7,} entries {v.names:>8,} names  {self.path}"
            + (f"  ({self.note})" if self.note else "")
        )


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files to import: explicit files as given, folders recursively (list-like names only)."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in LIST_SUFFIXES
            )
        else:
            found.append(path)
    seen: set[Path] = set()
    unique = []
    for p in found:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def plan_imports(files: list[Path]) -> tuple[list[Path], list[ImportOutcome]]:
    """Drop companion files (OFAC add/alt/comments) that their primary file will read."""
    primaries: list[Path] = []
    problems: list[ImportOutcome] = []
    wanted = {p.resolve() for p in files}
    for path in files:
        try:
            require_regular_file(path, what="list file")  # a pipe would block for ever
        except ScreenerError as exc:
            problems.append(ImportOutcome(path, ImportStatus.FAILED, error=str(exc)))
            continue
        try:
            head = read_head(path)
        except ListFileError as exc:
            problems.append(ImportOutcome(path, ImportStatus.FAILED, error=str(exc)))
            continue
        primary = _companion_primary(head)
        if primary is None:
            primaries.append(path)
        elif primary.resolve() not in wanted:
            if primary.exists():
                wanted.add(primary.resolve())
                primaries.append(primary)
            else:
                problems.append(
                    ImportOutcome(
                        path,
                        ImportStatus.FAILED,
                        error=str(
                            ListFileError(
                                path,
                                f"a companion of {primary.name}, which is not beside it",
                            )
                        ),
                    )
                )
    return primaries, problems


def _companion_primary(head: object) -> Path | None:
    for spec in IMPORTERS:
        if spec.companion_of is not None:
            try:
                primary = spec.companion_of(head)  # type: ignore[arg-type]
            except Exception:  # a sniffing bug must not stop the import of other files
                log.exception("companion check failed for %s", getattr(head, "path", "?"))
                continue
            if primary is not None:
                return primary
    return None


def import_file(store: Store, path: Path, *, accept: bool = False) -> ImportOutcome:
    """`accept`: make the version current even if it looks implausible (see plausibility)."""
    started = time.perf_counter()
    try:
        require_regular_file(path, what="list file")
        before = _stat(path)
        spec = detect(path)
        parsed = spec.parse(path)
        if not parsed.entries:
            raise ListFileError(path, "no entries found")
        read = {f.resolve(): _stat(f) for f in parsed.files}
        digest, size = _digest(parsed.files)
        if read.get(path.resolve(), before) != before or any(
            _stat(f) != s for f, s in read.items()
        ):
            # The sha256 recorded must be of the bytes parsed: a file still being written or
            # synced is refused, not stored under a hash of neither version.
            raise ListFileError(path, "changed while it was being read; import it again")
        return store_gated(store, path, parsed, digest, size, accept=accept, started=started)
    except ScreenerError as exc:
        return ImportOutcome(
            path, ImportStatus.FAILED, error=str(exc), seconds=time.perf_counter() - started
        )
    except MemoryError:
        return ImportOutcome(
            path,
            ImportStatus.FAILED,
            error=f"{path}: file too large to import",
            seconds=time.perf_counter() - started,
        )
    except Exception as exc:  # an importer bug: report it for this file, keep going
        log.exception("unexpected error importing %s", path)
        return ImportOutcome(
            path,
            ImportStatus.FAILED,
            seconds=time.perf_counter() - started,
            error=f"{path}: could not be read ({type(exc).__name__}: {exc}); please report this",
        )


def store_gated(
    store: Store,
    path: Path,
    parsed: ParsedList,
    digest: str,
    size: int,
    *,
    accept: bool,
    started: float,
    with_version: Callable[[Any, ListVersion], None] | None = None,
) -> ImportOutcome:
    """Store a parsed list as a new version (or find it stored), through the plausibility gate:
    a doubtful version is stored but held until accepted. `with_version(db, version)` records
    more in the same transaction (a lenient import's skipped rows)."""
    existing = store.find_version(parsed.source, digest)
    if existing is not None:
        status, note = _unchanged(store, existing, accept)
        return ImportOutcome(
            path, status, existing, seconds=time.perf_counter() - started, note=note
        )
    current = {v.source: v for v in store.current_versions()}.get(parsed.source)
    reasons = doubts(parsed.source, parsed.published, len(parsed.entries), current)
    with store.write() as db:  # the version and its hold land together, or neither
        version = store.add_list_version(parsed, sha256=digest, size=size)
        if with_version is not None:
            with_version(db, version)
        if reasons:
            holds.record(store, version.id, "accepted" if accept else "held", "; ".join(reasons))
    status = ImportStatus.HELD if reasons and not accept else ImportStatus.IMPORTED
    note = ""
    if reasons:
        note = f"accepted: {'; '.join(reasons)}" if accept else held_message(reasons)
    return ImportOutcome(path, status, version, seconds=time.perf_counter() - started, note=note)


def _unchanged(store: Store, version: ListVersion, accept: bool) -> tuple[ImportStatus, str]:
    reason = store.held_reasons().get(version.id)
    if reason is None:
        return ImportStatus.UNCHANGED, ""
    if not accept:
        return ImportStatus.HELD, held_message(reason)
    holds.record(store, version.id, "accepted", reason)
    return ImportStatus.IMPORTED, f"accepted: {reason}"


def import_lists(
    store: Store,
    paths: Iterable[Path],
    *,
    accept: bool = False,
    on_start: Callable[[int, int, Path], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[ImportOutcome]:
    """Import files and folders; yields one outcome per list file, in a stable order.

    `on_start(index, total, path)` is called before each file (for progress); `cancelled()` is
    checked between files — a file being imported is always finished or rolled back whole.
    """
    paths = [Path(p) for p in paths]
    for folder in (p for p in paths if p.is_dir() and not collect_files([p])):
        yield ImportOutcome(
            folder,
            ImportStatus.FAILED,
            error=f"{folder}: nothing to import in this folder (no list files:"
            f" {', '.join(sorted(LIST_SUFFIXES))})",
        )
    primaries, problems = plan_imports(collect_files(paths))
    yield from problems
    for i, path in enumerate(primaries):
        if cancelled is not None and cancelled():
            return
        if on_start is not None:
            on_start(i, len(primaries), path)
        yield import_file(store, path, accept=accept)


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _digest(files: Iterable[Path]) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    for f in files:
        with f.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
                size += len(chunk)
    return h.hexdigest(), size
