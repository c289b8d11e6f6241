"""The mapped file format answers every lookup as the tables it was written from, whatever
the keys (any script, the index's marker prefixes), and refuses a file cut short."""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screener.core.names.index_file import MappedFile, SectionWriter

keys = st.text(min_size=0, max_size=12)
tables = st.dictionaries(keys, st.lists(st.integers(0, 2**31 - 1), max_size=5), max_size=60)


@settings(max_examples=60, deadline=None)
@given(table=tables, strings=st.lists(st.text(max_size=20), max_size=30), probes=st.lists(keys))
def test_tables_and_strings_read_back_as_written(
    tmp_path_factory: pytest.TempPathFactory,
    table: dict[str, list[int]],
    strings: list[str],
    probes: list[str],
) -> None:
    path = tmp_path_factory.mktemp("f") / "x.idx"
    out = SectionWriter()
    out.table("t", table)
    out.strings("s", strings)
    out.array("a", array("q", [-1, 2**40]))
    out.write(path)
    f = MappedFile(path)
    mapped = f.table("t")
    assert len(mapped) == len(table)
    assert list(mapped) == list(table)
    for key in [*table, *probes, "\x00<" + "".join(probes), "\x01abcd"]:
        assert (key in mapped) == (key in table)
        assert list(mapped.get(key, ())) == table.get(key, [])
    assert list(f.strings("s")) == strings
    assert list(f.array("a", "q")) == [-1, 2**40]


def test_a_file_cut_short_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.idx"
    out = SectionWriter()
    out.table("t", {"ROSNEFT": [1, 2, 3]})
    out.write(path)
    path.write_bytes(path.read_bytes()[:-8])
    with pytest.raises(ValueError, match="truncated or damaged"):
        MappedFile(path)
