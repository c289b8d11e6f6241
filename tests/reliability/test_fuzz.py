"""Properties under arbitrary input: the reader, HS codes, countries, names and every importer
either give a result or a ScreenerError-family message, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.core.entries import ParsedList
from screener.core.errors import ListFileError, ScreenerError
from screener.core.lists.importers import IMPORTERS, detect
from screener.core.names.normalize import fold, normalize_name, tokenize
from screener.core.orders import read_orders
from screener.core.rules.countries import resolve_country
from screener.core.rules.hs import HsCode, HsProblem, parse_hs
from tests.conftest import FIXTURES

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

HEADER = ["Order No", "Line", "Customer", "Ship-to Country", "HS Code", "Description"]
# Cell text that cannot contain the delimiter, quotes, line breaks or a "Total" footer word.
CELL = st.text(alphabet="abcxyzXYZ 0123456789.-/éßøЖ中()&", max_size=12)


def _read(data: bytes, suffix: str) -> list[object]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"orders{suffix}"
        path.write_bytes(data)
        try:
            return list(read_orders(path))
        except ScreenerError as exc:
            message = str(exc)
        assert str(path) in message  # the message names the file
        return []


@FAST
@given(data=st.binary(max_size=2048), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_any_bytes_read_as_lines_or_a_clear_error(data: bytes, suffix: str) -> None:
    _read(data, suffix)


@FAST
@given(data=st.binary(max_size=1024))
def test_bytes_after_a_zip_header_end_in_a_clear_error(data: bytes) -> None:
    _read(b"PK\x03\x04" + data, ".xlsx")


@FAST
@given(
    rows=st.lists(st.lists(CELL, min_size=0, max_size=8), max_size=25),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_every_non_blank_csv_row_is_a_line(
    rows: list[list[str]], encoding: str, newline: str
) -> None:
    if encoding == "cp1252":
        rows = [[c.encode("cp1252", "replace").decode("cp1252") for c in r] for r in rows]
    text = newline.join(";".join(r) for r in [HEADER, *rows]) + newline
    lines = _read(text.encode(encoding), ".csv")
    expected = [n + 2 for n, r in enumerate(rows) if any(c.strip() for c in r)]
    # Ragged rows (short or long) are lines too: none dropped, none invented.
    assert [line.row for line in lines] == expected  # type: ignore[attr-defined]


@FAST
@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.none(), st.booleans()))
def test_hs_parsing_gives_a_code_or_a_reason(raw: object) -> None:
    result = parse_hs(raw)  # type: ignore[arg-type]
    assert isinstance(result, HsCode | HsProblem)
    if isinstance(result, HsCode):
        assert result.digits.isdigit()
        assert 4 <= len(result.digits) <= 10
        assert len(result.digits) % 2 == 0
        again = parse_hs(result.dotted)  # the dotted form reads back as the same code
        assert isinstance(again, HsCode)
        assert again.digits == result.digits
    else:
        assert result.reason


@FAST
@given(st.text(max_size=40))
def test_country_resolution_never_crashes_and_is_stable(text: str) -> None:
    match = resolve_country(text)
    if match is not None:
        assert resolve_country(match.country.iso2) is not None
        assert resolve_country(match.country.iso2).country == match.country  # type: ignore[union-attr]


@FAST
@given(st.text(max_size=60), st.sampled_from([None, "person", "organization", "vessel"]))
def test_name_normalisation_is_idempotent_on_any_unicode(text: str, kind: str | None) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert tokenize(folded) == tokenize(text)
    assert folded == folded.strip()
    assert all(t.isascii() or t.isalnum() for t in folded.split())
    normalize_name(text, kind=kind)


# ---------------------------------------------------------------- importers


def _samples(shared: Path | None) -> dict[str, Path]:
    """One real file per text importer (the first found), read only for its head."""
    found: dict[str, Path] = {}
    roots = [FIXTURES] + ([shared] if shared is not None else [])
    for root in roots:
        for path in sorted(root.rglob("*")):
            if not path.is_file() or path.suffix.lower() in {".xlsx", ".md"}:
                continue
            try:
                spec = detect(path)
            except ListFileError:
                continue
            found.setdefault(spec.key, path)
    return found


@pytest.fixture(scope="module")
def samples() -> dict[str, Path]:
    from tests.conftest import require_shared

    return _samples(require_shared("data", "lists"))


HEAD_BYTES = 12_000


def test_every_importer_has_a_sample(samples: dict[str, Path]) -> None:
    assert set(samples) == {spec.key for spec in IMPORTERS}


@pytest.mark.parametrize("key", [spec.key for spec in IMPORTERS])
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_importer_gives_entries_or_a_list_file_error(
    samples: dict[str, Path], key: str, data: st.DataObject
) -> None:
    source = samples[key]
    with source.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    cut = data.draw(st.integers(min_value=0, max_value=len(head)), label="cut")
    at = data.draw(st.integers(min_value=0, max_value=cut), label="at")
    noise = data.draw(st.text(max_size=40), label="noise").encode("utf-8")
    drop = data.draw(st.integers(min_value=0, max_value=200), label="drop")
    mutated = head[:at] + noise + head[at + drop : cut]
    spec = next(s for s in IMPORTERS if s.key == key)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / source.name
        path.write_bytes(mutated)
        error: ListFileError | None = None
        try:
            parsed = spec.parse(path)
        except ListFileError as exc:
            error = exc
        if error is not None:
            assert error.path == path  # the message names the file, with a reason
            assert error.reason
        else:
            assert isinstance(parsed, ParsedList)
            for entry in parsed.entries:
                assert isinstance(entry.name, str)
