"""The reach filter asks the scorer only about word pairs that can be alike: a pair it leaves
out always scores zero, under every kind's rules (a rule added to the scorer that this misses
fails here)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from screener.core.names.abjad import unvoweled_match
from screener.core.names.edit_allowance import TABLE, may_be_alike
from screener.core.names.match_params import ORG, PERSON, VESSEL
from screener.core.names.normalize import skeleton
from screener.core.names.reach_words import QueryWords
from screener.core.names.variants import same_variant
from screener.core.names.word_similarity import token_similarity
from tests.core.test_matching_bound import _POOL as _RULE_WORDS

_RULES = [(ORG.max_edits, False), (PERSON.max_edits, True), (VESSEL.max_edits, False)]
# Words built from few letters meet each other often, at every distance and length.
_letters = st.text(alphabet="aeioubdhklmnrsty", min_size=1, max_size=15)
_real = st.sampled_from([*_RULE_WORDS, "mohammad", "mhmd", "bill", "william", "co", "ltd", "j",
                         "jonathan", "al", "ali", "alsheikh", "12", "twelve", "a1"])  # fmt: skip
words = st.one_of(_letters, _real, st.builds(str.__add__, _letters, st.sampled_from(["1", "h"])))


def _edits(a: str, b: str, person: bool) -> int:
    """As the reach filter's word search gives them."""
    if same_variant(a, b) or (person and unvoweled_match(a, b)):
        return TABLE
    return min(OSA.distance(a, b), OSA.distance(skeleton(a), skeleton(b)))


@settings(max_examples=3000, deadline=None)
@given(words, words)
@example("deeb", "dib")
@example("elsheikh", "sheikh")
@example("sount", "south")
@example("chol", "chul")
@example("iogr", "igor")
@example("j", "jonathan")
@example("mhmd", "mohammad")
@example("bill", "william")
@example("tianjian", "tanyuan")
def test_a_pair_ruled_out_scores_zero(a: str, b: str) -> None:
    for max_edits, person in _RULES:
        if token_similarity(a, b, max_edits, person)[0] > 0.0:
            assert may_be_alike(a, b, _edits(a, b, person), max_edits, person), (max_edits, a, b)


@settings(max_examples=500, deadline=None)
@given(words, st.lists(words, min_size=1, max_size=30))
@example("sount", ["south", "sam"])
@example("co", ["co", "cop", "sik"])
@example("jin", ["chin", "jon"])
@example("navigation", ["navigationals"])  # three edits, allowed in a word of 13 letters
@example("sokolova", ["ssokkolovabcd"])  # ... and three as skeletons
def test_the_word_search_finds_every_word_that_scores(text: str, vocabulary: list[str]) -> None:
    found = QueryWords({w: skeleton(w) for w in vocabulary})
    for max_edits, person in _RULES:
        near = dict(found.found(text))
        if person:
            near.update(found.found_person(text))
        for b in vocabulary:
            if token_similarity(text, b, max_edits, person)[0] > 0.0:
                assert b in near, (max_edits, text, b)
                assert may_be_alike(text, b, near[b], max_edits, person), (max_edits, text, b)
