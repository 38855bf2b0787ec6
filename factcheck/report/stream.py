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

import json
import tempfile
from dataclasses import fields, replace
from typing import IO, Any

from ..checks import Row
from ..model import TABLE_COLUMNS, Finding, InputStatus
from ..neutral import json_dumps, json_safe
from .base import Comparison, escape_md, fact_findings
from .jsonout import _article, _finding, plain


_INPUT_FIELDS = fields(InputStatus)


def _display_rows(displays: dict[str, list[str]]) -> list[Row]:
    """Stand-in rows that carry only what ``article_displays`` reads: each article's displayed values."""
    return [Row(article=a, source=a, fact=None, kind=None, value=v, low=None, high=None)
            for a, values in displays.items() for v in values]


def story_comparison(result, rules_files: list[str], compares: dict[str, str],
                     language: str | None = None) -> Comparison:
    """The ``Comparison`` of one story, as ``report.base.by_story`` cuts it from a whole run."""
    return Comparison(articles=list(result.articles), inputs=[], findings=list(result.findings),
                      table=_display_rows(result.displays), rules_files=rules_files, compares=compares,
                      language=language)


class _Writer:
    def __init__(self, out: IO[str], rules_files: list[str], compares: dict[str, str]) -> None:
        self.out = out
        self.rules_files = list(rules_files)
        self.compares = compares
        self.articles: list[dict[str, Any]] = []
        self.inputs: list[InputStatus] = []
        self.unmatched: list[dict[str, str]] = []

    def add(self, result) -> None:
        self.articles.extend(result.articles)
        self.inputs.extend(result.inputs)
        self.unmatched.extend(result.unmatched)

    def _unmatched(self) -> list[dict[str, str]]:
        return sorted(self.unmatched, key=lambda u: u["id"])  # binding.unmatched_articles's order

    def _sorted(self, listing: list[InputStatus]) -> tuple[list[dict], list[InputStatus]]:
        # load_corpus's orders: articles by (id, path) (ids are unique), inputs by (path, status).
        articles = sorted(self.articles, key=lambda a: str(a["id"]))
        inputs = sorted(list(listing) + self.inputs, key=lambda s: (s.path, s.status))
        return articles, inputs


def _indented(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line for line in text.split("\n"))


def finding_text(findings: list[Finding], compares: dict[str, str], format: str) -> str:
    """The findings as the ``json`` report writes them in its ``findings`` list (each indented, joined by
    ``",\\n"``) or as the ``jsonl`` report writes them (a line each)."""
    return _FINDING_TEXTS[format](_finding_records(findings, compares))


def finding_texts(findings: list[Finding], compares: dict[str, str]) -> tuple[str, str]:
    """Both ``finding_text``s, json and jsonl, from one conversion of each finding: a story's worker renders them
    for the store's index, so a reused story is copied, not rendered again."""
    records = _finding_records(findings, compares)
    return _FINDING_TEXTS["json"](records), _FINDING_TEXTS["jsonl"](records)


def _finding_records(findings: list[Finding], compares: dict[str, str]) -> list[Any]:
    context = Comparison(articles=[], inputs=[], findings=[], compares=compares)
    return [plain(_finding(f, context)) for f in findings]


_FINDING_TEXTS = {
    "json": lambda records: ",\n".join(_indented(json_dumps(r, ensure_ascii=False, indent=2, allow_nan=False), 4)
                                       for r in records),
    "jsonl": lambda records: "".join(json_dumps(r, ensure_ascii=False) + "\n" for r in records),
}


class CompareJson(_Writer):
    """``render_json`` of the whole run, findings spooled as each story finishes."""

    def __init__(self, out: IO[str], rules_files: list[str], compares: dict[str, str]) -> None:
        super().__init__(out, rules_files, compares)
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogateescape")
        self.count = 0

    def add(self, result) -> None:
        super().add(result)
        text = result.texts("json")
        if text is None:
            text = finding_text(result.findings, self.compares, "json")
        if text:
            self.spool.write((",\n" if self.count else "") + text)
            self.count += 1

    def close(self, listing: list[InputStatus], store: dict | None = None) -> None:
        articles, inputs = self._sorted(listing)
        self.out.write("{\n" + _member("articles", [_article(a) for a in articles]) + ",\n")
        if self.count:
            self.out.write('  "findings": [\n')
            self.spool.seek(0)
            while chunk := self.spool.read(1 << 20):
                self.out.write(chunk)
            self.out.write("\n  ],\n")
        else:
            self.out.write('  "findings": [],\n')
        tail = {"inputs": [_input(i) for i in inputs], "rules_files": self.rules_files,
                "unmatched": [dict(u) for u in self._unmatched()]}
        if store is not None:
            tail["store"] = store
        self.out.write(",\n".join(_member(name, value) for name, value in tail.items()) + "\n}\n")
        self.spool.close()


