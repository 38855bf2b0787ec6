"""Reports in the language of the desk (issue 13, item 9): the Markdown, the terminal and the HTML speak
French for a French story and English when asked, every label from one catalogue a language
(report/i18n/fr.py, en.py); the checks' notes are said in the desk's words; one function decides the
language (``i18n.desk_language``) and every renderer asks it the same way."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.pipeline import compare
from factcheck.report.i18n import catalogue, desk_language
from factcheck.report.i18n import en as EN
from factcheck.report.i18n import fr as FR
from factcheck.report.markdown import render_markdown

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
RULES = str(ROOT / "rules")
CORPORA = ROOT.parent / "shared" / "corpora"


@pytest.fixture(scope="module")
def seeds():
    return compare(str(SEEDS), rules=RULES)


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "FORCE_COLOR": None, "COLUMNS": "100"})


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _fragments(labels: dict[str, str], other: dict[str, str]) -> set[str]:
    """The words of one catalogue's labels that the other language never writes ("according to", "Agreements")."""
    said = re.sub(r"\{\w+\}", " ", " ".join(other.values())).lower()
    out = set()
    for key, template in labels.items():
        if template == other.get(key):
            continue
        for part in re.split(r"\{\w+\}|[():;·—,.+«»“”\"]", template):
            part = part.strip()
            if len(part) >= 5 and re.search(r"[a-zA-Z]{3}", part) and part.lower() not in said:
                out.add(part)
    return out


def _label_lines(markdown: str, seeds) -> str:
    """The report without what the articles and the rule file wrote: quotes, the rules' messages, fact ids."""
    messages = {f.message for f in seeds.findings}
    shown = "\n".join(line for line in markdown.splitlines() if not line.startswith(">") and line not in messages)
    for fact in sorted({f.fact for f in seeds.findings}, key=len, reverse=True):
        shown = shown.replace(fact.replace("_", "\\_"), "").replace(fact, "")
    return shown


def test_french_and_english_catalogues_have_the_same_keys_and_fields():
    assert set(FR.LABELS) == set(EN.LABELS)
    for key in EN.LABELS:
        assert _fields(FR.LABELS[key]) == _fields(EN.LABELS[key]), key


def test_a_french_desk_reads_the_seeds_in_french_throughout(seeds):
    markdown = render_markdown(seeds.comparison)  # the rule file says `language: fr`
    english = _fragments(EN.LABELS, FR.LABELS)
    assert {"according to", "Agreements", "Single-source facts", "planned", "suggest"} <= english
    shown = _label_lines(markdown, seeds)
    assert [word for word in english if word in shown] == []
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings == ["# 1 contradiction dans 5 articles", "## Contradictions", "### call.start\\_time (FC102, erreur)",
                        "## Concordances", "## Faits de source unique", "## Variantes orthographiques",
                        "### person:riabkov (FC001, avertissement)", "### person:zelenski (FC001, avertissement)",
                        "## Sources"]
    # the conflict as a French editor reads it: modality, attribution, line, the checks' note
    assert "*prévu / effectif*" in markdown
    assert "**20:30 UTC** · prévu · selon la Maison Blanche · 1 article" in markdown
    assert "— 002\\_8fbd7013e4acd58c, ligne 5" in markdown
    assert "*variantes orthographiques : Riabkov (1), Ryabkov (1) ; graphie suggérée : Riabkov*" in markdown
    assert "| fait | verdict |" in markdown and "| call.start\\_time | **contradiction** |" in markdown


def test_an_english_desk_reads_the_seeds_in_english(seeds):
    markdown = render_markdown(seeds.comparison, lang="en")
    french = _fragments(FR.LABELS, EN.LABELS)
    assert {"selon", "Concordances", "graphie suggérée"} <= french
    shown = _label_lines(markdown, seeds)
    # "selon" may only be an article's own attribution; none of the seeds' attributions says it
    assert [word for word in french if word in shown] == []
    assert "**20:30 UTC** · planned · according to la Maison Blanche · 1 article" in markdown
    assert "*planned versus actual*" in markdown and "## Single-source facts" in markdown


