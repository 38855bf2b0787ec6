"""The HTML report: one self-contained file (no script, no network), pictures where they help.

For each fact with values on a scale (clock times, durations, counts, ranks,
dates), every article's stated interval on one axis (inline SVG): a bar from
low to high (a dot for an exact value, an open end for "plus de"), red when
the finding is a conflict, one marker shape a claimant; the quotes beside
it.  Then a timeline of every stated clock time (and as-of time, when the
facts table has one).  A legend maps each column label to its file.

Every piece of text from an article or a rule file is escaped
(``html.escape``) after control characters are made visible; the page's
Content-Security-Policy forbids every fetch, so even a mistake could load
nothing.
"""

from __future__ import annotations

import html
from datetime import date

from ..checks import table_rows
from ..model import REPORT_MARKER, Finding
from .base import Comparison, article_heads, fact_findings, section_of
from .i18n import Catalogue, report_catalogue
from .table import attributed, fact_label, finding_cells, headline, inert

SCALAR_KINDS = ("time", "duration", "count", "ordinal", "date")
SHAPES = ("circle", "square", "triangle", "diamond", "cross")
WIDTH, LEFT, RIGHT, ROW = 640, 150, 20, 22
CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1100px;
padding:0 1rem;color:#1d1d1f}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
h3{font-size:1.05rem;margin:1.4rem 0 .3rem}.headline{color:#555}.note{background:#fff6d6;padding:.3rem .6rem;
border-left:4px solid #e0b000;margin:.3rem 0}table{border-collapse:collapse;margin:.5rem 0}
th,td{border-bottom:1px solid #e5e5e5;padding:.25rem .6rem;text-align:left;vertical-align:top}
th small{display:block;color:#777;font-weight:normal}.v-conflict{color:#c0152f;font-weight:bold}
.v-agree{color:#1b7f3b}.v-single_source{color:#9a6b00}.v-differs_by_claimant,.v-variant{color:#8a2be2}
.v-superseded{color:#0b6e8a}.fact{display:flex;gap:1.2rem;flex-wrap:wrap;align-items:flex-start}
.fact svg{flex:0 0 auto;background:#fafafa;border:1px solid #eee}.quotes{flex:1 1 320px;margin:0;padding:0}
.quotes li{list-style:none;margin:0 0 .5rem}.quotes blockquote{margin:.1rem 0 0 .8rem;color:#333}
.quotes .conflict{border-left:3px solid #c0152f;padding-left:.4rem}.where{color:#666;font-size:.85rem}
svg text{font:11px system-ui,sans-serif;fill:#333}.mark.conflict{fill:#c0152f;stroke:#c0152f}
.mark.agree{fill:#1b7f3b;stroke:#1b7f3b}.mark.other{fill:#777;stroke:#777}.axis{stroke:#999}
.bar{stroke-width:5;stroke-linecap:round;opacity:.55}.asof{fill:none;stroke:#0b6e8a;stroke-width:2}
footer{margin-top:2rem;color:#777;font-size:.85rem}.scroll{overflow-x:auto;max-width:100%}
"""


def _e(text: object) -> str:
    return html.escape(inert(text), quote=True)


def render_html(comparison: Comparison, *, lang: str | None = None, notes: list[str] | tuple[str, ...] = (),
                version: str | None = None) -> str:
    """The report as one HTML document; same comparison, same bytes."""
    t = report_catalogue(comparison, lang)
    heads = article_heads(comparison)
    rows = table_rows(comparison.table) if comparison.table is not None else []
    if version is None:
        import factcheck

        version = factcheck.__version__
    title = t.f("title", n=len(comparison.articles))
    out = [
        "<!DOCTYPE html>", REPORT_MARKER, f'<html lang="{_e(t.code)}">', "<head>", '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="factcheck">', f"<title>{_e(title)}</title>", f"<style>{CSS}</style>",
        "</head>", "<body>", f"<h1>{_e(title)}</h1>", f'<p class="headline">{_e(headline(comparison, t))}</p>',
    ]
    out += [f'<p class="note">{_e(n)}</p>' for n in notes]
    out += _summary(comparison, heads, t)
    pictured = [f for f in fact_findings(comparison) if _kind(f, rows) in SCALAR_KINDS]
    if pictured:
        out.append(f"<h2>{_e(t['intervals'])}</h2>")
        for finding in pictured:
            out += _fact_section(finding, comparison, rows, heads, t)
    out += _timeline(rows, heads, t)
    out += _legend(heads, t)
    out += [f"<footer>{_e(t.f('generated', version=version))}</footer>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _summary(comparison: Comparison, heads, t: Catalogue) -> list[str]:
    if not comparison.findings:
        return [f"<p>{_e(t['no_finding'])}</p>"]
    head = "".join(f"<th>{_e(h.label)}<small>{_e(t.day(h))}</small></th>" for h in heads.values())
    out = ['<div class="scroll"><table class="summary">', f"<thead><tr><th>{_e(t['fact'])}</th><th>{_e(t['verdict'])}</th>{head}</tr></thead>",
           "<tbody>"]
    for f, row in zip(comparison.findings, finding_cells(comparison, t)):
        status = f.status if section_of(f, comparison) == "fact" else section_of(f, comparison)
        verdict = t.get(f"verdict.{status}", status)
        cells = "".join(f"<td>{_e(cell) or '–'}</td>" for cell in row)
        out.append(f'<tr><td>{_e(fact_label(f, t))}</td><td class="v-{_e(f.status)}">{_e(verdict)}</td>{cells}</tr>')
    return out + ["</tbody>", "</table></div>"]


# --------------------------------------------------------------------------- intervals on one axis


def _kind(finding: Finding, rows) -> str | None:
    return next((r.kind for r in rows if r.fact == finding.fact), None)


def _number(value, kind: str) -> float | None:
    if value is None:
        return None
    if kind == "date":
        try:
            text = str(value)
            parts = text.split("-")
            if len(parts) == 1:
                return float(date(int(parts[0]), 7, 1).toordinal())
            if len(parts) == 2:
                return float(date(int(parts[0]), int(parts[1]), 15).toordinal())
            return float(date.fromisoformat(text[:10]).toordinal())
        except ValueError:
            return None
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


MIN_PAD = {"date": 3.0, "time": 15.0, "duration": 5.0, "ordinal": 1.0}  # axis margin around one value


def _ticks(lo: float, hi: float, kind: str) -> list[float]:
    """Five ticks inside the axis; whole numbers (and each once) for ranks, counts and days."""
    raw = [lo + (hi - lo) * (i + 0.5) / 5 for i in range(5)]
    if kind in ("ordinal", "count", "date") or (hi - lo) > 20:
        raw = sorted({float(round(v)) for v in raw if lo <= round(v) <= hi})
    return raw


def _tick(value: float, kind: str) -> str:
    if kind == "time":
        minutes = int(round(value)) % (24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    if kind == "duration":
        return f"{value:g} min"
    if kind == "date":
        return date.fromordinal(int(value)).isoformat()
    return f"{value:,.0f}".replace(",", "\u202f")


def _matches(row, finding: Finding) -> bool:
    if row.fact != finding.fact:
        return False
    for field in ("fact_key", "claimant"):
        wanted = getattr(finding, field, None)
        if wanted and getattr(row, field, None) not in (wanted,):
            return False
    return True


def _fact_section(finding: Finding, comparison: Comparison, rows, heads, t: Catalogue) -> list[str]:
    kind = _kind(finding, rows) or ""
    side_of = {}
    for n, side in enumerate(finding.groups):
        for article in side.articles:
            side_of.setdefault(article, n)
    points = []
    for row in rows:
        if not _matches(row, finding) or row.article not in side_of:
            continue
        low, high = _number(row.low, kind), _number(row.high, kind)
        if low is None and high is None:
            continue
        points.append((row, low if low is not None else high, high, row.high is None and row.low is not None))
    status = finding.status
    out = [f'<section class="fact" id="{_e(finding.rule)}-{_e(finding.fact)}"><div>',
           f'<h3>{_e(fact_label(finding, t))} <span class="v-{_e(status)}">'
           f'{_e(t.get("verdict." + status, status))}</span></h3>']
    if points:
        out.append(_axis_svg(points, kind, status, heads, t))
    out.append("</div>")
    out += _quotes(finding, heads, t)
    out.append("</section>")
    return out


def _claimant(row) -> str:
    return str(getattr(row, "claimant", None) or row.attribution or "")


def _axis_svg(points, kind: str, status: str, heads, t: Catalogue) -> str:
    values = [p[1] for p in points] + [p[2] for p in points if p[2] is not None]
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.1 or MIN_PAD.get(kind, max(abs(hi) * 0.05, 1.0))
    lo, hi = lo - pad, hi + pad
    span = hi - lo
    claimants = sorted({_claimant(p[0]) for p in points})
    shapes = {c: SHAPES[i % len(SHAPES)] for i, c in enumerate(claimants)}
    height = 40 + ROW * len(points) + (16 * len(claimants) if any(claimants) else 0)

    def x(v: float) -> float:
        return round(LEFT + (v - lo) / span * (WIDTH - LEFT - RIGHT), 1)

    mark = "conflict" if status == "conflict" else "agree" if status == "agree" else "other"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
             f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{_e(t["intervals"])}">']
    axis_y = 20 + ROW * len(points)
    parts.append(f'<line class="axis" x1="{LEFT}" y1="{axis_y}" x2="{WIDTH - RIGHT}" y2="{axis_y}"/>')
    for v in _ticks(lo, hi, kind):
        parts.append(f'<text x="{x(v)}" y="{axis_y + 14}" text-anchor="middle">{_e(_tick(v, kind))}</text>')
    for n, (row, low, high, open_end) in enumerate(sorted(points, key=lambda p: (p[1], p[0].article))):
        y = 20 + ROW * n
        label = heads[row.article].label if row.article in heads else row.article
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4}" text-anchor="end">{_e(_fit(label, 22))}</text>')
        end = x(hi) if open_end else (x(high) if high is not None else None)
        if end is not None and end != x(low):
            parts.append(f'<line class="bar mark {mark}" x1="{x(low)}" y1="{y}" x2="{end}" y2="{y}"/>')
        centre = x(low) if end is None else round((x(low) + end) / 2, 1) if not open_end else x(low)
        parts.append(_shape(shapes[_claimant(row)], centre, y, mark, f"{label}: {row.value}"))
    if any(claimants):
        for i, c in enumerate(claimants):
            y = axis_y + 30 + 16 * i
            who = attributed([c], t) if c else t["unattributed"]
            parts.append(_shape(shapes[c], LEFT, y - 4, "other", who))
            parts.append(f'<text class="claimant" x="{LEFT + 12}" y="{y}">{_e(who)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _fit(label: str, width: int) -> str:
    """A label cut to what the axis' margin holds (the full one is in the legend and the quotes)."""
    return label if len(label) <= width else label[: width - 1] + "…"


def _shape(shape: str, cx: float, cy: float, mark: str, title: str) -> str:
    tip = f"<title>{_e(title)}</title>"
    cls = f'class="mark {mark} point" data-shape="{shape}"'
    if shape == "square":
        return f'<rect {cls} x="{cx - 5}" y="{cy - 5}" width="10" height="10">{tip}</rect>'
    if shape == "triangle":
        return f'<polygon {cls} points="{cx},{cy - 6} {cx - 6},{cy + 5} {cx + 6},{cy + 5}">{tip}</polygon>'
    if shape == "diamond":
        return f'<polygon {cls} points="{cx},{cy - 6} {cx - 6},{cy} {cx},{cy + 6} {cx + 6},{cy}">{tip}</polygon>'
    if shape == "cross":
        return (f'<path {cls} d="M{cx - 5},{cy - 5}L{cx + 5},{cy + 5}M{cx - 5},{cy + 5}L{cx + 5},{cy - 5}" '
                f'stroke-width="3">{tip}</path>')
    return f'<circle {cls} cx="{cx}" cy="{cy}" r="5">{tip}</circle>'


def _quotes(finding: Finding, heads, t: Catalogue) -> list[str]:
    conflict = finding.status == "conflict"
    out = ['<ul class="quotes">']
    for side in finding.groups:
        said = f" — {_e(attributed(side.attributions, t))}" if any(side.attributions) else ""
        for i, article in enumerate(side.articles):
            head = heads.get(article)
            line = side.lines[i] if i < len(side.lines) else 0
            where = (head.path if head else article) + (f":{line}" if line else "")
            quote = side.quotes[i] if i < len(side.quotes) else ""
            cls = ' class="conflict"' if conflict else ""
            out.append(f"<li{cls}><strong>{_e(t.value(side.value))}</strong>{said} · {_e(head.label if head else article)} "
                       f'<span class="where">{_e(where)}</span>'
                       + (f"<blockquote>« {_e(quote)} »</blockquote>" if quote else "") + "</li>")
    return out + ["</ul>"]


# --------------------------------------------------------------------------- timeline


TL_LEFT, TL_RIGHT = 250, 130  # the timeline's margins: who and what on the left, the time said on the right


def _timeline(rows, heads, t: Catalogue) -> list[str]:
    """Every stated clock time (bound to a fact) on one day axis; as-of times as rings; one row a thing said."""
    items: dict[tuple, tuple] = {}
    for r in rows:
        if not r.fact:
            continue
        if r.kind == "time" and isinstance(r.low, (int, float)):
            items.setdefault((float(r.low), "stated", r.article, r.fact, r.value), (float(r.low), "stated", r))
        stamp = getattr(r, "as_of", None)
        if isinstance(stamp, str) and len(stamp) >= 16 and stamp[13] == ":":
            minutes = float(int(stamp[11:13]) * 60 + int(stamp[14:16]))
            items.setdefault((minutes, "as_of", r.article, r.fact, ""), (minutes, "as_of", r))
    if not items:
        return []
    ordered = [items[k] for k in sorted(items, key=lambda k: (k[0], k[2], k[3], k[1], k[4]))]
    values = [v for v, _, _ in ordered]
    lo, hi = (min(values) // 60) * 60, (max(values) // 60 + 1) * 60  # whole hours around what was said
    height = 40 + ROW * len(ordered)

    def x(v: float) -> float:
        return round(TL_LEFT + (v - lo) / (hi - lo) * (WIDTH - TL_LEFT - TL_RIGHT), 1)

    parts = [f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
             f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{_e(t["timeline"])}">']
    axis_y = 20 + ROW * len(ordered)
    parts.append(f'<line class="axis" x1="{TL_LEFT}" y1="{axis_y}" x2="{WIDTH - TL_RIGHT}" y2="{axis_y}"/>')
    step = 60 * max(1, int((hi - lo) / 60 // 6) + 1)
    for v in range(int(lo), int(hi) + 1, step):
        parts.append(f'<text x="{x(v)}" y="{axis_y + 14}" text-anchor="middle">{_e(_tick(v, "time"))}</text>')
    for i, (value, what, row) in enumerate(ordered):
        y = 20 + ROW * i
        label = heads[row.article].label if row.article in heads else row.article
        parts.append(f'<text x="{TL_LEFT - 8}" y="{y + 4}" text-anchor="end">{_e(_fit(label, 18))} · '
                     f'{_e(_fit(row.fact, 18))}</text>')
        kind = t["stated_time"] if what == "stated" else t["as_of_time"]
        tip = f"<title>{_e(label)}: {_e(row.value)} ({_e(kind)})</title>"
        if what == "stated":
            parts.append(f'<circle class="mark other stated" cx="{x(value)}" cy="{y}" r="5">{tip}</circle>')
        else:
            parts.append(f'<circle class="asof" cx="{x(value)}" cy="{y}" r="6">{tip}</circle>')
        said = row.value if what == "stated" else f"{_tick(value, 'time')} ({t['as_of_time']})"
        parts.append(f'<text x="{x(value) + 9}" y="{y + 4}">{_e(said)}</text>')
    parts.append("</svg>")
    return [f"<h2>{_e(t['timeline'])}</h2>", "".join(parts)]


def _legend(heads, t: Catalogue) -> list[str]:
    out = [f"<h2>{_e(t['legend'])}</h2>", '<table class="legend"><tbody>']
    for h in heads.values():
        outlet = h.source or t["source_unknown"]
        out.append(f"<tr><td>{_e(h.label)}</td><td><code>{_e(h.path)}</code></td><td>{_e(outlet)}</td>"
                   f"<td>{_e(t.day(h))}</td></tr>")
    return out + ["</tbody></table>"]
