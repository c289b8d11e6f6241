"""The reach pre-filter: it never drops a listed name that full scoring keeps."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from screener.core.names.matching import score_normalized
from screener.core.names.name_index import IndexedName, NameIndex
from screener.core.names.normalize import normalize_name
from screener.core.names.reach import CandidateWords, ReachFilter, name_shape
from tests.core.test_matching import _POOL, kinds, pooled_names

_KINDS = st.sampled_from(["person", "organization", "vessel", None])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(pooled_names(), _KINDS), min_size=1, max_size=12),
    pooled_names(),
    kinds,
    st.sampled_from([0.6, 0.7, 0.8, 0.9]),
)
@example([("gazprom bank ivan", None), ("mohammad hossein", "person")], "ivan gazprombank",
         None, 0.8)  # fmt: skip
@example([("zarnitsa prod.", "organization"), ("william star", None)], "bill star", None, 0.8)
# Listed words run together against a query word, under a person's narrower allowance, beside
# a legal form (never paired so): the filter searches only neighbours near a word's length.
@example([("petro chemical ivan", "person"), ("petro chem", "person"), ("nord west", "person"),
          ("mohammad hossein", "person"), ("nord west co", None)], "petrochemical nordwest co",
         None, 0.6)  # fmt: skip
def test_prefilter_keeps_every_hit_of_full_scoring(
    listed: list[tuple[str, str | None]], query: str, kind: str | None, threshold: float
) -> None:
    # Many names of every kind filtered at once, as a search does: the words of all of them
    # are searched once per query and shared by the filters of each kind.
    index = NameIndex.build(IndexedName(i, name, k) for i, (name, k) in enumerate(listed))
    rows = range(len(index))
    options = {"kind": kind, "threshold": threshold, "limit": 1000}
    full = index._score_rows(query, rows, prefilter=False, **options)
    fast = index._score_rows(query, rows, prefilter=True, **options)
    assert fast == full


# Pairs beyond any edit distance the C search covers: an initial of a long name, a name
# written without its vowels, and words run together or split.
_FAR = ["jonathanson", "j", "abdulrahman", "bdlrhmn", "mstfy", "mustafayev", "nordwest",
        "nord", "west", "petrochemical", "petro", "chemical", "sh", "shipping"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_POOL + _FAR), min_size=1, max_size=5),
    st.lists(st.sampled_from(_POOL + _FAR), min_size=1, max_size=5),
    kinds,
    st.sampled_from([0.6, 0.7, 0.8, 0.9]),
)
@example(["j", "smith"], ["jonathanson", "smith"], "person", 0.8)
@example(["bdlrhmn"], ["abdulrahman"], "person", 0.8)
@example(["nordwest", "petro", "chemical"], ["nord", "west", "petrochemical"], None, 0.8)
def test_filter_never_drops_a_far_partner(
    a: list[str], b: list[str], kind: str | None, threshold: float
) -> None:
    norm_kind = kind if kind in ("person", "vessel") else None
    q = normalize_name(" ".join(a), kind=norm_kind)
    c = normalize_name(" ".join(b), kind=norm_kind)
    reach = ReachFilter(q, kind, CandidateWords.of([name_shape(c)]))
    if not reach.could_reach(c, threshold):
        assert score_normalized(q, c, kind=kind) < threshold
