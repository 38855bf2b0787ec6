"""Reports written story by story (archive runs): same bytes as the whole-run renderers.

A writer gets each ``archive.StoryResult`` as its story finishes and writes
what it can at once; what a report says before the stories (the JSON
``articles`` list, the Markdown headline and story table) is small and
written at the end, before the spooled story parts, which were kept in a
temporary file, not in memory.

- ``CompareJson``: ``render_json``'s document; with a store, a ``store`` member
  at the end says how much the run reused.
- ``CompareMarkdown``: ``render_markdown``'s report, a section a story.
- ``FindingsJsonl``: one finding a line (the JSON report's finding objects).
- ``FactsJsonl``: one facts-table row a line (columns ``TABLE_COLUMNS``, ``story`` after ``article`` with ``--per-folder``).
- ``collect``: one ``Comparison`` of the whole run, for the terminal table.
"""

from __future__ import annotations

import tempfile
from dataclasses import asdict, replace
from typing import IO, Any

from ..checks import Row
from ..model import TABLE_COLUMNS, Finding, InputStatus
from ..neutral import json_dumps
from .base import Comparison, escape_md, fact_findings
from .jsonout import _article, _finding, plain


def _display_rows(displays: dict[str, list[str]]) -> list[Row]:
    """Stand-in rows that carry only what ``article_displays`` reads: each article's displayed values."""
    return [Row(article=a, source=a, fact=None, kind=None, value=v, low=None, high=None)
            for a, values in displays.items() for v in values]


def story_comparison(result, rules_files: list[str], compares: dict[str, str]) -> Comparison:
    """The ``Comparison`` of one story, as ``report.base.by_story`` cuts it from a whole run."""
    return Comparison(articles=list(result.articles), inputs=[], findings=list(result.findings),
                      table=_display_rows(result.displays), rules_files=rules_files, compares=compares)


class _Writer:
    def __init__(self, out: IO[str], rules_files: list[str], compares: dict[str, str]) -> None:
        self.out = out
        self.rules_files = list(rules_files)
        self.compares = compares
        self.articles: list[dict[str, Any]] = []
        self.inputs: list[InputStatus] = []

    def add(self, result) -> None:
        self.articles.extend(result.articles)
        self.inputs.extend(result.inputs)

    def _sorted(self, listing: list[InputStatus]) -> tuple[list[dict], list[InputStatus]]:
        # load_corpus's orders: articles by (id, path) (ids are unique), inputs by (path, status).
        articles = sorted(self.articles, key=lambda a: str(a["id"]))
        inputs = sorted(list(listing) + self.inputs, key=lambda s: (s.path, s.status))
        return articles, inputs


def _indented(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line for line in text.split("\n"))


class CompareJson(_Writer):
    """``render_json`` of the whole run, findings spooled as each story finishes."""

    def __init__(self, out: IO[str], rules_files: list[str], compares: dict[str, str]) -> None:
        super().__init__(out, rules_files, compares)
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogateescape")
        self.count = 0

    def add(self, result) -> None:
        super().add(result)
        context = Comparison(articles=[], inputs=[], findings=[], compares=self.compares)
        for finding in result.findings:
            text = json_dumps(plain(_finding(finding, context)), ensure_ascii=False, indent=2, allow_nan=False)
            self.spool.write((",\n" if self.count else "") + _indented(text, 4))
            self.count += 1

    def close(self, listing: list[InputStatus], store: dict | None = None) -> None:
        articles, inputs = self._sorted(listing)
        head = {"articles": [_article(a) for a in articles]}
        tail = {"inputs": [asdict(i) for i in inputs], "rules_files": self.rules_files}
        if store is not None:
            tail["store"] = store
        opening = json_dumps(plain(head), ensure_ascii=False, indent=2, allow_nan=False)
        self.out.write(opening[:-2] + ",\n")  # drop the closing "\n}"
        if self.count:
            self.out.write('  "findings": [\n')
            self.spool.seek(0)
            while chunk := self.spool.read(1 << 20):
                self.out.write(chunk)
            self.out.write("\n  ],\n")
        else:
            self.out.write('  "findings": [],\n')
        closing = json_dumps(plain(tail), ensure_ascii=False, indent=2, allow_nan=False)
        self.out.write(closing[2:] + "\n")  # drop the opening "{\n"
        self.spool.close()