def test_the_command_line_and_the_archive_stream_speak_the_same_language(tmp_path):
    default = run("compare", str(SEEDS), "--rules", RULES, "-f", "md", "--fail-on", "never")
    english = run("compare", str(SEEDS), "--rules", RULES, "-f", "md", "--fail-on", "never", "--lang", "en")
    assert "# 1 contradiction dans 5 articles" in default.stdout and "# 1 conflict across 5 articles" in english.stdout
    # archive runs write the Markdown story by story (report/stream.py): same words, same bytes
    for lang, stdout in (("fr", default.stdout), ("en", english.stdout)):
        out = tmp_path / f"seeds-{lang}.md"
        args = ["compare", str(SEEDS), "--rules", RULES, "--store", str(tmp_path / "store"), "-o", str(out),
                "--fail-on", "never"] + (["--lang", "en"] if lang == "en" else [])
        assert run(*args).exit_code == 0
        assert out.read_text(encoding="utf-8") == stdout


def test_the_terminal_and_html_follow_the_same_language(seeds):
    from factcheck.report.html import render_html
    from factcheck.report.table import render_table

    terminal = render_table(seeds.comparison, width=100)
    assert "Contradictions" in terminal and "(FC102, erreur) — " in terminal and "(prévu / effectif)" in terminal
    assert "Légende" in render_html(seeds.comparison)
    assert "Legend" in render_table(seeds.comparison, width=100, lang="en") and "planned versus actual" in \
        render_table(seeds.comparison, width=100, lang="en")


def test_one_function_decides_the_language(tmp_path):
    assert desk_language("en", ["fr"], ["fr"]) == "en"  # --lang (or the config's lang) first
    assert desk_language(None, ["any", "fr"], ["en"]) == "fr"  # then the first story rule file's
    assert desk_language(None, ["any"], ["en", "en", "fr"]) == "en"  # then what most articles are in
    assert desk_language(None, ["any", "de"], ["de"]) == "en"  # no catalogue: English
    # a story written in English rules gives an English report of the same articles
    rule = (ROOT / "rules" / "biden-putin-call-2021.yaml").read_text(encoding="utf-8")
    english_rules = tmp_path / "call-en.yaml"
    english_rules.write_text(re.sub(r"(?m)^language: fr$", "language: en", rule), encoding="utf-8")
    result = compare(str(SEEDS), rules=str(english_rules))
    assert result.comparison.language == "en"
    assert render_markdown(result.comparison).startswith("# 1 conflict across 5 articles")
    # only the shared checks (language: any): the articles' language
    assert compare(str(SEEDS), rules=str(ROOT / "rules" / "common.yaml")).comparison.language == "fr"


STORIES = sorted(p for p in CORPORA.glob("*") if (p / "gold.yaml").is_file()) if CORPORA.is_dir() else []


@pytest.mark.skipif(not STORIES, reason=f"the development stories are not beside the repository ({CORPORA})")
def test_every_note_the_checks_write_on_the_stories_is_said_in_french():
    t = catalogue("fr")
    english = sorted(_fragments({k: v for k, v in EN.LABELS.items() if k.startswith("note.")}, FR.LABELS)
                     | {"versus", "no claimant"})
    results = [compare(str(story), rules=RULES) for story in [SEEDS, *STORIES]]
    notes = {f.note for result in results for f in result.findings if f.note}
    assert len(notes) >= 10  # planned/actual, claimants, revisions, spelling, roles ...
    left = {note: t.note(note) for note in notes if any(word in t.note(note) for word in english)}
    assert left == {}
    # and each story's whole Markdown report reads French, inferred dates included
    labels = _fragments(EN.LABELS, FR.LABELS)
    for story, result in zip([SEEDS, *STORIES], results):
        shown = _label_lines(render_markdown(result.comparison), result)
        assert (story.name, [word for word in labels if word in shown]) == (story.name, [])
    video_call = render_markdown(results[1].comparison)
    assert ", déduite)" in video_call and "inferred" not in video_call


