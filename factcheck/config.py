"""Settings from a config file, the way linters read theirs.

factcheck looks for its settings in the current folder, then in each parent:
the first folder holding a ``factcheck.toml`` (any content) or a
``pyproject.toml`` with a ``[tool.factcheck]`` table wins (``factcheck.toml``
before ``pyproject.toml`` in the same folder), as ruff does.  Options given on
the command line win over the file.

    # factcheck.toml                       # pyproject.toml
    rules = ["rules/"]                     [tool.factcheck]
    fail-on = "warning"                    rules = ["rules/"]
    min-severity = "info"                  select = ["FC1"]
    select = ["FC1"]                       ignore = ["FC104"]
    ignore = ["FC104"]
    format = "markdown"
    lang = "fr"
    baseline = "factcheck-baseline.json"
    fail-on-empty = true

Paths in the file (``rules``, ``baseline``) are relative to the file's folder.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_NAME = "factcheck.toml"
SEVERITY_CHOICES = ("error", "warning", "info")
FAIL_ON_CHOICES = (*SEVERITY_CHOICES, "never")

# key -> (what it holds, for messages)
KEYS: dict[str, str] = {
    "rules": "a rule file or folder, or a list of them",
    "fail-on": "one of error, warning, info, never",
    "min-severity": "one of error, warning, info",
    "select": "a list of rule ids or prefixes (FC1, FC104)",
    "ignore": "a list of rule ids or prefixes",
    "format": "an output format (table, markdown, json, jsonl, csv, html, sarif)",
    "lang": "fr or en",
    "baseline": "a baseline file written by --write-baseline",
    "fail-on-empty": "true or false",
}


class ConfigError(Exception):
    """A config file that cannot be used; the message is one line naming the file."""


@dataclass
class Config:
    """What a config file says; ``None`` (or empty) where it says nothing."""

    path: Path | None = None
    rules: list[str] = field(default_factory=list)
    fail_on: str | None = None
    min_severity: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    format: str | None = None
    lang: str | None = None
    baseline: str | None = None
    fail_on_empty: bool | None = None


def find_config(start: str | os.PathLike | None = None) -> Path | None:
    """The config file that applies in ``start`` (default: the current folder), or None."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / CONFIG_NAME
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file() and _has_tool_table(project):
            return project
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # a broken pyproject that is not ours is not our business
    return isinstance(data.get("tool"), dict) and "factcheck" in data["tool"]


def load_config(path: str | os.PathLike | None = None, *, start: str | os.PathLike | None = None) -> Config:
    """Read ``path`` (or the file ``find_config`` finds); an empty ``Config`` when there is none.

    Raises ``ConfigError`` for a file that cannot be read, bad TOML, an unknown
    key or a value of the wrong shape.
    """
    found = Path(path) if path is not None else find_config(start)
    if found is None:
        return Config()
    try:
        data = tomllib.loads(found.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{found}: cannot read: {(exc.strerror or str(exc)).lower()}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{found}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{found}: {exc}") from None
    if found.name == "pyproject.toml":
        table = data.get("tool", {}).get("factcheck", {})
        where = f"{found}: [tool.factcheck]"
    else:
        table, where = data, str(found)
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table")
    return _settings(table, where, found)


def _settings(table: dict[str, Any], where: str, path: Path) -> Config:
    base = path.parent
    config = Config(path=path)
    for key, value in table.items():
        if key not in KEYS:
            from difflib import get_close_matches

            near = get_close_matches(key, list(KEYS), n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else f"; known keys: {', '.join(KEYS)}"
            raise ConfigError(f"{where}: unknown key {key!r}{hint}")
        if key == "rules":
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                raise _shape(where, key)
            config.rules = [str(base / i) for i in items]
        elif key in ("select", "ignore"):
            if not isinstance(value, list) or not all(isinstance(i, str) and i.strip() for i in value):
                raise _shape(where, key)
            setattr(config, key, [i.strip() for i in value])
        elif key == "fail-on-empty":
            if not isinstance(value, bool):
                raise _shape(where, key)
            config.fail_on_empty = value
        else:
            if not isinstance(value, str):
                raise _shape(where, key)
            choices = {"fail-on": FAIL_ON_CHOICES, "min-severity": SEVERITY_CHOICES, "lang": ("fr", "en")}.get(key)
            if choices is not None and value not in choices:
                raise _shape(where, key)
            if key == "baseline":
                value = str(base / value)
            setattr(config, key.replace("-", "_"), value)
    return config


def _shape(where: str, key: str) -> ConfigError:
    return ConfigError(f"{where}: {key!r} must be {KEYS[key]}")


def rule_selected(rule: str, select: list[str], ignore: list[str]) -> bool:
    """ruff's convention: a rule runs when some ``select`` prefix matches it (all when empty)
    and no ``ignore`` prefix does; the longer matching prefix wins ("FC1" selected, "FC104" ignored)."""
    if select:
        chosen = max((len(p) for p in select if rule.startswith(p)), default=None)
        if chosen is None:
            return False
    else:
        chosen = 0
    dropped = max((len(p) for p in ignore if rule.startswith(p)), default=None)
    return dropped is None or chosen > dropped