_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False)
# A flat record as the indenting encoder writes it inside the report's top-level list, but by the C encoder (used
# when no indent is asked): its fields separated by a line break and the record's indent.
_RECORD = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",\n      ", ": "))
_SCALARS = {str, int, bool, type(None)}  # exactly these types: what ``plain`` hands back unchanged


def _member(name: str, value: Any) -> str:
    """``"name": value`` as a member of the report's top object (``json_dumps(..., indent=2)``'s bytes).

    A list of flat records (the articles, the inputs: one an article of an
    archive) is written by the C encoder, a record at a time, not by the
    pure-Python indenting encoder, which costs seconds at 100 000 records.
    """
    records = value if isinstance(value, list) and all(type(v) is dict for v in value) else None
    keys: set[type] = set()
    cells: set[type] = set()
    for record in records or ():
        keys.update(map(type, record))
        cells.update(map(type, record.values()))
    if not records or not keys <= {str} or not cells <= _SCALARS:
        return json_dumps({name: plain(value)}, ensure_ascii=False, indent=2, allow_nan=False)[2:-2]
    items = ["    {\n      " + text[1:-1] + "\n    }" if len(text) > 2 else "    {}"
             for text in map(_RECORD.encode, records)]
    return json_safe(f"  {_ENCODER.encode(name)}: [\n" + ",\n".join(items) + "\n  ]")


def _input(status: InputStatus) -> dict[str, Any]:
    """``asdict(status)``, without its deep copy (every field is a scalar)."""
    return {f.name: getattr(status, f.name) for f in _INPUT_FIELDS}


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

    def __init__(self, out: IO[str], rules_files: list[str], compares: dict[str, str], language: str) -> None:
        from .i18n import catalogue

        super().__init__(out, rules_files, compares)
        self.language = language
        self.t = catalogue(language)
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogateescape")
        self.sections = _Lines(self.spool)
        self.parts: list[tuple[str, Comparison]] = []  # light: no quotes, no sides
        self.first: Comparison | None = None  # the one story's whole comparison, while there is only one

    def add(self, result) -> None:
        from .markdown import markdown_story

        super().add(result)
        if not result.articles and not result.findings:
            return  # a story none of whose files could be read: no section, as in render_markdown
        part = story_comparison(result, self.rules_files, self.compares, self.language)
        self.first = part if not self.parts else None
        self.sections.add(markdown_story(result.story, part, self.t))
        light = [replace(f, groups=(), message="", note="") for f in part.findings]
        self.parts.append((result.story, replace(part, findings=light, table=None)))

    def close(self, listing: list[InputStatus], notes: list[str] | tuple[str, ...] = ()) -> None:
        from .markdown import _body, markdown_head, markdown_tail

        articles, inputs = self._sorted(listing)
        several = len({name for name, _ in self.parts if name}) > 1
        findings: list[Finding] = [f for _, part in self.parts for f in part.findings]
        whole = Comparison(articles=articles, inputs=inputs, findings=findings, rules_files=self.rules_files,
                           compares=self.compares, unmatched=self._unmatched(), language=self.language)
        out = _Lines(self.out)
        out.add(markdown_head(whole, self.parts if several else [], self.t, notes))
        if several:
            if self.sections.started:
                self.out.write("\n" * (out.pending + 1))
                self.spool.seek(0)
                while chunk := self.spool.read(1 << 20):
                    self.out.write(chunk)
                out.pending = self.sections.pending
        else:
            only = self.first or Comparison(articles=[], inputs=[], findings=[], table=[], compares=self.compares)
            out.add(_body(only, 2, self.t))
        out.add(markdown_tail(whole, self.t))
        self.out.write("\n")
        self.spool.close()


