"""Invisible characters are removed before matching and reported, visible text is kept."""

from __future__ import annotations

from screener.core.invisible import strip_invisible


def test_zero_width_space_between_every_letter_is_removed_and_counted() -> None:
    seeded = "\u200b".join("ROSOBORONEXPORT")
    result = strip_invisible(seeded)
    assert result.text == "ROSOBORONEXPORT"
    assert len(result.removed) == 14
    assert result.describe() == "14 invisible characters (U+200B ZERO WIDTH SPACE x14)"


def test_soft_hyphen_joiners_bidi_controls_and_variation_selectors_are_invisible() -> None:
    text = "Sber\u00adbank\u200d \u202eof\u202c Rus\ufe0fsia\u2060"
    assert strip_invisible(text).text == "Sberbank of Russia"


def test_real_text_in_other_scripts_is_kept() -> None:
    for text in ("Рособоронэкспорт", "المصرف", "中国航天科工", "شرکت", "Müller GmbH"):
        result = strip_invisible(text)
        assert result.text == text
        assert not result.changed
