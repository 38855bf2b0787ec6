"""Acknowledged findings: a baseline file, so CI fails only on what is new.

    factcheck compare articles/ --write-baseline factcheck-baseline.json   # once, reviewed, committed
    factcheck compare articles/ --baseline factcheck-baseline.json         # then: only new findings

A finding is identified by what it says, never by where: its story, rule,
fact, key and claimant, and the values of its sides (no line numbers, no file
order, no article ids), so editing an article above the quote, renaming a file
or listing files in another order keeps it known.  A current finding is known
when the baseline holds a finding with the same identity whose sides cover
every current side (each current side shares a value with a baseline side) and
that had at least as many sides: an article that repeats a known value keeps
the finding known; a new, different value (a new side) makes it new.

Only findings that can fail a run or need an editor's look are written
(everything but agreements, single-source facts and superseded figures).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Finding

SCHEMA = "factcheck-baseline/1"
QUIET_STATUSES = frozenset({"agree", "single_source", "superseded"})


class BaselineError(Exception):
    """A baseline file that cannot be used; the message is one line naming the file."""


def identity(finding: Finding) -> tuple[str, str, str, str, str]:
    return (finding.story, finding.rule, finding.fact, str(getattr(finding, "fact_key", "") or ""),
            str(getattr(finding, "claimant", "") or ""))


def side_values(finding: Finding) -> list[list[str]]:
    """Each side's displayed values, sorted (a side joins its articles' values with " / ")."""
    return sorted(sorted({v.strip() for v in side.value.split(" / ") if v.strip()}) for side in finding.groups)


def fingerprint(finding: Finding) -> str:
    """A stable id: story, rule, fact, key, claimant and values; 32 hex digits."""
    data = json.dumps([identity(finding), side_values(finding)], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def worth_keeping(finding: Finding) -> bool:
    return finding.status not in QUIET_STATUSES


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    identity: tuple[str, ...]
    sides: tuple[frozenset[str], ...]


def render_baseline(findings: Iterable[Finding]) -> str:
    """The baseline file: JSON, one entry a finding, sorted: same findings, same bytes."""
    entries = {}
    for f in findings:
        if not worth_keeping(f):
            continue
        story, rule, fact, key, claimant = identity(f)
        entries[fingerprint(f)] = {
            "fingerprint": fingerprint(f), "story": story, "rule": rule, "fact": fact, "fact_key": key,
            "claimant": claimant, "status": f.status, "severity": f.severity, "values": side_values(f),
        }
    data = {"schema": SCHEMA, "findings": [entries[k] for k in sorted(entries)]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read_baseline(path: str | os.PathLike) -> list[Entry]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (write one with --write-baseline)") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read: {(exc.strerror or str(exc)).lower()}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a baseline file (not JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a baseline file (expected \"schema\": \"{SCHEMA}\")")
    out = []
    for i, item in enumerate(data["findings"]):
        try:
            ident = tuple(str(item.get(k) or "") for k in ("story", "rule", "fact", "fact_key", "claimant"))
            sides = tuple(frozenset(str(v) for v in side) for side in item["values"])
            out.append(Entry(str(item["fingerprint"]), ident, sides))
        except (AttributeError, KeyError, TypeError):
            raise BaselineError(f"{path}: finding {i + 1} is not a baseline entry") from None
    return out


def is_known(finding: Finding, entries: Iterable[Entry]) -> bool:
    mine = fingerprint(finding)
    ident = identity(finding)
    sides = [set(s) for s in side_values(finding)]
    for entry in entries:
        if entry.fingerprint == mine:
            return True
        if entry.identity == ident and len(sides) <= len(entry.sides) and all(
            any(side & known for known in entry.sides) for side in sides
        ):
            return True
    return False


def split_known(findings: Iterable[Finding], entries: list[Entry]) -> tuple[list[Finding], list[Finding]]:
    """(new, known): the findings the baseline does not acknowledge, and those it does."""
    new, known = [], []
    for f in findings:
        (known if worth_keeping(f) and is_known(f, entries) else new).append(f)
    return new, known
