"""Downloading the official list files and importing them (`screener lists update`).

Each download goes to a temporary file beside its destination, is checked (size limit, and the
format Screener detects must be the one expected from that address), and only then replaces the
previous copy in the lists folder and is imported. Offline, nothing changes and the message says
so. An organisation with an internal mirror passes `mirror=` (files fetched as MIRROR/<file name>).
"""

from __future__ import annotations

import os
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from screener import __version__
from screener.core.errors import ListFileError, ScreenerError
from screener.core.lists.importers import detect
from screener.core.lists.importers._common import MAX_LIST_FILE_BYTES
from screener.core.lists.importing import ImportOutcome, ImportStatus, import_file
from screener.core.record.database.store import Store


@dataclass(frozen=True, slots=True)
class OfficialFile:
    key: str  # what the officer names on the command line: "ofac_sdn", "un_sc", ...
    title: str
    url: str
    file_name: str  # name the download is saved under in the lists folder
    format: str  # importer key the downloaded content must be detected as


# The publishers' own addresses (checked 2026-11): OFAC Sanctions List Service, trade.gov,
# the EU Financial Sanctions Files, the FCDO UK Sanctions List, the UN Security Council.
OFFICIAL_FILES: tuple[OfficialFile, ...] = (
    OfficialFile(
        "ofac_sdn",
        "OFAC SDN List (XML)",
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML",
        "SDN.XML",
        "ofac-xml",
    ),
    OfficialFile(
        "ofac_cons",
        "OFAC Consolidated (non-SDN) List (XML)",
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
        "CONSOLIDATED.XML",
        "consolidated.xml",
        "ofac-xml",
    ),
    OfficialFile(
        "us_csl",
        "US Consolidated Screening List (trade.gov)",
        "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
        "consolidated.csv",
        "trade-gov-csl",
    ),
    OfficialFile(
        "eu_fsf",
        "EU Financial Sanctions Files (XML 1.1)",
        "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/"
        "content?token=dG9rZW4tMjAxNw",
        "xmlFullSanctionsList_1_1.xml",
        "eu-fsf-xml",
    ),
    OfficialFile(
        "uk_fcdo",
        "UK Sanctions List (FCDO)",
        "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv",
        "UK-Sanctions-List.csv",
        "fcdo-uk-sanctions-list",
    ),
    OfficialFile(
        "un_sc",
        "UN Security Council Consolidated List",
        "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
        "un_consolidated.xml",
        "un-xml",
    ),
)


class UpdateError(ScreenerError):
    pass


@dataclass(frozen=True, slots=True)
class UpdateOutcome:
    file: OfficialFile
    status: str  # imported | unchanged | failed
    message: str
    bytes: int = 0
    seconds: float = 0.0
    import_outcome: ImportOutcome | None = None

    def summary(self) -> str:
        if self.status == "failed":
            return f"error: {self.file.key}: {self.message}"
        return f"{self.status:<9} {self.file.key:<10} {self.bytes / 2**20:6.1f} MiB  {self.message}"


def select_files(keys: Sequence[str] = ()) -> list[OfficialFile]:
    if not keys:
        return list(OFFICIAL_FILES)
    known = {f.key: f for f in OFFICIAL_FILES}
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise UpdateError(f"unknown list {', '.join(unknown)}; known: {', '.join(known)}")
    return [known[k] for k in keys]


def update_lists(
    store: Store,
    folder: Path,
    *,
    keys: Sequence[str] = (),
    mirror: str | None = None,
    timeout: float = 60.0,
    max_bytes: int = MAX_LIST_FILE_BYTES,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[UpdateOutcome]:
    """Download, check and import each official file; one outcome per file, failures included."""
    folder.mkdir(parents=True, exist_ok=True)
    for official in select_files(keys):
        if cancelled is not None and cancelled():
            return
        yield _update_one(
            store, folder, official, mirror=mirror, timeout=timeout, max_bytes=max_bytes
        )


def _update_one(
    store: Store,
    folder: Path,
    official: OfficialFile,
    *,
    mirror: str | None,
    timeout: float,
    max_bytes: int,
) -> UpdateOutcome:
    started = time.perf_counter()
    url = f"{mirror.rstrip('/')}/{official.file_name}" if mirror else official.url
    fd, tmp_name = tempfile.mkstemp(prefix=f".{official.file_name}.", suffix=".part", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            size = _download(url, out, timeout=timeout, max_bytes=max_bytes)
        try:
            spec = detect(tmp)
            if spec.key != official.format:
                raise ListFileError(tmp, f"got {spec.description}")
            spec.parse(tmp)  # a truncated or corrupt download fails here, before replacing
        except ListFileError as exc:
            raise UpdateError(
                f"{url} did not return the expected {official.title}: "
                f"{exc.reason}; nothing was changed"
            ) from exc
        target = folder / official.file_name
        os.replace(tmp, target)
        outcome = import_file(store, target)
        status = {ImportStatus.IMPORTED: "imported", ImportStatus.UNCHANGED: "unchanged"}.get(
            outcome.status, "failed"
        )
        v = outcome.version
        message = (
            f"{v.published or 'undated'}, {v.entries:,} entries, {v.names:,} names"
            if v is not None
            else (outcome.error or "import failed")
        ) + (f"; {outcome.note}" if outcome.note else "")  # why a version is held
        return UpdateOutcome(
            official, status, message, size, time.perf_counter() - started, outcome
        )
    except (UpdateError, ListFileError) as exc:
        return UpdateOutcome(official, "failed", str(exc), seconds=time.perf_counter() - started)
    finally:
        tmp.unlink(missing_ok=True)


def _download(url: str, out: object, *, timeout: float, max_bytes: int) -> int:
    request = urllib.request.Request(url, headers={"User-Agent": f"Screener/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = int(response.headers.get("Content-Length") or 0)
            if declared > max_bytes:
                raise UpdateError(
                    f"{url} offers {declared / 2**20:.0f} MiB, more than the "
                    f"{max_bytes / 2**20:.0f} MiB limit; nothing was changed"
                )
            size = 0
            while chunk := response.read(1 << 20):
                size += len(chunk)
                if size > max_bytes:
                    raise UpdateError(
                        f"{url} sent more than the {max_bytes / 2**20:.0f} MiB "
                        "limit; nothing was changed"
                    )
                out.write(chunk)  # type: ignore[attr-defined]
            if declared and size != declared:
                raise UpdateError(
                    f"{url}: download ended after {size:,} of {declared:,} bytes; "
                    "nothing was changed"
                )
            return size
    except urllib.error.HTTPError as exc:
        raise UpdateError(
            f"{url} answered HTTP {exc.code} {exc.reason}; nothing was changed"
        ) from exc
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UpdateError(
            f"cannot reach {url} ({reason}). Working offline? The lists already imported stay "
            "in use; copy the files onto this machine and run `screener lists import FOLDER`."
        ) from exc
