"""Whether two words can be alike at all, from their edit distance: before asking the scorer.

The reach filter confirms every word of a query's candidates found near a query word with
`word_similarity.token_similarity`, and nearly all the answers are "no", for short words most
of all: the search for near words allows the most edits any rule allows, and the rules allow
fewer the shorter the words. `may_be_alike` is a necessary condition of a similarity above
zero, so a pair it rules out is never asked. It mirrors these rules of `token_similarity`
(tests/core/test_edit_allowance.py holds it to them under every kind's parameters):

- equal words, one skeleton, a listed variant, a person's initial or a name without vowels:
  found by a table, always asked;
- digits in either word, or lengths further apart than the largest allowance and two: never;
- a person's part that sounds the same within the largest allowance, or two letters longer
  (a run-on article): asked;
- the longer word of 4 letters: one edit (two letters swapped, a vowel, a company's short
  typo), both words of 3 letters or more;
- of 5-7 letters: `max_edits[0]`, one more for a company's partial credit (up to the largest);
  of 8-12: `max_edits[1]`; longer: `max_edits[2]`; both words of 3 letters or more.

The edits are the fewer of the words as written and of their skeletons (OSA distance).
"""

from __future__ import annotations

from screener.core.names.sounds import same_sounds

__all__ = ["TABLE", "may_be_alike", "most_edits"]

TABLE = -1  # found by a table (variant, abbreviation, initial, consonants): no distance known
_FEWEST = 3  # letters: a shorter word is alike only as written, by skeleton or by a table
_SHORT = 7  # letters: 13 letters less the largest length gap the scorer pairs (3 + 2), less one
_ARTICLE = 2  # letters of a run-on article ("al", "el")


def most_edits(length: int, reach: int) -> int:
    """The most edits at which a word of `length` letters may be alike to any other under any
    rules allowing at most `reach` (`may_be_alike` asks no more): a word this short is alike
    only by skeleton or table, and more than two edits are allowed only with a word of 13
    letters, which a word of 7 or fewer is too far from in length to pair with."""
    if length < _FEWEST:
        return 0
    return min(reach, 2) if length <= _SHORT else reach


def may_be_alike(a: str, b: str, edits: int, max_edits: tuple[int, int, int], person: bool) -> bool:
    """False only when `token_similarity(a, b, max_edits, person)` is certainly zero; `edits`:
    the words' distance (the fewer as written and as skeletons), or `TABLE`."""
    if edits <= 0:
        return True  # the same word or skeleton, or a table's: the scorer decides
    la, lb = len(a), len(b)
    if person and (la == 1 or lb == 1):
        return b.startswith(a) if la == 1 else a.startswith(b)
    slack = max_edits[2]
    if abs(la - lb) > slack + 2 or not a.isalpha() or not b.isalpha():
        return False
    if la < _FEWEST or lb < _FEWEST:
        return False
    if person:
        if abs(la - lb) == _ARTICLE:
            return True  # "elsheikh" / "sheikh"
        if edits <= slack and same_sounds(a, b):
            return True
    n = la if la > lb else lb
    if n <= 4:
        return n == 4 and edits <= 1
    allowed = max_edits[0] if n <= 7 else max_edits[1] if n <= 12 else max_edits[2]
    if not person and slack > 1 and n <= 7:
        allowed = min(allowed + 1, slack)  # a company's short word: partial credit
    return edits <= allowed
