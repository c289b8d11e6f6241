"""Write lists/country_names_languages.csv: country names in the languages order files are in.

    python3 tools/country_names_languages.py [ISO_CODES_DIR] [LOCALE_DIR]

Reads the ISO 3166-1 names and their translations of the iso-codes project (Debian package
`iso-codes`: /usr/share/iso-codes/json and /usr/share/locale/*/LC_MESSAGES/iso_3166-1.mo) and
writes, per language, the translated short, official and common names, with the inverted ISO
form ("Russie, Fédération de") also in reading order ("Fédération de Russie"). A spelling that
means two countries in two languages is left out, as are one that says what the English table
already says and one that reads as an ISO code. Run it again when iso-codes changes; the CSV
it writes is what ships.
"""

from __future__ import annotations

import csv
import gettext
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from screener.core.resources import read_table  # noqa: E402
from screener.core.rules.countries import normalize_name  # noqa: E402

# The EU's official languages, the candidate and neighbouring countries' and the trading
# partners' whose ERP systems export orders in their own language. Not Hindi or Thai: their
# vowel signs fold away in `normalize_name`, and "Togo" and "Tonga" would read the same.
LANGUAGES = (  # noqa: SIM905 - one word per language reads better than 46 quoted ones
    "bg cs da de el es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv "
    "tr ru uk sr mk sq ka hy az kk uz nb is zh_CN zh_TW ja ko ar fa he vi id ms"
).split()


def _reading_order(name: str) -> str | None:
    """ "Russie, Fédération de" -> "Fédération de Russie"; None when not inverted."""
    head, sep, tail = name.partition(", ")
    if not sep or "," in tail:
        return None
    return f"{tail} {head}"


def _iso_codes_version() -> str:
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "iso-codes"],
                             capture_output=True, text=True, check=True)  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return ""
    return out.stdout.split("-")[0]


def _known_names() -> dict[str, str]:
    """What the hand-made tables say, not the file this script writes."""
    names: dict[str, str] = {}
    for _, row in read_table(ROOT / "lists" / "countries.csv", ("iso2", "name")):
        names[normalize_name(row["name"])] = row["iso2"]
    for table in ("country_names.csv", "country_names_orders.csv"):
        for _, row in read_table(ROOT / "lists" / table, ("variant", "iso2")):
            names.setdefault(normalize_name(row["variant"]), row["iso2"])
    return names


def main(iso_dir: Path, locale_dir: Path) -> None:
    countries = json.loads((iso_dir / "iso_3166-1.json").read_text(encoding="utf-8"))["3166-1"]
    known = _known_names()  # normalised English names and variants -> ISO2
    codes = {c[f] for c in countries for f in ("alpha_2", "alpha_3")}  # "Ao" would be Angola
    found: dict[str, dict[str, tuple[str, str]]] = {}  # key -> iso2 -> (variant, language)
    for lang in LANGUAGES:
        try:
            tr = gettext.translation("iso_3166-1", str(locale_dir), [lang])
        except OSError:
            print(f"no translation for {lang}", file=sys.stderr)
            continue
        for c in countries:
            for field in ("name", "official_name", "common_name"):
                if field not in c:
                    continue
                text = tr.gettext(c[field])
                if text == c[field] and lang != "en":
                    continue  # untranslated
                for variant in filter(None, (text, _reading_order(text))):
                    key = normalize_name(variant)
                    if key and key.upper() not in codes and known.get(key) != c["alpha_2"]:
                        found.setdefault(key, {}).setdefault(c["alpha_2"], (variant, lang))
    rows = []
    for key, by_country in found.items():
        if len(by_country) > 1 or (key in known):
            continue  # two countries, or the English table already means another
        ((iso2, (variant, lang)),) = by_country.items()
        rows.append((variant, iso2, lang, "iso-codes translations"))
    rows.sort(key=lambda r: (r[1], r[2], r[0]))
    out = ROOT / "lists" / "country_names_languages.csv"
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(("variant", "iso2", "language", "citation"))
        w.writerows(rows)
    print(f"{len(rows)} spellings in {len(LANGUAGES)} languages (iso-codes {_iso_codes_version()})"
          f" -> {out}")  # fmt: skip


if __name__ == "__main__":
    main(
        Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/iso-codes/json"),
        Path(sys.argv[2] if len(sys.argv) > 2 else "/usr/share/locale"),
    )