class FindingsJsonl(_Writer):
    """One finding a line (``render_findings_jsonl``), as each story finishes."""

    def add(self, result) -> None:
        super().add(result)
        text = result.texts("jsonl")
        self.out.write(finding_text(result.findings, self.compares, "jsonl") if text is None else text)

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
            self.out.write(json.dumps(record, ensure_ascii=False) + "\n")  # as report.facts.render_jsonl

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

    def __init__(self, writer: _Writer, listing: list[InputStatus], problems: list[str], facts: set[str],
                 parts: dict[str, list[Finding]]) -> None:
        self.articles, self.inputs = writer._sorted(listing)
        self.rule_problems = problems
        self.facts = facts  # the facts bound in some article (the rules' coverage)
        self.parts = parts  # review parts (shown, known, ...) of every story, findings without their sides

    @property
    def problems(self) -> tuple[InputStatus, ...]:
        return tuple(s for s in self.inputs if not s.ok and s.status != "report")


REVIEW_PARTS = ("shown", "known", "below_severity", "not_selected", "failing")


def write_archive(run, format: str, out, *, compares: dict[str, str] | None = None, facts: bool = False,
                  review=None, sides_reviewed: bool = True, marker: str | None = None, progress=None,
                  lang: str | None = None, notes=None) -> Written:
    """Write ``run``'s report in ``format`` to ``out`` (``outputs.StreamOutput``) as its stories finish.

    Compare formats: json, markdown, jsonl (findings).  Facts formats
    (``facts=True``): jsonl, parquet (the store alone: nothing written), csv
    and json (the whole table at once, as ``extract`` renders it).
    ``review``: findings -> ``review.Review`` (``--select``, ``--min-severity``,
    baseline), applied story by story: a report shows each story's
    ``shown`` findings; the parts are kept, without sides, for the run's review.
    ``marker`` opens the report (Markdown's report marker).  ``notes``: (review
    parts, facts bound) -> the lines the Markdown says before its tables
    (``review.Review.notes``).  ``lang``: the
    Markdown's language (``--lang``); else the rule files' (``i18n.desk_language``,
    decided before the first story is written, so the articles cannot vote).
    """
    from ..checks import compare_kinds
    from .i18n import desk_language

    rules_files = list(run.settings.ruleset.files)
    compares = compares or {}
    problems: list[str] = []
    bound: set[str] = set()
    parts: dict[str, list[Finding]] = {name: [] for name in REVIEW_PARTS}
    held: list = []
    if facts:
        writer: _Writer = FactsJsonl(out, run.settings.per_folder)
    elif format == "json":
        writer = CompareJson(out, rules_files, compares)
    elif format == "markdown":
        writer = CompareMarkdown(out, rules_files, compares,
                                 desk_language(lang, run.settings.ruleset.languages.values()))
    else:
        writer = FindingsJsonl(out, rules_files, compares)
    if marker:
        out.write(marker + "\n")
    total, done = len(run.listed()), 0
    # A stored story's findings were rendered by its worker with the rule set's compare kinds: copied when the
    # report uses the same; its findings without sides serve a review that does not read the sides.
    stored_texts = compares == compare_kinds(run.settings.ruleset.checks)
    for result in run:
        problems.extend(result.problems)
        bound.update(result.facts)
        if not stored_texts and result.texts("json") is not None:
            result = replace(result)  # a copy keeps no stored texts
        if review is not None:
            light = result.light if not sides_reviewed else None
            found = result.findings if light is None else light
            verdict = review(found)
            for name in REVIEW_PARTS:
                chosen = getattr(verdict, name)
                parts[name].extend(chosen if light is not None else
                                   (replace(f, groups=(), message="", note="") for f in chosen))
            if verdict.shown != found:
                # Not the story's whole report: rendered apart (a copy keeps no stored texts); the index keeps it whole.
                kept = {id(f) for f in verdict.shown}
                result = replace(result, findings=[whole for f, whole in zip(found, result.findings) if id(f) in kept])
        if facts and format != "jsonl":
            if format != "parquet":
                held.append(result)
            _Writer.add(writer, result)
        else:
            writer.add(result)
        done += len(result.inputs)
        if progress is not None:
            progress(done, total)
    store = run.summary.as_dict() if run.settings.store is not None else None
    if isinstance(writer, CompareJson):
        writer.close(run.listing, store)
    elif isinstance(writer, CompareMarkdown):
        writer.close(run.listing, notes(parts, bound) if notes is not None else ())
    elif held:
        out.write(_facts_text(held, format, run.settings.per_folder))
    return Written(writer, run.listing, problems, bound, parts)


def _facts_text(results, format: str, per_folder: bool) -> str:
    from ..facts import rows_frame
    from . import facts as render

    rows = [row for r in results for row in (r.rows or ())]
    stories = {a["id"]: r.story for r in results for a in r.articles} if per_folder else None
    table = rows_frame(rows, stories)
    return render.render_csv(table) if format == "csv" else render.render_json(table)
