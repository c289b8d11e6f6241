"""The reach shapes kept in the index file read back as the filter would work them out, and a
shape the file cannot hold exactly is worked out by the search instead."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from screener.core.lists.importing import import_lists
from screener.core.names.index_file import MappedFile, SectionWriter
from screener.core.names.index_shapes import (
    MEMO_SHAPES,
    NO_SHAPE,
    StoredShapes,
    decoded,
    encoded,
)
from screener.core.names.name_index import IndexedName, NameIndex
from screener.core.names.normalize import NormalizedName, Role, Token, normalize_name
from screener.core.names.reach_shapes import NameShape, name_shape
from screener.core.record.database.store import Store


def _same(a: NameShape, b: NameShape) -> bool:
    return all(getattr(a, f.name) == getattr(b, f.name) for f in fields(NameShape))


def test_every_listed_name_reads_back_the_shape_the_filter_works_out(
    un_list: Path, home: Path, tmp_path: Path
) -> None:
    store = Store.open(home)
    list(import_lists(store, [un_list]))
    versions = [v.id for v in store.current_versions()]
    items = [IndexedName(r.name_id, r.name, r.type) for r in store.iter_names(versions)]
    NameIndex.build(items).save(tmp_path / "names.idx")
    mapped = NameIndex.load(tmp_path / "names.idx")
    shapes, norms = mapped._shapes, mapped._norm
    assert isinstance(shapes, StoredShapes)
    stored = 0
    for row in range(len(mapped)):
        shape = shapes[row]
        if shape is not None:
            stored += 1
            assert _same(shape, name_shape(norms[row])), norms[row].original
    assert stored == len(mapped)  # every name of a real list is held
    assert len(shapes._read) <= MEMO_SHAPES  # a process keeps only the shapes met lately


def test_names_with_abbreviations_digits_and_legal_forms_read_back_exactly() -> None:
    for text, kind in [
        ("Intl. Prod. Co., Ltd.", None),
        ("AERO 2000 TRADING LLC", None),
        ("PETROV, Ivan Sergeyevich", "person"),
        ("Bank of Moscow", None),
        ("M/V NORTHERN LARK", "vessel"),
    ]:
        shape = name_shape(normalize_name(text, kind=kind))
        assert _same(decoded(encoded(shape)), shape), text


def test_a_shape_that_cannot_read_back_is_left_to_the_search() -> None:
    odd = NormalizedName("odd", None, (Token("a\x1fb", Role.NAME, "a\x1fb"),))
    assert encoded(name_shape(odd)) == NO_SHAPE


def test_a_row_without_a_stored_shape_takes_the_one_the_search_works_out(tmp_path: Path) -> None:
    shape = name_shape(normalize_name("Zarnitsa Trading LLC"))
    out = SectionWriter()
    out.strings("shapes", [NO_SHAPE, encoded(shape)])
    out.write(tmp_path / "shapes.idx")
    f = MappedFile(tmp_path / "shapes.idx")
    shapes = StoredShapes([1, 0, 1], f.strings("shapes"))
    assert shapes[1] is None
    shapes[1] = shape
    assert shapes[1] is shape
    assert _same(shapes[0], shape)
    assert shapes[2] is shapes[0]  # one object per stored shape
