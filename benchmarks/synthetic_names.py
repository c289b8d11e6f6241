"""Synthetic names for the scale and recall benchmarks (generated at run time, never stored).

edited(name, rng)        a listed name as an order file might spell it (one named edit)
clean_name(rng)          an unlisted-looking company or person name
recombined(tokens, rng)  real list words recombined into a new name, with one typo
"""

from __future__ import annotations

import random
import re

VOWELS = "aeiou"
EDITS = ("hyphen", "reorder", "vowel", "run-together", "split")
GIVEN = [
    "Anna",
    "Boris",
    "Chen",
    "Dmitri",
    "Elena",
    "Farid",
    "Giorgi",
    "Hana",
    "Igor",
    "Jamal",
    "Karim",
    "Lena",
    "Mehmet",
    "Nadia",
    "Oleg",
    "Priya",
    "Rustam",
    "Sofia",
    "Timur",
    "Yusuf",
]
FAMILY = [
    "Novak",
    "Schmidt",
    "Rossi",
    "Yilmaz",
    "Kowalski",
    "Fischer",
    "Moreau",
    "Bauer",
    "Lindqvist",
    "Tanaka",
    "Haddad",
    "Okafor",
    "Silva",
    "Petersen",
    "Duarte",
    "Weber",
]
WORDS = [
    "Nordic",
    "Precision",
    "Global",
    "Alpine",
    "Eastern",
    "Delta",
    "Sapphire",
    "Orion",
    "Vertex",
    "Harbor",
    "Summit",
    "Falcon",
    "Crescent",
    "Titan",
    "Lotus",
    "Meridian",
]
TRADES = ["Trading", "Machinery", "Electronics", "Components", "Logistics", "Engineering"]
FORMS = ["LLC", "GmbH", "Pvt Ltd", "FZE", "A.S.", "Co., Ltd.", "Ltd", "SARL"]
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'.-]*")


def edited(name: str, rng: random.Random, edit: str | None = None) -> tuple[str, str]:
    """One edit of `name` (hyphens, word order, a vowel, words run together or split)."""
    words = name.split()
    for kind in [edit] if edit else rng.sample(EDITS, len(EDITS)):
        if kind == "hyphen" and len(words) > 1:
            i = rng.randrange(len(words) - 1)
            return " ".join([*words[:i], f"{words[i]}-{words[i + 1]}", *words[i + 2 :]]), kind
        if kind == "reorder" and len(words) > 1:
            rotated = words[1:] + words[:1]
            return " ".join(rotated), kind
        if kind == "vowel":
            at = [i for i, c in enumerate(name) if c.lower() in VOWELS and i > 0]
            if at:
                i = rng.choice(at)
                new = rng.choice([v for v in VOWELS if v != name[i].lower()])
                return name[:i] + (new.upper() if name[i].isupper() else new) + name[i + 1 :], kind
        if kind == "run-together" and len(words) > 1:
            i = rng.randrange(len(words) - 1)
            return " ".join([*words[:i], words[i] + words[i + 1], *words[i + 2 :]]), kind
        if kind == "split":
            long = [i for i, w in enumerate(words) if len(w) >= 7]
            if long:
                i = rng.choice(long)
                cut = rng.randrange(3, len(words[i]) - 2)
                split = [words[i][:cut], words[i][cut:]]
                return " ".join([*words[:i], *split, *words[i + 1 :]]), kind
    return name, "none"


def clean_name(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    return f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(TRADES)} {rng.choice(FORMS)}"


def latin_words(names: list[str]) -> list[str]:
    """Every Latin word of the listed names, repeats kept (so common words stay common)."""
    return [w for n in names for w in _LATIN_WORD.findall(n) if len(w) > 1]


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word))
    op = rng.randrange(3)
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    if op == 0:
        return word[:i] + word[i + 1 :]
    if op == 1:
        return word[:i] + letter + word[i + 1 :]
    return word[:i] + letter + word[i:]


def recombined(words: list[str], rng: random.Random, length: int) -> str:
    picked = [rng.choice(words) for _ in range(length)]
    i = rng.randrange(length)
    picked[i] = typo(picked[i], rng)
    return " ".join(picked)