class _Lines:
    """``"\\n".join`` of a list of lines written in pieces, trailing empty lines held back until more come."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.started = False
        self.pending = 0

    def add(self, lines: list[str]) -> None:
        core = list(lines)
        trailing = 0
        while core and core[-1] == "":
            core.pop()
            trailing += 1
        if not core:
            self.pending += trailing
            return
        if self.started:
            self.out.write("\n" * (self.pending + 1))
        self.out.write("\n".join(core))
        self.started, self.pending = True, trailing


class CompareMarkdown(_Writer):
    """``render_markdown`` of the whole run, a story section spooled as each story finishes."""

    def __init__(self, out: IO[str], rules_files: list[str], compares: dict[str, str]) -> None:
        super().__init__(out, rules_files, compares)
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogateescape")
        self.sections = _Lines(self.spool)
        self.parts: list[tuple[str, Comparison]] = []  # light: no quotes, no groups
        self.first: Comparison | None = None  # the one story's whole comparison, while there is only one

    def add(self, result) -> None:
        from .markdown import _body, _headline

        super().add(result)
        if not result.articles and not result.findings:
            return  # a story none of whose files could be read: no section, as in render_markdown
        part = story_comparison(result, self.rules_files, self.compares)
        self.first = part if not self.parts else None
        name = result.story
        _, story_headline = _headline(part, fact_findings(part))
        self.sections.add([f"## Story: {escape_md(name)}", "", " · ".join(story_headline), ""] + _body(part, level=3))
        light = [replace(f, groups=(), message="", note="") for f in fact_findings(part)]
        self.parts.append((name, Comparison(articles=part.articles, inputs=[], findings=light,
                                            compares=self.compares)))

    def close(self, listing: list[InputStatus]) -> None:
        from .markdown import _body, _headline, _story_table

        articles, inputs = self._sorted(listing)
        several = len({name for name, _ in self.parts if name}) > 1
        findings: list[Finding] = [f for _, part in self.parts for f in part.findings]
        whole = Comparison(articles=articles, inputs=inputs, findings=findings, compares=self.compares)
        out = _Lines(self.out)
        title, headline = _headline(whole, fact_findings(whole), len(self.parts) if several else 0)
        out.add([f"# {escape_md(title)}", "", " · ".join(headline), ""])
        if several:
            out.add(_story_table(self.parts) + [""])
            if self.sections.started:
                self.out.write("\n" * (out.pending + 1))
                self.spool.seek(0)
                while chunk := self.spool.read(1 << 20):
                    self.out.write(chunk)
                out.pending = self.sections.pending
        else:
            only = self.first or Comparison(articles=[], inputs=[], findings=[], table=[], compares=self.compares)
            out.add(_body(only, level=2))
        not_read = [i for i in inputs if not i.ok]
        if not_read:
            lines = ["## Inputs not read", ""]
            for i in not_read:
                reason = f"{i.status}: {i.reason}" if i.reason else i.status
                lines.append(f"- {escape_md(i.path)} — {escape_md(reason)}")
            out.add(lines + [""])
        self.out.write("\n")
        self.spool.close()


class FindingsJsonl(_Writer):
    """One finding a line, as each story finishes."""

    def add(self, result) -> None:
        super().add(result)
        context = Comparison(articles=[], inputs=[], findings=[], compares=self.compares)
        for finding in result.findings:
            self.out.write(json_dumps(plain(_finding(finding, context)), ensure_ascii=False, allow_nan=False) + "\n")

    def close(self, listing: list[InputStatus], store: dict | None = None) -> None:
        pass


class FactsJsonl(_Writer):
    """One row of the facts table a line, as each story finishes."""

    def __init__(self, out: IO[str], per_folder: bool) -> None:
        super().__init__(out, [], {})
        self.per_folder = per_folder

    def add(self, result) -> None:
        super().add(result)
        for row in result.rows or ():
            record = dict(zip(TABLE_COLUMNS, row))
            if self.per_folder:
                record = {"article": record["article"], "story": result.story,
                          **{k: v for k, v in record.items() if k not in ("article", "story")}}
            self.out.write(json_dumps(plain(record), ensure_ascii=False, allow_nan=False) + "\n")

    def close(self, listing: list[InputStatus], store: dict | None = None) -> None:
        pass


def collect(results, rules_files: list[str], compares: dict[str, str], listing: list[InputStatus]) -> Comparison:
    """One ``Comparison`` of every story (for renderers that need the whole run at once)."""
    articles: list[dict] = []
    inputs = list(listing)
    findings: list[Finding] = []
    table: list[Row] = []
    for result in results:
        articles.extend(result.articles)
        inputs.extend(result.inputs)
        findings.extend(result.findings)
        table.extend(_display_rows(result.displays))
    articles.sort(key=lambda a: str(a["id"]))
    inputs.sort(key=lambda s: (s.path, s.status))
    return Comparison(articles=articles, inputs=inputs, findings=findings, table=table, rules_files=rules_files,
                      compares=compares)


class Written:
    """What an archive report saw, read like ``articles.Corpus`` by the CLI (inputs, articles, problems)."""

    def __init__(self, writer: _Writer, listing: list[InputStatus], problems: list[str], worst: int) -> None:
        self.articles, self.inputs = writer._sorted(listing)
        self.rule_problems = problems
        self.worst_conflict = worst  # the highest severity rank of a conflict, 0 when none

    @property
    def problems(self) -> tuple[InputStatus, ...]:
        return tuple(s for s in self.inputs if not s.ok)

    def fails(self, fail_on: str) -> bool:
        from ..model import SEVERITY_RANK

        return fail_on != "never" and self.worst_conflict >= SEVERITY_RANK[fail_on]


def write_archive(run, format: str, out, *, compares: dict[str, str] | None = None, facts: bool = False,
                  color: bool = False) -> Written:
    """Write ``run``'s report in ``format`` to ``out`` (``outputs.StreamOutput``) as its stories finish.

    Compare formats: json, markdown, jsonl (findings), table; facts formats
    (``facts=True``): jsonl, parquet (the store alone: nothing written), csv and
    json (the whole table at once, as ``extract`` renders it).
    """
    from ..model import SEVERITY_RANK

    rules_files = list(run.settings.ruleset.files)
    compares = compares or {}
    problems: list[str] = []
    worst = 0
    held: list = []
    if facts:
        writer: _Writer = FactsJsonl(out, run.settings.per_folder)
    elif format == "json":
        writer = CompareJson(out, rules_files, compares)
    elif format == "markdown":
        writer = CompareMarkdown(out, rules_files, compares)
    elif format == "jsonl":
        writer = FindingsJsonl(out, rules_files, compares)
    else:
        writer = _Writer(out, rules_files, compares)
    for result in run:
        problems.extend(result.problems)
        for f in result.findings:
            if f.status == "conflict":
                worst = max(worst, SEVERITY_RANK.get(f.severity, 0))
        if facts and format != "jsonl":
            if format != "parquet":
                held.append(result)
            writer.articles.extend(result.articles)
            writer.inputs.extend(result.inputs)
        elif format == "table" and not facts:
            held.append(result)
            _Writer.add(writer, result)
        else:
            writer.add(result)
    store = run.summary.as_dict() if run.settings.store is not None else None
    if isinstance(writer, CompareJson):
        writer.close(run.listing, store)
    elif isinstance(writer, CompareMarkdown):
        writer.close(run.listing)
    elif held and facts:
        out.write(_facts_text(held, format, run.settings.per_folder))
    elif held:
        from .table import render_table

        out.write(render_table(collect(held, rules_files, compares, run.listing), color=color), keep_sgr=color)
    return Written(writer, run.listing, problems, worst)


def _facts_text(results, format: str, per_folder: bool) -> str:
    from ..facts import rows_frame
    from . import facts as render

    rows = [row for r in results for row in (r.rows or ())]
    stories = {a["id"]: r.story for r in results for a in r.articles} if per_folder else None
    table = rows_frame(rows, stories)
    return render.render_csv(table) if format == "csv" else render.render_json(table)
