"""``factcheck ci``: what newly added articles change in a story's corpus.

A desk keeps the articles of a story in a repository; on every push a CI job
asks which facts the new articles confirm, which they contradict, which only
they state.  This module is the library side of that command:

    root = repo_root("articles/")                      # git rev-parse --show-toplevel
    changes = changes_since(root, "origin/main")       # git diff --name-status -M + untracked
    result = pipeline.compare(["articles/"], ruleset=...)
    new = new_ids(result.extraction.corpus, root, changes)
    report = ci_report(result, new, "info", paths=display_paths(corpus, root))
    render_summary(report), annotations(report), render_sarif(report), render_json(report)

What counts as new with ``--since REF``: every article of the corpus whose
content on disk differs from its content at ``REF``, that is the files git
reports as added, modified, type-changed, unmerged, or renamed with changes
between ``REF`` and the working tree (``git diff --name-status -M -z REF``:
committed, staged and unstaged changes alike), plus untracked files that are
not ignored.  In CI the working tree is the pushed commit, so this is exactly
``REF..HEAD``; on a desk's machine it also covers articles not yet committed.
A file renamed without changes (``R100``) is not new: the story already had
its text.  Deleted files are not compared; the summary lists them.

How a finding is classified (the new articles being ``N``, the others ``O``):

- ``introduced``: a conflict where some side is held by new articles only (a
  value no old article gives) -- against old articles or among new ones;
- ``joined``: a conflict between old articles in which new articles only take
  a side that old articles already hold (it existed before them);
- ``confirmed``: an agreement between new and old articles;
- ``only_new``: an agreement or single-source fact stated by new articles only;
- ``silent``: an agreement among old articles that no new article states;
- ``existing``: a conflict that involves no new article.

Only ``introduced`` conflicts are annotated, go into SARIF, and can fail the
job (``--fail-on``).  ``--min-severity`` only decides what is shown.  Every
list is sorted on its content, so nothing depends on the order in which git
lists files or in which arguments are given.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import SEVERITY_RANK, Finding, Side
from .neutral import command_data, json_dumps

if TYPE_CHECKING:
    from .articles import Corpus
    from .pipeline import Result

ANNOTATION_CAP = 10  # GitHub shows at most 10 annotations of a kind per step
SECTIONS = ("introduced", "joined", "confirmed", "only_new", "silent", "existing")
ANNOTATION_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
JSON_SCHEMA = "factcheck-ci/1"


class CiError(Exception):
    """A problem with the request (git, refs, files); the message is one line, ready to print."""


# --------------------------------------------------------------------------- git


@dataclass(frozen=True)
class Change:
    """One file git reports as changed since the ref, path relative to the repository (``/``)."""

    path: str
    status: str  # added, modified, renamed, copied, type changed, unmerged, untracked, deleted
    old_path: str | None = None
    unchanged: bool = False  # a rename or copy with identical content

    @property
    def label(self) -> str:
        if self.old_path and self.status in ("renamed", "copied"):
            return f"{self.status} from {self.old_path}"
        return self.status


_STATUS = {"A": "added", "M": "modified", "D": "deleted", "T": "type changed", "U": "unmerged",
           "R": "renamed", "C": "copied", "X": "unknown"}


def _git(cwd: str | os.PathLike, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    try:
        return subprocess.run(
            ["git", "-C", os.fspath(cwd), *args], capture_output=True, text=True,
            encoding="utf-8", errors="surrogateescape", check=False, env=env,
        )
    except FileNotFoundError:
        raise CiError("git is not installed, and --since needs it") from None


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def repo_root(path: str | os.PathLike) -> Path:
    """The root of the git work tree holding ``path`` (a file or a folder)."""
    shown = os.fspath(path)
    p = Path(shown)
    if not p.exists():
        raise CiError(f"{shown}: no such file or folder")
    folder = p if p.is_dir() else p.parent
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done.returncode != 0 or not done.stdout.strip():
        problem = _first_line(done.stderr)
        if "not a git repository" in problem or not problem:
            raise CiError(f"{shown} is not inside a git repository")
        raise CiError(f"git: {problem.removeprefix('fatal: ')}")
    return Path(os.path.realpath(done.stdout.strip()))


def resolve_ref(root: str | os.PathLike, ref: str) -> str:
    """The commit ``ref`` names, or ``CiError("unknown revision 'ref'")``."""
    if not ref or ref.startswith("-") or "\n" in ref:
        raise CiError(f"unknown revision '{ref}'")
    done = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if done.returncode != 0 or not done.stdout.strip():
        shallow = _git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
        hint = " (the clone is shallow: fetch its history, e.g. checkout with fetch-depth: 0)" if shallow else ""
        raise CiError(f"unknown revision '{ref}'{hint}")
    return done.stdout.strip()


def parse_name_status(output: str) -> list[Change]:
    """Parse ``git diff --name-status -M -z`` output (NUL-separated, paths unquoted)."""
    tokens = output.split("\0")
    changes: list[Change] = []
    i = 0
    while i < len(tokens):
        code = tokens[i]
        i += 1
        if not code:
            continue
        letter = code[0]
        if letter in "RC":
            old = tokens[i] if i < len(tokens) else ""
            new = tokens[i + 1] if i + 1 < len(tokens) else ""
            i += 2
            score = code[1:]
            changes.append(Change(new, _STATUS[letter], old_path=old, unchanged=score == "100"))
        else:
            path = tokens[i] if i < len(tokens) else ""
            i += 1
            changes.append(Change(path, _STATUS.get(letter, "modified")))
    return [c for c in changes if c.path]


def changes_since(root: str | os.PathLike, ref: str) -> list[Change]:
    """Files whose content differs between ``ref`` and the working tree, untracked ones included.

    Sorted by path, so the result never depends on the order git lists them in.
    """
    commit = resolve_ref(root, ref)
    diff = _git(root, "diff", "--no-ext-diff", "--name-status", "-M", "-z", commit, "--")
    if diff.returncode != 0:
        raise CiError(f"git diff {ref}: {_first_line(diff.stderr).removeprefix('fatal: ') or 'failed'}")
    changes = parse_name_status(diff.stdout)
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--full-name")
    if untracked.returncode != 0:
        raise CiError(f"git ls-files: {_first_line(untracked.stderr).removeprefix('fatal: ') or 'failed'}")
    changes += [Change(p, "untracked") for p in untracked.stdout.split("\0") if p]
    return sorted(set(changes), key=lambda c: (c.path, c.status, c.old_path or ""))


def _real(path: str | os.PathLike) -> str:
    return os.path.realpath(os.fspath(path))


def new_ids(corpus: Corpus, root: str | os.PathLike, changes: Iterable[Change],
            scope: Sequence[str | os.PathLike] | None = None) -> dict[str, str]:
    """Article id -> change label, for the corpus articles that are new according to ``changes``.

    A file renamed without changes is not new when it was already in ``scope``
    (the corpus paths; default: the folders of the corpus articles); moved in
    from elsewhere, it is new to the story.
    """
    if scope is None:
        scope = sorted({os.path.dirname(_real(a.path)) for a in corpus.articles})
    wanted = {
        _real(Path(root) / c.path): c.label
        for c in changes
        if c.status != "deleted" and not (c.unchanged and c.old_path and under(scope, root, c.old_path))
    }
    out = {}
    for article in corpus.articles:
        label = wanted.get(_real(article.path))
        if label is not None:
            out[article.id] = label
    return dict(sorted(out.items()))


def new_articles_since(root: str | os.PathLike, ref: str, corpus: Corpus,
                       scope: Sequence[str | os.PathLike] | None = None) -> list[str]:
    """Paths (as loaded) of the corpus articles added or changed since ``ref``, sorted."""
    changed = new_ids(corpus, root, changes_since(root, ref), scope)
    return sorted(a.path for a in corpus.articles if a.id in changed)


def under(paths: Sequence[str | os.PathLike], root: str | os.PathLike, path: str) -> bool:
    """True when ``path`` (relative to ``root``, as git gives it) lies inside one of ``paths``."""
    target = os.path.normpath(os.path.join(_real(root), path))
    for p in paths:
        base = _real(p)
        if target == base or target.startswith(base.rstrip(os.sep) + os.sep):
            return True
    return False


def display_path(path: str | os.PathLike, base: str | os.PathLike) -> str:
    """``path`` relative to ``base`` (the repository root), with forward slashes."""
    rel = os.path.relpath(_real(path), _real(base))
    return rel.replace(os.sep, "/")


def display_paths(corpus: Corpus, base: str | os.PathLike) -> dict[str, str]:
    return {a.id: display_path(a.path, base) for a in corpus.articles}


# --------------------------------------------------------------------------- report


@dataclass(frozen=True)
class NewArticle:
    id: str
    path: str
    change: str


@dataclass
class CiReport:
    """The findings of one comparison, sorted into what the new articles change.

    Sections hold every finding; ``shown(section)`` applies ``min_severity``.
    """

    new: list[NewArticle]
    paths: dict[str, str]
    sections: dict[str, list[Finding]]
    min_severity: str = "info"
    since: str | None = None
    articles: int = 0
    deleted: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (old, new), content unchanged
    displays: dict[str, set[str]] = field(default_factory=dict)
    compares: dict[str, str] = field(default_factory=dict)
    rules: dict[str, "RuleDoc"] = field(default_factory=dict)  # rule id -> its documentation (SARIF)
    texts: dict[str, str] = field(default_factory=dict)  # article id -> text (SARIF regions)
    language: str | None = None  # the desk's language (report.i18n.desk_language): the summary's, the annotations'

    @property
    def new_ids(self) -> frozenset[str]:
        return frozenset(a.id for a in self.new)

    def shown(self, section: str) -> list[Finding]:
        floor = SEVERITY_RANK[self.min_severity]
        return [f for f in self.sections[section] if SEVERITY_RANK.get(f.severity, 0) >= floor]

    def hidden(self, section: str) -> int:
        return len(self.sections[section]) - len(self.shown(section))

    def failing(self, fail_on: str) -> list[Finding]:
        """The new conflicts at ``fail_on`` or above, shown or not."""
        if fail_on == "never":
            return []
        floor = SEVERITY_RANK[fail_on]
        return [f for f in self.sections["introduced"] if SEVERITY_RANK.get(f.severity, 0) >= floor]

    def fails(self, fail_on: str) -> bool:
        return bool(self.failing(fail_on))

    def path(self, article: str) -> str:
        return self.paths.get(article, article)

    def own_value(self, finding: Finding, side: Side, article: str) -> str:
        """The value ``article`` itself wrote in ``side`` (a side joins the values of all its articles)."""
        mine = [p for p in side.value.split(" / ") if p in self.displays.get(article, ())]
        return " / ".join(mine) if mine else side.value


def _severity_key(f: Finding) -> tuple:
    return (-SEVERITY_RANK.get(f.severity, 0), f.fact, f.rule, f.note,
            tuple((g.value, g.articles) for g in f.groups))


def _fact_key(f: Finding) -> tuple:
    return (f.fact, f.rule, f.note, tuple((g.value, g.articles) for g in f.groups))


def classify(finding: Finding, new: frozenset[str]) -> str | None:
    """The section of ``finding`` (see the module doc), None for an old single-source fact."""
    articles = set(finding.articles)
    if finding.status in ("conflict", "variant"):  # a name written two ways is a problem too
        if not articles & new:
            return "existing"
        if any(set(g.articles) and set(g.articles) <= new for g in finding.groups):
            return "introduced"
        return "joined"
    if articles & new:
        return "confirmed" if articles - new else "only_new"
    if finding.status == "agree":
        return "silent"
    return None


def ci_report(result: Result, new_ids: Iterable[str], min_severity: str = "info", *,
              paths: Mapping[str, str] | None = None, changes: Mapping[str, str] | None = None,
              since: str | None = None, deleted: Iterable[str] = (),
              renamed: Iterable[tuple[str, str]] = ()) -> CiReport:
    """Sort the findings of ``result`` by what the articles ``new_ids`` change.

    ``paths``: article id -> path shown (relative to the repository, ``/``);
    ``changes``: article id -> how it is new ("added", "modified", ...).
    """
    from .report.base import article_displays

    if min_severity not in SEVERITY_RANK:
        raise ValueError(f"min_severity must be one of {sorted(SEVERITY_RANK)}, not {min_severity!r}")
    corpus = result.extraction.corpus
    paths = dict(paths) if paths is not None else display_paths(corpus, os.getcwd())
    known = {a.id for a in corpus.articles}
    new = frozenset(i for i in new_ids if i in known)
    changes = dict(changes or {})
    sections: dict[str, list[Finding]] = {s: [] for s in SECTIONS}
    for finding in result.findings:
        section = classify(finding, new)
        if section is not None:
            sections[section].append(finding)
    for name, items in sections.items():
        items.sort(key=_severity_key if name in ("introduced", "joined", "existing") else _fact_key)
    comparison = result.comparison
    return CiReport(
        new=sorted((NewArticle(i, paths.get(i, i), changes.get(i, "given")) for i in new),
                   key=lambda a: (a.path, a.id)),
        paths=paths,
        sections=sections,
        min_severity=min_severity,
        since=since,
        articles=len(corpus.articles),
        deleted=sorted(set(deleted)),
        renamed=sorted(set(renamed)),
        displays=article_displays(comparison),
        compares=dict(comparison.compares),
        rules=rule_docs(result.extraction.ruleset.checks, result.extraction.ruleset.facts),
        texts=result.extraction.texts,
        language=comparison.language,
    )


# --------------------------------------------------------------------------- pieces shared by renderers


@dataclass(frozen=True)
class Statement:
    article: str
    path: str
    line: int
    quote: str
    value: str
    new: bool


def statements(report: CiReport, finding: Finding, side: Side) -> list[Statement]:
    out = []
    for i, article in enumerate(side.articles):
        out.append(Statement(
            article=article,
            path=report.path(article),
            line=side.lines[i] if i < len(side.lines) else 0,
            quote=side.quotes[i] if i < len(side.quotes) else "",
            value=report.own_value(finding, side, article),
            new=article in report.new_ids,
        ))
    return sorted(out, key=lambda s: (not s.new, s.path, s.line, s.article))


def _introducing(report: CiReport, finding: Finding) -> list[tuple[Side, Statement]]:
    """The new articles' statements on the sides only new articles hold, by path and line."""
    new = report.new_ids
    out = []
    for side in finding.groups:
        if side.articles and set(side.articles) <= new:
            out += [(side, s) for s in statements(report, finding, side)]
    return sorted(out, key=lambda p: (p[1].path, p[1].line, p[1].value))