def test_a_note_phrase_no_catalogue_knows_is_shown_as_written():
    t = catalogue("fr")
    assert t.note("planned versus actual; a phrase of tomorrow") == "prévu / effectif ; a phrase of tomorrow"
    assert t.note("according to selon la CGT versus la police") == "selon la CGT / selon la police"
    assert catalogue("en").note("planned versus actual") == "planned versus actual"


def test_a_french_desks_ci_annotations_summary_and_sarif_speak_french(tmp_path, monkeypatch):
    import json
    import shutil

    corpus = tmp_path / "articles"
    shutil.copytree(SEEDS, corpus)
    (corpus / "new.txt").write_text("L'appel entre Joe Biden et Vladimir Poutine a duré 45 minutes, selon la "
                                    "Maison Blanche.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    sarif = tmp_path / "f.sarif"
    done = CliRunner().invoke(app, ["ci", "articles", "--new", "articles/new.txt", "--rules", RULES, "--sarif",
                                    str(sarif)], env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": None})
    assert done.exit_code == 1
    annotation = next(line for line in done.stdout.splitlines() if line.startswith("::error"))
    assert annotation.startswith("::error file=articles/new.txt,line=1::call.duration (FC103, erreur): "
                                 "cet article écrit 45 min ; articles/003_5304680d689b3a2e.txt:6 écrit ")
    assert "### Nouvelles contradictions" in done.stdout and "(nouveaux articles seulement)" in done.stdout
    assert "**Échoue** (`--fail-on error`) : 1 nouvelle contradiction au niveau error ou au-dessus." in done.stdout
    message = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"][0]["message"]["text"]
    assert "cet article écrit 45 min" in message and " says " not in message
    english = CliRunner().invoke(app, ["ci", "articles", "--new", "articles/new.txt", "--rules", RULES, "--lang",
                                       "en"], env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": None})
    assert "this article says 45 min; articles/003_5304680d689b3a2e.txt:6 says " in english.stdout


def test_ci_reads_the_desks_config_like_compare(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(SEEDS, tmp_path / "articles")
    (tmp_path / "articles" / "new.txt").write_text("L'appel entre Joe Biden et Vladimir Poutine a duré 45 minutes.\n",
                                                   encoding="utf-8")
    (tmp_path / "factcheck.toml").write_text(f'lang = "en"\nfail-on = "never"\nrules = ["{RULES}"]\n',
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["ci", "articles", "--new", "articles/new.txt"],
                              env={"GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": None})
    assert done.exit_code == 0  # fail-on = "never" from the config
    assert done.stdout.startswith("## factcheck: what the new articles change\n")  # lang = "en"
    assert "**Passes**: `--fail-on never`." in done.stdout
    loud = CliRunner().invoke(app, ["ci", "articles", "--new", "articles/new.txt", "--fail-on", "error", "--lang", "fr"],
                              env={"GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": None})
    assert loud.exit_code == 1 and "**Échoue**" in loud.stdout  # the command line wins


def test_a_paired_time_that_does_not_hold_reads_french(tmp_path):
    (tmp_path / "a.txt").write_text("Selon la Maison Blanche, l'appel aura lieu à 15h30 HE (21h05 GMT).\n",
                                    encoding="utf-8")
    result = compare(str(tmp_path), rules=RULES)
    french, english = render_markdown(result.comparison), render_markdown(result.comparison, lang="en")
    assert "## Heures appariées" in french and "**21:05 UTC (donnée)** · prévu" in french
    assert "**15h30 HE = 20:30 UTC**" in french and "**15h30 HE = 20:30 UTC**" in english  # the zone as stated, once
    assert " correspond à 20:30 UTC, pas à 21:05*" in french and " local" not in french.replace("locale", "")
    assert "**21:05 UTC stated** · planned" in english and " is 20:30 UTC, not 21:05*" in english
