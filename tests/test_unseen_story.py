"""A story the project has never seen, with a rule file written from docs/rules.md alone: per-key,
per-claimant verdicts, claimants side by side, a running toll that grows, an earlier occasion left out."""

from __future__ import annotations

import json

from factcheck.pipeline import compare

RULES = """\
story: incendies-gironde-2022-08
language: fr
description: Les incendies de Gironde, août 2022 (surfaces brûlées par commune, évacués).
event:
  name: Reprise de l'incendie de Landiras (10 août 2022)
  date: 2022-08-10
  window: [-1, 5]
  words: ['incendies?', 'feux?', 'pompiers', 'hectares']
other_events:
  - id: juillet
    name: Premier incendie de Landiras (juillet 2022)
    date: 2022-07-12
    cues: ['en juillet', 'premier incendie', 'le mois dernier']
claimants:
  pompiers: ['pompiers', '\\bSDIS\\b']
facts:
  fire.area:
    kind: count
    description: Surface brûlée, en hectares (par commune)
    nouns: ['hectares']
    by: place
    default_key: Gironde
    key_aliases: {Gironde: ['en Gironde', 'dans le département']}
    evolves: grows
    same_time: 2 h
  fire.evacuated:
    kind: count
    description: Personnes évacuées
    nouns: ['personnes', 'habitants']
    cues: ['[ée]vacu']
checks:
  - id: IG101
    fact: fire.area
    compare: interval
    tolerance: 3%
    severity: error
    message: Les sources ne donnent pas la même surface brûlée.
  - id: IG102
    fact: fire.evacuated
    compare: interval
    tolerance: 5%
    severity: warning
    message: Les sources ne donnent pas le même nombre d'évacués.
"""

ARTICLES = {
    "a": ("2022-08-11T08:00:00+02:00",
          "Incendies : le feu a parcouru 6 800 hectares à Hostens et 400 hectares à Belin-Béliet, selon la préfecture. "
          "Les pompiers avancent 7 400 hectares à Hostens. En juillet, le premier incendie avait brûlé 14 000 hectares.\n\n"
          "Quelque 10 000 personnes ont été évacuées.\n"),
    "b": ("2022-08-11T08:30:00+02:00",
          "Feux de forêt en Gironde : la préfecture recense 6 800 hectares brûlés à Hostens. "
          "D'après le SDIS, 7 400 hectares ont brûlé à Hostens.\n\n"
          "Au total, 10 000 habitants ont été évacués.\n"),
    "c": ("2022-08-11T09:00:00+02:00",
          "Incendie : à Hostens, 9 100 hectares sont partis en fumée, selon la préfecture. "
          "Les pompiers luttent toujours.\n"),
    "d": ("2022-08-12T18:00:00+02:00",
          "Incendies en Gironde : selon la préfecture, le feu a désormais détruit 7 400 hectares à Hostens.\n"),
}


def test_a_rule_file_written_from_the_docs_gives_per_key_per_claimant_verdicts(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "incendies.yaml").write_text(RULES, encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, (published, body) in ARTICLES.items():
        (folder / f"{name}.txt").write_text(f"---\ndate: {published}\n---\n{body}", encoding="utf-8")
    result = compare([folder], rules=[rules])
    found = {(f.fact, f.fact_key, f.claimant, f.status): f for f in result.findings}
    verdicts = {k[:4] for k in found}
    # The préfecture's 6 800 at Hostens: a and b agree; c's 9 100 at the same hour is a conflict; d's
    # 7 400 the next evening is the toll grown, not a conflict.
    conflict = found[("fire.area", "Hostens", "autorités", "conflict")]
    assert sorted(sorted(g.articles) for g in conflict.groups) == [["a", "b"], ["c"]]
    # The firemen's 7 400 at Hostens: two articles agree.
    assert sorted(found[("fire.area", "Hostens", "pompiers", "agree")].articles) == ["a", "b"]
    # Préfecture and firemen side by side: never a conflict between the two.
    assert ("fire.area", "Hostens", None, "differs_by_claimant") in verdicts
    # Belin-Béliet has one source; July's 14 000 hectares belong to another occasion.
    assert ("fire.area", "Belin-Béliet", "autorités", "single_source") in verdicts
    assert not any(g.low == 14000 for f in result.findings if f.fact == "fire.area" for g in f.groups)
    # An unkeyed fact: the evacuated agree.
    assert sorted(found[("fire.evacuated", None, None, "agree")].articles) == ["a", "b"]
    # The JSON report carries the key and the claimant of each verdict; only the real conflict fails.
    from factcheck.report.jsonout import render_json

    data = json.loads(render_json(result.comparison))
    conflicts = [(f["fact"], f["fact_key"], f["claimant"]) for f in data["findings"] if f["status"] == "conflict"]
    assert conflicts == [("fire.area", "Hostens", "autorités")]
    assert result.fails("error")
    # Markdown: one table a keyed fact, keys as rows, claimants as columns, the conflict marked.
    from factcheck.report.markdown import render_markdown

    markdown = render_markdown(result.comparison)
    assert "**fire.area**" in markdown and "| clé | autorités | pompiers |" in markdown
    hostens = next(line for line in markdown.splitlines() if line.startswith("| Hostens |"))
    assert "6 800 hectares (2 médias) vs 9 100 hectares (1 média) ⚠" in hostens
    assert "7 400 hectares (2 médias)" in hostens