def _where(s: Statement) -> str:
    return f"{s.path}:{s.line}" if s.line else s.path


def _catalogue(report: CiReport, lang: str | None):
    from .report.i18n import report_catalogue

    return report_catalogue(report, lang)


def conflict_text(report: CiReport, finding: Finding, here: Statement | None = None, lang: str | None = None) -> str:
    """One line: what the new article says, what the others say, the rule's message (``lang``: else the desk's)."""
    t = _catalogue(report, lang)
    parts = []
    for side in finding.groups:
        for s in statements(report, finding, side):
            if here is not None and s.article == here.article:
                if s.line == here.line and s.value == here.value:
                    continue
                parts.append(t.f("ci.also_says", value=t.value(s.value))
                             + (t.f("ci.also_line", n=s.line) if s.line != here.line else ""))
                continue
            parts.append(t.f("ci.says", where=_where(s), value=t.value(s.value)))
    head = f"{finding.fact} ({finding.rule}, {t.severity(finding.severity)})"
    said = t.f("ci.this_says", value=t.value(here.value)) if here is not None else ""
    text = f"{head}: {said}{t['note.joiner'].join(parts)}. {finding.message}".strip()
    if finding.note:
        text += f" ({t.note(finding.note)})"
    return text


def _code(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it holds."""
    flat = " ".join(text.split())
    longest = 0
    current = 0
    for ch in flat:
        current = current + 1 if ch == "`" else 0
        longest = max(longest, current)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


# --------------------------------------------------------------------------- summary (Markdown)


def render_summary(report: CiReport, *, fail_on: str = "error", cap: int = ANNOTATION_CAP,
                   lang: str | None = None) -> str:
    """The Markdown summary: what the new articles change first, then the rest, counted.

    In ``lang``, else the desk's language (``report.language``).  Depends only on
    the report and the settings: no clock, no machine paths, no environment, so
    two runs over the same files give the same bytes.
    """
    from .report.base import escape_md

    t = _catalogue(report, lang)
    out = [f"## {t['ci.title']}", ""]
    since = t.f("ci.since", ref=_code(report.since)) if report.since else ""
    if not report.new:
        out += [t.f("ci.nothing_new", since=since, read=t.n("read", report.articles)), ""]
    else:
        out += [t.f("ci.new_intro", new=t.n("new_article", len(report.new)), since=since,
                    articles=t.n("article", report.articles)), ""]
        out += [f"| {t['ci.col.new_article']} | {t['ci.col.change']} |", "|---|---|"]
        for a in report.new:
            out.append(f"| {_code(a.path)} | {escape_md(t.get('ci.change.' + a.change, a.change))} |")
        out.append("")
    if report.renamed:
        moves = ", ".join(f"{_code(old)} → {_code(new)}" for old, new in report.renamed)
        out += [t.f("ci.renamed", moves=moves), ""]
    if report.deleted:
        out += [t.f("ci.deleted", gone=", ".join(_code(p) for p in report.deleted)), ""]
    out += [_verdict_md(report, fail_on, t), ""]

    out += [f"| | {t['ci.col.shown']} | {t['ci.col.hidden']} |", "|---|---:|---:|"]
    for name in SECTIONS:
        out.append(f"| {t['ci.section.' + name]} | {len(report.shown(name))} | {report.hidden(name)} |")
    out.append("")
    hidden = sum(report.hidden(n) for n in SECTIONS)
    if hidden:
        out += [t.f("ci.hidden", findings=t.n("finding", hidden), level=report.min_severity), ""]

    introduced = report.shown("introduced")
    if len(introduced) > cap:
        out += [t.n("ci.cap", len(introduced) - cap, cap=cap), ""]

    for name in ("introduced", "joined"):
        if report.shown(name):
            out += [f"### {t['ci.section.' + name]}", ""]
            for f in report.shown(name):
                out += _conflict_md(report, f, t)
    columns = [t["ci.col.fact"], t["ci.col.rule"], t["ci.col.value"]]
    for name in ("confirmed", "only_new", "silent"):
        items = report.shown(name)
        if not items:
            continue
        out += [f"### {t['ci.section.' + name]}", ""]
        out += ["| " + " | ".join(columns + [t["ci.who." + name]]) + " |", "|---|---|---|---|"]
        for f in items:
            side = f.groups[0] if f.groups else None
            if side is None:
                continue
            people = ", ".join(
                f"{_code(_where(s))}{' (' + t['ci.new_mark'] + ')' if s.new and name == 'confirmed' else ''}"
                for s in statements(report, f, side)
            )
            note = f" ({escape_md(t.note(f.note))})" if f.note else ""
            out.append(f"| {escape_md(f.fact)}{note} | {escape_md(f.rule)} | {escape_md(t.value(side.value))} "
                       f"| {people} |")
        out.append("")
    existing = report.shown("existing")
    if existing:
        out += [f"### {t['ci.section.existing']}", ""]
        out += [", ".join(f"{escape_md(f.fact)} ({escape_md(f.rule)}, {escape_md(t.severity(f.severity))})"
                          for f in existing) + t["ci.existing_tail"], ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _verdict_md(report: CiReport, fail_on: str, t) -> str:
    if fail_on == "never":
        return t["ci.passes_never"]
    failing = report.failing(fail_on)
    if failing:
        return t.f("ci.fails", level=fail_on, count=t.n("new_conflict", len(failing)))
    return t.f("ci.passes", level=fail_on)


def _conflict_md(report: CiReport, finding: Finding, t) -> list[str]:
    from .report.base import escape_md

    out = [f"#### {escape_md(finding.fact)} · {escape_md(finding.rule)} · {escape_md(t.severity(finding.severity))}",
           "", escape_md(finding.message), ""]
    if finding.note:
        out += [f"*{escape_md(t.note(finding.note))}*", ""]
    quoted: set[tuple[str, str]] = set()
    for side in finding.groups:
        held = t["ci.held.new"] if set(side.articles) <= report.new_ids else (
            t["ci.held.both"] if set(side.articles) & report.new_ids else t["ci.held.old"])
        out += [f"- **{escape_md(t.value(side.value))}** ({held})", ""]
        for s in statements(report, finding, side):
            tag = f" **{t['ci.new_mark']}**" if s.new else ""
            out += [f"  {_code(_where(s))}{tag}: {escape_md(t.value(s.value))}", ""]
            if s.quote and (s.article, s.quote) not in quoted:
                # Both halves of a paired time come from one sentence: quote it once.
                quoted.add((s.article, s.quote))
                out += [f"  > {escape_md(s.quote)}", ""]
    return out


# --------------------------------------------------------------------------- annotations


def _escape_data(text: str) -> str:
    return command_data(text)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotated(report: CiReport) -> list[tuple[Finding, Statement]]:
    """Every shown new conflict with the new statement it is pinned to, most severe first."""
    out = []
    for f in report.shown("introduced"):
        pinned = _introducing(report, f)
        if pinned:
            out.append((f, pinned[0][1]))
    return out


def annotations(report: CiReport, cap: int = ANNOTATION_CAP, lang: str | None = None) -> tuple[list[str], int]:
    """GitHub workflow commands, one a new conflict, at most ``cap``; and how many were left out.

    ``::error file=articles/new.txt,line=1::call.duration (FC103, error): ...``
    (``::warning`` and ``::notice`` for the lower severities).
    """
    lines = []
    items = annotated(report)
    for finding, here in items[:cap]:
        level = ANNOTATION_LEVEL.get(finding.severity, "warning")
        props = f"file={_escape_property(here.path)}"
        if here.line:
            props += f",line={here.line}"
        lines.append(f"::{level} {props}::{_escape_data(conflict_text(report, finding, here, lang))}")
    return lines, max(0, len(items) - cap)


# --------------------------------------------------------------------------- SARIF


HELP_URI = "https://pypi.org/project/factcheck-news/"  # the project page: README's "Rules" section


@dataclass(frozen=True)
class RuleDoc:
    """What a dashboard shows about a rule: stable slug, descriptions, help."""

    id: str
    slug: str
    short: str
    full: str
    help: str


def rule_slug(check: Any) -> str:
    """A stable name from what the check compares: 'call-start-time-interval', 'person-spelling'."""
    import re

    target = check.fact or check.kind or "fact"
    return re.sub(r"[^a-z0-9]+", "-", f"{target} {check.compare}".lower()).strip("-")


def rule_docs(checks: Iterable[Any], facts: Mapping[str, Any] | None = None) -> dict[str, RuleDoc]:
    out = {}
    for check in checks:
        fact = (facts or {}).get(check.fact or "")
        what = f"fact '{check.fact}'" if check.fact else f"every {check.kind} mention"
        described = f" ({fact.description})" if fact is not None and getattr(fact, "description", "") else ""
        message = " ".join(check.message.split())
        full = (f"{message} Compares {what}{described} across the articles ({check.compare}); "
                f"severity {check.severity}.")
        help_text = (f"{message}\n\nEach side of the conflict is quoted with its article and line. Check the "
                     f"quotes against the articles' sources, then correct the article in error, or acknowledge "
                     f"the finding (factcheck compare --write-baseline) if both are right (planned versus actual, "
                     f"two claimants). Why a mention bound to this fact: factcheck explain ARTICLE "
                     f"{check.fact or 'FACT'}. Rule {check.id} ({rule_slug(check)}), file {check.file}.")
        out[check.id] = RuleDoc(check.id, rule_slug(check), message, full, help_text)
    return out


def render_sarif(report: CiReport, *, version: str | None = None, lang: str | None = None) -> str:
    """SARIF 2.1.0 for code-scanning dashboards: one result a shown new conflict.

    Rules carry a stable slug as ``name``, ``fullDescription``, ``help`` and
    ``helpUri``; each location a region with line, columns (Unicode code
    points, as ``columnKind`` says) and the quoted sentence as snippet.
    """
    results = []
    rules: dict[str, dict] = {}
    for finding, here in annotated(report):
        if finding.rule not in rules:
            doc = report.rules.get(finding.rule) or RuleDoc(
                finding.rule, finding.rule.lower(), finding.message or finding.rule,
                finding.message or finding.rule, finding.message or finding.rule)
            rules[finding.rule] = {
                "id": finding.rule,
                "name": doc.slug,
                "shortDescription": {"text": doc.short},
                "fullDescription": {"text": doc.full},
                "help": {"text": doc.help},
                "helpUri": HELP_URI + "#" + finding.rule.lower(),
                "defaultConfiguration": {"level": SARIF_LEVEL.get(finding.severity, "warning")},
                "properties": {"tags": ["factcheck", doc.slug]},
            }
        locations = [_sarif_location(report, s) for _, s in _introducing(report, finding)]
        related = []
        for side in finding.groups:
            for s in statements(report, finding, side):
                if side.articles and set(side.articles) <= report.new_ids:
                    continue
                loc = _sarif_location(report, s)
                loc["id"] = len(related) + 1
                loc["message"] = {"text": f"{s.value}: {' '.join(s.quote.split())}"}
                related.append(loc)
        fingerprint = hashlib.sha256(
            "\0".join([finding.rule, finding.fact, here.path, here.value]).encode("utf-8", "surrogateescape")
        ).hexdigest()[:32]
        result = {
            "ruleId": finding.rule,
            "level": SARIF_LEVEL.get(finding.severity, "warning"),
            "message": {"text": conflict_text(report, finding, here, lang)},
            "locations": locations,
            "partialFingerprints": {"factcheckConflict/v1": fingerprint},
        }
        if related:
            result["relatedLocations"] = related
        results.append(result)
    ordered = sorted(rules)
    for result in results:
        result["ruleIndex"] = ordered.index(result["ruleId"])
    driver: dict[str, Any] = {"name": "factcheck", "informationUri": HELP_URI,
                              "rules": [rules[k] for k in ordered]}
    if version is None:
        import factcheck

        version = factcheck.__version__
    if version and version != "0+unknown":
        driver["version"] = version
    data = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}],
    }
    return json_dumps(data, ensure_ascii=False, indent=2) + "\n"


def _sarif_location(report: CiReport, s: Statement) -> dict:
    from urllib.parse import quote

    # A URI reference: spaces, '#', '%' and non-ASCII bytes percent-encoded (RFC 3986).
    uri = quote(s.path.encode("utf-8", "surrogateescape"), safe="/")
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    region = _region(report.texts.get(s.article, ""), s.quote, s.line)
    if region:
        physical["region"] = region
    return {"physicalLocation": physical}


def _region(text: str, quote: str, line: int) -> dict | None:
    """Line, columns (1-based code points) and snippet of ``quote`` in ``text``; the line alone if not found."""
    at = text.find(quote) if quote else -1
    if at < 0:
        return {"startLine": line} if line else None
    line_start = text.rfind("\n", 0, at) + 1
    end = at + len(quote)
    end_line_start = text.rfind("\n", 0, end) + 1
    start_line = text.count("\n", 0, at) + 1
    return {
        "startLine": start_line,
        "startColumn": at - line_start + 1,
        "endLine": start_line + text.count("\n", at, end),
        "endColumn": end - end_line_start + 1,
        "snippet": {"text": quote},
    }


def render_compare_sarif(result: "Result", findings: Iterable[Finding] | None = None, *,
                         base: str | os.PathLike | None = None, lang: str | None = None) -> str:
    """SARIF for ``factcheck compare``: every conflict in ``findings`` (default: all), each side located."""
    report = ci_report(result, [a.id for a in result.extraction.corpus.articles], "info",
                       paths=display_paths(result.extraction.corpus, base or os.getcwd()))
    if findings is not None:
        wanted = {(f.story, f.rule, f.fact, tuple(g.value for g in f.groups)) for f in findings}
        report.sections["introduced"] = [
            f for f in report.sections["introduced"]
            if (f.story, f.rule, f.fact, tuple(g.value for g in f.groups)) in wanted
        ]
    return render_sarif(report, lang=lang)


# --------------------------------------------------------------------------- JSON


def _finding_json(report: CiReport, finding: Finding) -> dict:
    from .report.jsonout import finding_head

    return {
        **finding_head(finding, report.compares),
        "sides": [
            {
                "value": side.value,
                "new_only": bool(side.articles) and set(side.articles) <= report.new_ids,
                "statements": [
                    {"article": s.article, "path": s.path, "line": s.line, "value": s.value,
                     "quote": s.quote, "new": s.new}
                    for s in statements(report, finding, side)
                ],
            }
            for side in finding.groups
        ],
    }


def render_json(report: CiReport, *, fail_on: str = "error", cap: int = ANNOTATION_CAP) -> str:
    """The report as data (the CI artifact): stable keys, sorted lists, final newline."""
    from .report.jsonout import plain

    items = annotated(report)
    data = {
        "schema": JSON_SCHEMA,
        "since": report.since,
        "articles": report.articles,
        "new_articles": [{"id": a.id, "path": a.path, "change": a.change} for a in report.new],
        "renamed_unchanged": [{"from": old, "to": new} for old, new in report.renamed],
        "deleted": list(report.deleted),
        "min_severity": report.min_severity,
        "fail_on": fail_on,
        "fails": report.fails(fail_on),
        "counts": {n: {"shown": len(report.shown(n)), "hidden": report.hidden(n)} for n in SECTIONS},
        "annotations": {"cap": cap, "annotated": min(cap, len(items)), "not_annotated": max(0, len(items) - cap)},
        **{n: [_finding_json(report, f) for f in report.shown(n)] for n in SECTIONS},
    }
    return json_dumps(plain(data), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


# --------------------------------------------------------------------------- the whole run


@dataclass
class CiRun:
    result: Result
    report: CiReport
    root: Path | None


def run(corpus: Sequence[str | os.PathLike], *, since: str | None = None,
        new: Sequence[str | os.PathLike] | None = None, ruleset: Any = None,
        max_bytes: int | None = None, min_severity: str = "info") -> CiRun:
    """Find the new articles, compare them with the whole corpus, build the report.

    Raises ``CiError`` (one line) for bad requests: both or neither of
    ``since``/``new``, a ref git does not know, a corpus outside a repository
    with ``since``, a ``new`` file that does not exist or cannot be read.
    """
    from .articles import DEFAULT_MAX_BYTES
    from .pipeline import compare

    corpus = [os.fspath(p) for p in corpus] or ["."]
    new = [os.fspath(p) for p in (new or [])]
    if since is not None and new:
        raise CiError("give either --since or --new, not both")
    if since is None and not new:
        raise CiError("give --since GIT_REF or --new FILE")
    for p in corpus:
        if not os.path.exists(p):
            raise CiError(f"{p}: no such file or folder")
    for p in new:
        if not os.path.isfile(p):
            raise CiError(f"--new file not found: {p}")

    changes: list[Change] = []
    if since is not None:
        root: Path | None = repo_root(corpus[0])
        changes = changes_since(root, since)
    else:
        try:
            root = repo_root(corpus[0])
        except CiError:
            root = None  # --new works outside git: paths are then relative to the current folder
    base = root if root is not None else Path.cwd()

    paths = corpus + [p for p in new if p not in corpus]
    result = compare(paths, ruleset=ruleset, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    loaded = result.extraction.corpus

    if since is not None:
        labels = new_ids(loaded, base, changes, corpus)
        inside = [c for c in changes if under(corpus, base, c.path)]
        deleted = [c.path for c in inside if c.status == "deleted"]
        deleted += [c.old_path for c in changes  # moved out of the corpus
                    if c.old_path and c.status == "renamed" and under(corpus, base, c.old_path)
                    and not under(corpus, base, c.path)]
        renamed = [(c.old_path or "", c.path) for c in inside
                   if c.unchanged and c.old_path and under(corpus, base, c.old_path)]
    else:
        by_path = {_real(a.path): a.id for a in loaded.articles}
        statuses = {_real(s.path): s for s in loaded.inputs}
        labels = {}
        for p in new:
            article = by_path.get(_real(p))
            if article is None:
                status = statuses.get(_real(p))
                reason = (status.reason or status.status) if status is not None else "not read"
                raise CiError(f"--new file could not be read: {p}: {reason}")
            labels[article] = "given"
        deleted, renamed = [], []

    report = ci_report(result, labels, min_severity, paths=display_paths(loaded, base), changes=labels,
                       since=since, deleted=deleted, renamed=renamed)
    return CiRun(result, report, root)


def summary_line(report: CiReport, fail_on: str, lang: str | None = None) -> str:
    """One line for the log: the counts and the verdict."""
    t = _catalogue(report, lang)
    counts = ", ".join(f"{len(report.shown(n))} {t['ci.section.' + n].lower()}" for n in SECTIONS[:5])
    verdict = t["ci.verdict.fails"] if report.fails(fail_on) else t["ci.verdict.passes"]
    return t.f("ci.line", new=t.n("new_article", len(report.new)), counts=counts, verdict=verdict, level=fail_on)
