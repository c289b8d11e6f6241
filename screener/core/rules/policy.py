"""The screening policy: a versioned TOML file that turns findings into a line verdict.

    policy = load_policy()                    # lists/policy.toml
    policy = load_policy(Path("ours.toml"))   # the defaults, overridden key by key

A user file must carry its own `[policy] version`: the version is recorded with every run, and
two different policies must never share one. Unknown keys are errors, so a misspelt severity
cannot silently fall back to a weaker default.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from screener.core.resources import ReferenceDataError, lists_dir
from screener.core.rules.custom_goods import GoodsRule, load_custom_goods

Severity = Literal["block", "review", "info"]
SEVERITIES: tuple[Severity, ...] = ("block", "review", "info")
POLICY_FILE = "policy.toml"
_JURISDICTIONS = frozenset({"US", "EU", "UK", "UN"})
# Every finding the verdict engine can raise; the policy must give each a severity.
FINDING_CODES = frozenset(
    {
        "party_blocking_exact",
        "party_potential",
        "related_party",
        "owned_by_blocked",
        "hs_missing",
        "hs_invalid",
        "hs_restored",
        "chpl",
        "chpl_heading",
        "clause_goods",
        "custom_goods",
        "goods_described",
        "hs_contradicts",
        "destination_missing",
        "country_unresolved",
        "chpl_russia_belarus",
        "chpl_via_russia_belarus",
        "chpl_party_russia_belarus",
        "russia_belarus",
        "embargo",
        "embargo_other",
        "embargo_transit",
        "region",
        "region_partial",
        "region_other",
        "chpl_high_diversion",
        "chpl_via_high_diversion",
        "chpl_third_country",
        "chpl_partner",
        "chpl_eu",
        "eccn_invalid",
        "dual_use_russia_belarus",
        "ccl_russia_belarus",
        "dual_use_export",
        "dual_use_eu",
    }
)


class PolicyError(ReferenceDataError):
    """A policy file that is missing, is not TOML, or holds an unknown key or bad value."""


@dataclass(frozen=True, slots=True)
class Policy:
    name: str
    version: str
    jurisdictions: frozenset[str]
    near_exact_score: float
    blocking_lists: tuple[str, ...]  # "source" or "source:sub_source"
    severities: Mapping[str, Severity]
    # Freshness: days a list may be old before screening needs consent (lists/freshness.py).
    max_age_days: int = 7
    max_age_per_list: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    min_justification: int = 20  # [decisions]: safeguarded decisions, see lists/policy.toml
    four_eyes_clear: bool = True
    four_eyes_release: bool = True
    path: str = ""  # the user file ("" = the bundled defaults only)
    custom_goods: tuple[GoodsRule, ...] = ()  # the company's own goods lists ([goods])
    sha256: str = ""  # of the file(s) read, so a run records exactly which text applied

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}"

    def severity(self, code: str) -> Severity:
        return self.severities[code]

    def is_blocking(self, source: str, sub_source: str = "") -> bool:
        subs = {s.strip() for s in sub_source.split(";") if s.strip()}
        for entry in self.blocking_lists:
            src, _, sub = entry.partition(":")
            if src == source and (not sub or sub in subs):
                return True
        return False


# A company's own lists (`lists import --custom`): their sources start with CUSTOM_PREFIX, and a
# row the list marks blocking carries CUSTOM_BLOCKING in its sub-source.
CUSTOM_PREFIX = "custom_"
CUSTOM_BLOCKING = "blocking"


def is_custom_blocking(source: str, sub_source: str) -> bool:
    """A custom list row marked `blocking: yes` blocks at a near-exact match."""
    return source.startswith(CUSTOM_PREFIX) and CUSTOM_BLOCKING in sub_source.split(";")


def load_policy(path: Path | None = None) -> Policy:
    """The bundled defaults, overridden by `path` if given."""
    if path is None:
        return _defaults()
    base = _read(default_policy_path())
    user = _read(path)
    for section, values in user.items():
        if section not in base or not isinstance(values, dict):
            raise PolicyError(path, f"unknown section [{section}]")
        for key in values:
            if key not in base[section]:
                known = ", ".join(sorted(base[section]))
                raise PolicyError(path, f"[{section}] unknown key {key!r} (known: {known})")
    if "version" not in user.get("policy", {}):
        raise PolicyError(path, "[policy] version is required, so runs can record it")
    merged = {s: {**base[s], **user.get(s, {})} for s in base}
    files = _goods_files(merged, path)
    digest = hashlib.sha256(
        b"".join(f.read_bytes() for f in (default_policy_path(), path, *files))
    ).hexdigest()
    return _build(merged, path, source=str(path), sha256=digest, goods_files=files)


def default_policy_path() -> Path:
    return lists_dir() / POLICY_FILE


@cache
def _defaults() -> Policy:
    path = default_policy_path()
    data = _read(path)
    files = _goods_files(data, path)
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in (path, *files))).hexdigest()
    return _build(data, path, source="", sha256=digest, goods_files=files)


def _goods_files(data: dict[str, Any], path: Path) -> list[Path]:
    """The `[goods] custom_lists` files, relative to the policy file that names them."""
    names = data.get("goods", {}).get("custom_lists", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise PolicyError(path, "[goods] custom_lists must be a list of file names")
    files = [(path.parent / n).expanduser() for n in names]
    for f in files:
        if not f.is_file():
            raise PolicyError(path, f"[goods] custom_lists: {f} not found")
    return files


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise PolicyError(path, "file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(path, f"not valid TOML ({exc})") from None


def _build(
    data: dict[str, Any], path: Path, *, source: str, sha256: str, goods_files: list[Path]
) -> Policy:
    head = data.get("policy", {})
    parties = data.get("parties", {})
    severities: dict[str, Severity] = {}
    for code, value in data.get("severity", {}).items():
        if value not in SEVERITIES:
            raise PolicyError(path, f"[severity] {code} = {value!r}: use block, review or info")
        severities[code] = value
    unknown = severities.keys() - FINDING_CODES
    if unknown:
        raise PolicyError(path, f"[severity] unknown finding code(s): {', '.join(sorted(unknown))}")
    missing = FINDING_CODES - severities.keys()
    if missing:
        raise PolicyError(path, f"[severity] missing: {', '.join(sorted(missing))}")
    jurisdictions = frozenset(head.get("jurisdictions", ()))
    if not jurisdictions <= _JURISDICTIONS:
        bad = ", ".join(sorted(jurisdictions - _JURISDICTIONS))
        raise PolicyError(path, f"[policy] jurisdictions: unknown {bad} (use EU, UK, US, UN)")
    score = parties.get("near_exact_score")
    if not isinstance(score, int | float) or not 0 < score <= 1:
        raise PolicyError(path, f"[parties] near_exact_score = {score!r}: give a number in (0, 1]")
    blocking = parties.get("blocking_lists", [])
    if not isinstance(blocking, list) or not all(isinstance(b, str) for b in blocking):
        raise PolicyError(path, "[parties] blocking_lists must be a list of strings")
    max_age, per_list = _freshness(data.get("freshness", {}), path)
    rules = data.get("decisions", {})
    min_chars = rules.get("min_justification", 20)
    if not isinstance(min_chars, int) or isinstance(min_chars, bool) or not 0 <= min_chars <= 2000:
        raise PolicyError(path, f"[decisions] min_justification = {min_chars!r}: give 0..2000")
    four_eyes = {k: rules.get(k, True) for k in ("four_eyes_clear", "four_eyes_release")}
    for key, value in four_eyes.items():
        if not isinstance(value, bool):
            raise PolicyError(path, f"[decisions] {key} = {value!r}: use true or false")
    version, name = head.get("version"), head.get("name", "policy")
    if not isinstance(version, str) or not version.strip():
        raise PolicyError(path, "[policy] version must be a non-empty string")
    return Policy(
        name=str(name),
        version=version,
        jurisdictions=jurisdictions,
        near_exact_score=float(score),
        blocking_lists=tuple(blocking),
        severities=MappingProxyType(severities),
        max_age_days=max_age,
        max_age_per_list=MappingProxyType(per_list),
        min_justification=min_chars,
        four_eyes_clear=four_eyes["four_eyes_clear"],
        four_eyes_release=four_eyes["four_eyes_release"],
        path=source,
        sha256=sha256,
        custom_goods=tuple(r for f in goods_files for r in load_custom_goods(f)),
    )


def _freshness(section: dict[str, Any], path: Path) -> tuple[int, dict[str, int]]:
    def days(key: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise PolicyError(path, f"[freshness] {key} = {value!r}: give a whole number of days")
        return value

    per_list = section.get("per_list", {})
    if not isinstance(per_list, dict):
        raise PolicyError(path, "[freshness] per_list must be a table like { us_bis_dpl = 14 }")
    return days("max_age_days", section.get("max_age_days", 7)), {
        str(k): days(f"per_list.{k}", v) for k, v in per_list.items()
    }
