"""The reach filter stays an upper bound of the score for the rules of issue 16's second pass.

Words that exercise those rules (romanisations, run-on articles, short typos, glued legal
forms, abbreviation slips) are combined at random; a name the filter drops must score below
the threshold.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.test_matching import assert_reach_bounds

_POOL = [
    "deeb", "dib", "bouchra", "bushra", "bashar", "fedir", "fyodor", "ihor", "igor", "chol",
    "chul", "iogr", "amer", "samer", "haroun", "aroun", "elsheikh", "sheikh", "sham", "shan",
    "sount", "south", "ligt", "light", "navigation", "ivest", "invest", "tehc", "tech", "llcc",
    "llc", "limitde", "limited", "liability", "company", "tianjian", "tanyuan", "mukand",
    "mukanda", "hei", "shipping", "pavlovich", "petrovich", "opanasovich", "afanasyevich", "dr",
    "al", "2",
]  # fmt: skip
kinds = st.sampled_from([None, "person", "organization", "vessel"])


@st.composite
def names(draw: st.DrawFn) -> str:
    return " ".join(draw(st.lists(st.sampled_from(_POOL), min_size=1, max_size=4)))


@settings(max_examples=800, deadline=None)
@given(names(), names(), kinds, st.sampled_from([0.6, 0.7, 0.8, 0.9]))
def test_reach_filter_bounds_the_new_rules(
    a: str, b: str, kind: str | None, threshold: float
) -> None:
    assert_reach_bounds(a, b, kind, threshold)
