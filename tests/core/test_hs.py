"""HS codes as order files hold them: dotted text, numbers, Excel-mangled numbers, junk."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.core.rules.hs import HsCode, HsProblem, parse_hs


@pytest.mark.parametrize(
    ("raw", "digits", "dotted"),
    [
        ("8542.31", "854231", "8542.31"),
        ("854231", "854231", "8542.31"),
        (854231, "854231", "8542.31"),
        ("8542 31 00", "85423100", "8542.31.00"),
        ("8542.31.90.00", "8542319000", "8542.31.90.00"),
        ("8542-31", "854231", "8542.31"),
        ("HS 8542.31", "854231", "8542.31"),
        ("  8457.10  ", "845710", "8457.10"),
        ("8548.00", "854800", "8548.00"),  # trailing zeros of dotted text are kept
        ("854231.0", "854231", "8542.31"),  # a float written out as text
        (8542.31, "854231", "8542.31"),  # typed into a number cell
        (854231.0, "854231", "8542.31"),
        ("8542", "8542", "8542"),
        ("0901.21", "090121", "0901.21"),
    ],
)
def test_valid_codes(raw: str | int | float, digits: str, dotted: str) -> None:
    code = parse_hs(raw)
    assert isinstance(code, HsCode)
    assert (code.digits, code.dotted) == (digits, dotted)
    assert code.restored == ""


@pytest.mark.parametrize(
    ("raw", "digits", "says"),
    [
        (90121, "090121", "leading zero of chapter 09"),  # 0901.21 as Excel stores it
        ("90121", "090121", "5 digits"),
        (8471300000 // 100, "84713000", None),  # 8 digits: even, untouched
        (3011900, "03011900", "leading zero of chapter 03"),  # 7 digits
        (101210000, "0101210000", "leading zero of chapter 01"),  # 9 digits
        ("901.21", "090121", "leading zero"),
        (901.21, "090121", "leading zero of chapter 09"),
        (8542.3, "854230", "trailing zero"),  # Excel shows 8542.30 as 8542.3
    ],
)
def test_excel_mangled_codes_are_restored_and_say_so(
    raw: str | int | float, digits: str, says: str | None
) -> None:
    code = parse_hs(raw)
    assert isinstance(code, HsCode)
    assert code.digits == digits
    if says is None:
        assert code.restored == ""
    else:
        assert says in code.restored
        assert str(raw) in code.restored


@pytest.mark.parametrize(
    ("raw", "kind", "names"),
    [
        (None, "missing", ""),
        ("", "missing", ""),
        ("   ", "missing", ""),
        (float("nan"), "missing", ""),
        ("85A2.31", "malformed", "'A'"),
        ("n/a", "malformed", "no digits"),
        ("8542.3", "malformed", "8542.3"),  # full heading + odd digits: a digit is missing
        (-8542, "malformed", "-8542"),
        (True, "malformed", "True"),
        ("85", "too_short", "85"),
        (12345678901, "too_long", "11 digits"),
        ("9999.00", "unknown_chapter", "chapter 99"),
        ("0012.34", "unknown_chapter", "chapter 00"),
        ("7701.10", "unknown_chapter", "chapter 77"),
    ],
)
def test_bad_values_are_problems_not_crashes(raw: object, kind: str, names: str) -> None:
    problem = parse_hs(raw)  # type: ignore[arg-type]
    assert isinstance(problem, HsProblem)
    assert problem.kind == kind
    assert names in problem.reason


@given(st.from_regex(r"(0[1-9]|[1-7][0-9]|8[0-9]|9[0-7])[0-9]{2}([0-9]{2}){0,3}", fullmatch=True))
def test_dotted_form_reads_back_to_the_same_code(text: str) -> None:
    code = parse_hs(text)
    if isinstance(code, HsProblem):  # chapter 77 is reserved
        assert code.kind == "unknown_chapter"
        return
    again = parse_hs(code.dotted)
    assert isinstance(again, HsCode)
    assert again.digits == code.digits == text


@pytest.mark.parametrize(
    ("raw", "dotted", "says"),
    [
        ("854231 - Processors", "8542.31", "'Processors'"),  # a code with its description
        ("8542.31 Microcontrollers", "8542.31", "left out"),
        ("HS 8542.31 (CPU)", "8542.31", "left out"),
        ("８５４２．３１", "8542.31", ""),  # full-width digits, as CJK input methods type them
        ("'854231", "8542.31", ""),  # Excel's text marker, kept by some exports
        ("8542,31", "8542.31", ""),  # a decimal comma
    ],
)
def test_codes_written_with_more_than_a_code_are_read(raw: str, dotted: str, says: str) -> None:
    code = parse_hs(raw)
    assert isinstance(code, HsCode), code
    assert code.dotted == dotted
    assert says in code.restored
    assert bool(code.restored) == bool(says)  # the officer is told when words were left out


@pytest.mark.parametrize(
    "raw", ["854231/854232", "8542.31; 8542.32", "8542.31, 8542.32", "8542.31 - 8542.32"]
)
def test_several_codes_in_one_cell_are_named_not_miscounted(raw: str) -> None:
    problem = parse_hs(raw)
    assert isinstance(problem, HsProblem)
    assert "holds 2 codes (8542.31, 8542.32): give one code per line" in problem.reason


@pytest.mark.parametrize("raw", ["8542.3l", "84 - machinery", "8542.31 3A001"])
def test_words_that_are_not_after_a_whole_code_stay_a_problem(raw: str) -> None:
    assert isinstance(parse_hs(raw), HsProblem)
