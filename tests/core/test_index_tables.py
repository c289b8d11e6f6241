"""The tables a build files key by key into flat arrays answer every lookup as a table of
lists would, and are written as the same file section."""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screener.core.names.index_file import MappedFile, SectionWriter
from screener.core.names.index_tables import FlatTable, Places, grouped

rows_of_keys = st.lists(st.lists(st.sampled_from(["AB", "ZARNITSA", "", "\x00<ZAR", "Ж"])))


@settings(max_examples=60, deadline=None)
@given(rows=rows_of_keys, probes=st.lists(st.text(max_size=4)))
def test_keys_filed_as_arrays_read_as_a_table_of_lists(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]], probes: list[str]
) -> None:
    expected: dict[str, list[int]] = {}
    for row, keys in enumerate(rows):
        for key in keys:
            expected.setdefault(key, []).append(row)
    places, ids, starts = Places(), array("i"), array("i", [0])
    for keys in rows:
        ids.extend(map(places.__getitem__, keys))
        starts.append(len(ids))
    table = FlatTable(places, *grouped(ids, starts, len(places)))
    assert list(table) == list(expected)
    for key in [*expected, *probes]:
        assert list(table.get(key, ())) == expected.get(key, [])
        assert (key in table) == (key in expected)
    assert len(table) == len(expected)  # looking up a missing key did not add it
    with pytest.raises(KeyError):
        table["not a key"]
    # Written from its arrays, the section is the one a table of lists gives.
    folder = tmp_path_factory.mktemp("t")
    flat, lists = SectionWriter(), SectionWriter()
    flat.flat_table("t", table.places, table.flat, table.ends)
    lists.table("t", expected)
    flat.write(folder / "flat.idx")
    lists.write(folder / "lists.idx")
    assert (folder / "flat.idx").read_bytes() == (folder / "lists.idx").read_bytes()
    mapped = MappedFile(folder / "flat.idx").table("t")
    assert {key: list(mapped[key]) for key in mapped} == expected


def test_a_table_whose_arrays_do_not_match_its_keys_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="do not match"):
        SectionWriter().flat_table("t", ["A", "B"], array("i", [0]), array("q", [0, 1]))
