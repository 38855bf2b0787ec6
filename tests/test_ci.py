"""``factcheck ci``: real git repositories in temporary folders, the real CLI.

Every repository holds the seed articles under ``articles/`` in a first
commit; each test then adds articles and asks what they change.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import ci as ci_lib
from factcheck.articles import load_corpus
from factcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
RULES = str(ROOT / "rules")

CONFLICTING = (
    "L'appel entre Joe Biden et Vladimir Poutine a commencé à 15h50 (20h50 GMT) "
    "et a duré 45 minutes, selon la Maison Blanche.\n"
)
AGREEING = (
    "date 2021-12-30 L'échange téléphonique entre Joe Biden et Vladimir Poutine, "
    "le deuxième en moins d'un mois, a duré 50 minutes.\n"
    "Des pourparlers entre responsables américains et russes auront lieu à Genève le 10 janvier.\n"
)
# Only a warning-level conflict: the call's rank (FC104).
THIRD_CALL = "Cet appel entre Joe Biden et Vladimir Poutine, le troisième en moins d'un mois, a eu lieu jeudi.\n"


def paired(minute: int) -> str:
    """An article whose paired time does not hold together (FC003), its own conflict each."""
    return f"Selon la Maison Blanche, l'appel aura lieu à 15h30 HE (21h{minute:02d} GMT).\n"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    """No CI variables from the outside; git isolated from the user's configuration."""
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Desk")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "desk@example.org")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def make_repo(path: Path) -> Path:
    """A repository with the seeds committed under articles/ and tagged ``base``."""
    (path / "articles").mkdir(parents=True)
    for f in sorted(SEEDS.iterdir()):
        shutil.copy(f, path / "articles" / f.name)
    git(path, "init", "-q")
    git(path, "add", "articles")
    git(path, "commit", "-q", "-m", "seeds")
    git(path, "tag", "base")
    return path


def add(repo: Path, files: dict[str, str], message: str = "new articles") -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", *files)
    git(repo, "commit", "-q", "-m", message)


def run_ci(repo: Path, monkeypatch, *args: str, env: dict[str, str] | None = None):
    monkeypatch.chdir(repo)
    return CliRunner().invoke(app, ["ci", *args, "--lang", "en"], env=env or {})  # an English desk: see test_ux_language


def annotation_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith("::")]


@pytest.fixture
def repo(tmp_path) -> Path:
    return make_repo(tmp_path / "desk")


# --------------------------------------------------------------------------- the two cases of the issue


def test_a_conflicting_article_fails_with_annotations_summary_json_and_sarif(repo, tmp_path, monkeypatch):
    add(repo, {"articles/new.txt": CONFLICTING})
    step_summary = tmp_path / "step_summary.md"
    step_summary.write_text("earlier step\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_ci(
        repo, monkeypatch, "articles", "--since", "HEAD~1", "--rules", RULES,
        "--json", str(out / "factcheck.json"), "--sarif", str(out / "factcheck.sarif"),
        env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(step_summary)},
    )
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stderr == ""

    # One annotation per new conflict, pinned to the new article's quote.
    notes = annotation_lines(result.stdout)
    assert len(notes) == 2
    assert all(n.startswith("::error file=articles/new.txt,line=1::") for n in notes)
    assert {n.split("::")[2].split(" ")[0] for n in notes} == {"call.duration", "call.start_time"}
    duration = next(n for n in notes if "call.duration" in n)
    assert "this article says 45 min" in duration
    assert "articles/003_5304680d689b3a2e.txt:6 says 50 min" in duration

    # The summary is appended where GITHUB_STEP_SUMMARY points, new conflicts first.
    summary = step_summary.read_text(encoding="utf-8")
    assert summary.startswith("earlier step\n## factcheck: what the new articles change\n")
    assert "| `articles/new.txt` | added |" in summary
    assert "**Fails** (`--fail-on error`): 2 new conflicts" in summary
    conflicts = summary.index("### New conflicts")
    assert conflicts < summary.index("### Facts they are silent on")
    assert "#### call.duration · FC103 · error" in summary
    assert "#### call.start\\_time · FC102 · error" in summary
    # Both sides in their own words, with file and line.
    assert "`articles/new.txt:1` **new**: 45 min" in summary
    assert "> L'appel entre Joe Biden et Vladimir Poutine a commencé à 15h50 (20h50 GMT)" in summary
    assert "`articles/003_5304680d689b3a2e.txt:6`" in summary
    assert "> Leur entretien a duré 50 minutes." in summary
    assert "`articles/001_be5ea4c1b4f5cbc6.txt:2`: 20:35 UTC" in summary
    # The log gets one line, not the whole summary again.
    assert "factcheck ci: 1 new article; 2 new conflicts" in result.stdout

    data = json.loads((out / "factcheck.json").read_text(encoding="utf-8"))
    assert data["schema"] == "factcheck-ci/1"
    assert data["since"] == "HEAD~1"
    assert data["fails"] is True
    assert data["new_articles"] == [{"id": "new", "path": "articles/new.txt", "change": "added"}]
    assert sorted(f["fact"] for f in data["introduced"]) == ["call.duration", "call.start_time"]
    for finding in data["introduced"]:
        new_sides = [s for s in finding["sides"] if s["new_only"]]
        assert len(new_sides) == 1
        [mine] = new_sides[0]["statements"]
        assert (mine["path"], mine["line"], mine["new"]) == ("articles/new.txt", 1, True)
        assert any(st["path"].startswith("articles/00") for s in finding["sides"] for st in s["statements"])
    assert data["annotations"] == {"cap": 10, "annotated": 2, "not_annotated": 0}

    sarif = json.loads((out / "factcheck.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and "sarif" in sarif["$schema"]
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["name"] == "factcheck"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert set(rules) == {"FC102", "FC103"}
    assert all(r["shortDescription"]["text"] for r in rules.values())
    assert sorted(r["ruleId"] for r in run["results"]) == ["FC102", "FC103"]
    for r in run["results"]:
        assert r["level"] == "error"
        assert r["message"]["text"]
        location = r["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "articles/new.txt"
        assert location["region"]["startLine"] == 1
        assert all(rel["physicalLocation"]["artifactLocation"]["uri"].startswith("articles/00")
                   for rel in r["relatedLocations"])


def test_an_agreeing_article_passes_and_shows_what_it_confirms(repo, tmp_path, monkeypatch):
    add(repo, {"articles/agence.txt": AGREEING})
    step_summary = tmp_path / "summary.md"
    out = tmp_path / "report.json"
    result = run_ci(repo, monkeypatch, "articles", "--since", "HEAD~1", "--rules", RULES, "--json", str(out),
                    env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(step_summary)})
    assert result.exit_code == 0, result.stdout + result.stderr
    assert annotation_lines(result.stdout) == []
    summary = step_summary.read_text(encoding="utf-8")
    assert "**Passes** (`--fail-on error`)" in summary
    assert "### New conflicts" not in summary
    confirmed = summary[summary.index("### Facts they confirm"):]
    for fact in ("call.duration", "call.rank", "talks.place", "talks.date"):
        assert f"| {fact} |" in confirmed
    assert "`articles/agence.txt:1` (new)" in confirmed
    assert "`articles/agence.txt:2` (new)" in confirmed
    # The conflicts the seeds already had are counted, not blamed on the new article.
    assert "### Existing conflicts without them" in summary
    assert "call.start\\_time (FC102, error)" in summary

    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["fails"] is False and data["introduced"] == []
    assert {"call.duration", "call.rank", "talks.place", "talks.date"} <= {f["fact"] for f in data["confirmed"]}
    assert "call.start_time" in {f["fact"] for f in data["existing"]}


# --------------------------------------------------------------------------- settings


def test_min_severity_and_fail_on_are_separate(repo, tmp_path, monkeypatch):
    add(repo, {"articles/rang.txt": THIRD_CALL})
    actions = {"GITHUB_ACTIONS": "true"}

    default = run_ci(repo, monkeypatch, "articles", "--since", "HEAD~1", "--rules", RULES, env=actions)
    assert default.exit_code == 0, default.stdout + default.stderr
    [note] = annotation_lines(default.stdout)
    assert note.startswith("::warning file=articles/rang.txt,line=1::call.rank (FC104, warning)")

    strict = run_ci(repo, monkeypatch, "articles", "--since", "HEAD~1", "--rules", RULES, "--fail-on", "warning",
                    env=actions)
    assert strict.exit_code == 1

    # Hidden from view, still failing: what is shown and what fails are two settings.
    summary = tmp_path / "s.md"
    hidden = run_ci(repo, monkeypatch, "articles", "--since", "HEAD~1", "--rules", RULES, "--fail-on", "warning",
                    "--min-severity", "error", "--summary", str(summary), env=actions)
    assert hidden.exit_code == 1
    assert annotation_lines(hidden.stdout) == []
    text = summary.read_text(encoding="utf-8")
    assert "| New conflicts | 0 | 1 |" in text
    assert "below `--min-severity error`" in text
    assert "**Fails** (`--fail-on warning`): 1 new conflict" in text

    never = run_ci(repo, monkeypatch, "articles", "--since", "HEAD~1", "--rules", RULES, "--fail-on", "never",
                   env=actions)
    assert never.exit_code == 0
    assert len(annotation_lines(never.stdout)) == 1

    # Outside GitHub Actions, no workflow commands; the summary goes to stdout.
    local = run_ci(repo, monkeypatch, "articles", "--since", "HEAD~1", "--rules", RULES)
    assert annotation_lines(local.stdout) == []
    assert local.stdout.startswith("## factcheck: what the new articles change")


def test_annotations_are_capped_and_the_rest_counted(repo, tmp_path, monkeypatch):
    add(repo, {f"articles/n{i:02d}.txt": paired(i) for i in range(1, 13)})
    step_summary = tmp_path / "summary.md"
    out = tmp_path / "o"
    result = run_ci(repo, monkeypatch, "articles", "--since", "base", "--rules", RULES,
                    "--json", str(out / "r.json"), "--sarif", str(out / "r.sarif"),
                    env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(step_summary)})
    assert result.exit_code == 1
    data = json.loads((out / "r.json").read_text(encoding="utf-8"))
    introduced = len(data["introduced"])
    assert introduced == 13  # 12 paired times that do not hold, and the start times among themselves
    notes = annotation_lines(result.stdout)
    assert len(notes) == 10
    assert data["annotations"] == {"cap": 10, "annotated": 10, "not_annotated": 3}
    summary = step_summary.read_text(encoding="utf-8")
    assert "the first 10 new conflicts are annotated" in summary
    assert "3 more new conflicts are listed here only" in summary
    assert summary.count("#### ") == 13
    sarif = json.loads((out / "r.sarif").read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == 13  # SARIF is not capped


def _outputs(repo: Path, tmp_path: Path, monkeypatch, *args: str) -> dict[str, bytes]:
    out = tmp_path / f"out-{repo.name}"
    step_summary = out / "step.md"
    out.mkdir()
    result = run_ci(repo, monkeypatch, *args, "--rules", RULES, "--json", str(out / "r.json"),
                    "--sarif", str(out / "r.sarif"), "--summary", str(out / "s.md"),
                    env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(step_summary)})
    assert result.exit_code == 1, result.stderr
    return {
        "stdout": result.stdout.encode(), "stderr": result.stderr.encode(),
        **{p.name: p.read_bytes() for p in sorted(out.iterdir())},
    }


def test_output_does_not_depend_on_the_order_git_lists_files(tmp_path, monkeypatch):
    files = {f"articles/n{i:02d}.txt": paired(i) for i in range(1, 13)}
    files["articles/new.txt"] = CONFLICTING
    names = sorted(files)

    one = make_repo(tmp_path / "one")
    add(one, {n: files[n] for n in names}, "all at once")

    other = make_repo(tmp_path / "other")
    for n in reversed(names):  # created and committed one by one, in the other order
        add(other, {n: files[n]}, f"add {n}")

    a = _outputs(one, tmp_path, monkeypatch, "articles", "--since", "base")
    b = _outputs(other, tmp_path, monkeypatch, "articles", "--since", "base")
    assert set(a) == {"stdout", "stderr", "r.json", "r.sarif", "s.md", "step.md"}
    for key in a:
        assert a[key] == b[key], key

    # --new in two orders gives the same bytes as well.
    new_args = [arg for n in names for arg in ("--new", n)]
    reversed_args = [arg for n in reversed(names) for arg in ("--new", n)]
    monkeypatch.chdir(one)
    first = CliRunner().invoke(app, ["ci", "articles", *new_args, "--rules", RULES, "--lang", "en"],
                               env={"GITHUB_ACTIONS": "true"})
    second = CliRunner().invoke(app, ["ci", "articles", *reversed_args, "--rules", RULES, "--lang", "en"],
                                env={"GITHUB_ACTIONS": "true"})
    assert first.exit_code == second.exit_code == 1
    assert first.stdout == second.stdout
    # ... and, up to the words "since base" and the change labels, the same findings as --since.
    assert annotation_lines(first.stdout) == annotation_lines(a["stdout"].decode())


def test_taking_a_side_in_an_existing_conflict_is_not_a_new_conflict(repo, tmp_path, monkeypatch):
    side = "L'appel entre Joe Biden et Vladimir Poutine a commencé à 15h35 (20h35 GMT), selon la Maison Blanche.\n"
    add(repo, {"articles/side.txt": side})
    out = tmp_path / "r.json"
    result = run_ci(repo, monkeypatch, "articles", "--since", "HEAD~1", "--rules", RULES, "--json", str(out),
                    env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 0, result.stdout + result.stderr
    assert annotation_lines(result.stdout) == []
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["introduced"] == []
    [joined] = data["joined"]
    assert joined["fact"] == "call.start_time"
    mine = [s for s in joined["sides"] if any(st["new"] for st in s["statements"])]
    assert [sorted(st["path"] for st in s["statements"]) for s in mine] == [
        ["articles/001_be5ea4c1b4f5cbc6.txt", "articles/side.txt"]
    ]
    assert "### Existing conflicts they take a side in" in result.stdout


def test_facts_only_the_new_articles_state(monkeypatch):
    # Without git: the seeds, 000 taken as new; it alone gives the day of the call.  The seeds' rules are
    # French, so is the summary (a French desk), unless --lang en.
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["ci", "seeds", "--new", "seeds/000_b5fe129bdbb88210.txt", "--rules", RULES,
                                      "--fail-on", "never"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("## factcheck : ce que changent les nouveaux articles\n\n"
                                    "1 nouvel article, face à tout le corpus (5 articles) :\n")
    only = result.stdout[result.stdout.index("### Faits qu'ils sont seuls à donner"):]
    assert "| fait | règle | valeur | donné par |" in only
    assert "| call.date | FC101 | 2021-12-30 | `seeds/000_b5fe129bdbb88210.txt:3` |" in only
    assert "| `seeds/000_b5fe129bdbb88210.txt` | donné |" in result.stdout
    assert "**Réussit** : `--fail-on never`." in result.stdout
    english = CliRunner().invoke(app, ["ci", "seeds", "--new", "seeds/000_b5fe129bdbb88210.txt", "--rules", RULES,
                                       "--fail-on", "never", "--lang", "en"]).stdout
    only = english[english.index("### Facts only they state"):]
    assert "| call.date | FC101 | 2021-12-30 | `seeds/000_b5fe129bdbb88210.txt:3` |" in only
    assert "| `seeds/000_b5fe129bdbb88210.txt` | given |" in english


# --------------------------------------------------------------------------- what counts as new


def test_renamed_deleted_untracked_and_uncommitted_files(repo, tmp_path, monkeypatch):
    articles = repo / "articles"
    add(repo, {"drafts/brouillon.txt": CONFLICTING}, "a draft, outside the corpus")
    git(repo, "tag", "-f", "base")
    git(repo, "mv", "drafts/brouillon.txt", "articles/brouillon.txt")  # moved into the story: new
    git(repo, "mv", "articles/004_da5276596bc833a2.txt", "articles/dépêche 004.txt")  # content unchanged
    git(repo, "rm", "-q", "articles/000_b5fe129bdbb88210.txt")
    (repo / "archive").mkdir()
    git(repo, "mv", "articles/003_5304680d689b3a2e.txt", "archive/003.txt")  # moved out of the story
    text = (articles / "001_be5ea4c1b4f5cbc6.txt").read_text(encoding="utf-8")
    git(repo, "mv", "articles/001_be5ea4c1b4f5cbc6.txt", "articles/001_maj.txt")
    (articles / "001_maj.txt").write_text(text + "\nMise à jour : l'appel a duré 50 minutes.\n", encoding="utf-8")
    git(repo, "add", "articles")
    git(repo, "commit", "-q", "-m", "rename, delete, update")
    # Not committed: a modified tracked file, a staged new file, an untracked one, an ignored one.
    with open(articles / "002_8fbd7013e4acd58c.txt", "a", encoding="utf-8") as handle:
        handle.write("\nL'entretien a duré 50 minutes.\n")
    # Each its own text: a byte-identical copy would be read once (a copy is not a second source).
    (articles / "staged.txt").write_text(AGREEING + "Version indexée.\n", encoding="utf-8")
    git(repo, "add", "articles/staged.txt")
    (articles / "untracked.txt").write_text(AGREEING + "Version non suivie.\n", encoding="utf-8")
    (repo / ".gitignore").write_text("ignored.txt\n", encoding="utf-8")
    (articles / "ignored.txt").write_text(AGREEING, encoding="utf-8")

    changes = {c.path: c for c in ci_lib.changes_since(repo, "base")}
    assert changes["articles/brouillon.txt"].unchanged
    assert changes["articles/dépêche 004.txt"].unchanged
    assert changes["articles/dépêche 004.txt"].old_path == "articles/004_da5276596bc833a2.txt"
    assert changes["articles/000_b5fe129bdbb88210.txt"].status == "deleted"
    assert changes["articles/001_maj.txt"].label == "renamed from articles/001_be5ea4c1b4f5cbc6.txt"
    assert changes["articles/002_8fbd7013e4acd58c.txt"].status == "modified"
    assert changes["articles/staged.txt"].status == "added"
    assert changes["articles/untracked.txt"].status == "untracked"
    assert "articles/ignored.txt" not in changes

    corpus = load_corpus([articles])
    new = ci_lib.new_articles_since(repo, "base", corpus, [articles])
    assert [os.path.relpath(p, repo).replace(os.sep, "/") for p in new] == [
        "articles/001_maj.txt", "articles/002_8fbd7013e4acd58c.txt", "articles/brouillon.txt", "articles/staged.txt",
        "articles/untracked.txt",
    ]

    out = tmp_path / "r.json"
    summary = tmp_path / "s.md"
    monkeypatch.chdir(articles)  # the command works from any folder of the repository
    result = CliRunner().invoke(app, ["ci", ".", "--since", "base", "--rules", RULES, "--fail-on", "never",
                                      "--json", str(out), "--summary", str(summary), "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [(a["path"], a["change"]) for a in data["new_articles"]] == [
        ("articles/001_maj.txt", "renamed from articles/001_be5ea4c1b4f5cbc6.txt"),
        ("articles/002_8fbd7013e4acd58c.txt", "modified"),
        ("articles/brouillon.txt", "renamed from drafts/brouillon.txt"),
        ("articles/staged.txt", "added"),
        ("articles/untracked.txt", "untracked"),
    ]
    assert data["renamed_unchanged"] == [
        {"from": "articles/004_da5276596bc833a2.txt", "to": "articles/dépêche 004.txt"}
    ]
    assert data["deleted"] == ["articles/000_b5fe129bdbb88210.txt", "articles/003_5304680d689b3a2e.txt"]
    text = summary.read_text(encoding="utf-8")
    assert ("Renamed without changes (not new): "
            "`articles/004_da5276596bc833a2.txt` → `articles/dépêche 004.txt`.") in text
    assert ("Deleted or moved out of the corpus (not compared): "
            "`articles/000_b5fe129bdbb88210.txt`, `articles/003_5304680d689b3a2e.txt`.") in text


def test_nothing_new_passes(repo, monkeypatch):
    git(repo, "commit", "-q", "--allow-empty", "-m", "nothing")
    result = run_ci(repo, monkeypatch, "articles", "--since", "HEAD~1", "--rules", RULES)
    assert result.exit_code == 0
    assert "No new or changed article in the corpus since `HEAD~1` (5 articles read)" in result.stdout


def test_new_works_outside_git_with_paths_relative_to_the_current_folder(tmp_path, monkeypatch):
    folder = tmp_path / "plain"
    shutil.copytree(SEEDS, folder / "seeds")
    (folder / "extra").mkdir()
    (folder / "extra" / "new.txt").write_text(CONFLICTING, encoding="utf-8")
    result = run_ci(folder, monkeypatch, "seeds", "--new", "extra/new.txt", "--rules", RULES,
                    env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1, result.stderr
    notes = annotation_lines(result.stdout)
    assert len(notes) == 2 and all(n.startswith("::error file=extra/new.txt,line=1::") for n in notes)


def test_annotation_properties_and_messages_are_escaped():
    assert ci_lib._escape_property("a,b:c%d\n") == "a%2Cb%3Ac%25d%0A"
    assert ci_lib._escape_data("50% :: x\r\ny") == "50%25 :: x%0D%0Ay"


# --------------------------------------------------------------------------- errors: one line, exit 2


def _one_line_error(result, expected: str) -> None:
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stderr.splitlines() == [expected]


def test_bad_ref(repo, monkeypatch):
    _one_line_error(run_ci(repo, monkeypatch, "articles", "--since", "nope", "--rules", RULES),
                    "error: unknown revision 'nope'")
    _one_line_error(run_ci(repo, monkeypatch, "articles", "--since", "--all", "--rules", RULES),
                    "error: unknown revision '--all'")


def test_since_outside_a_git_repository(tmp_path, monkeypatch):
    outside = tmp_path / "outside"
    shutil.copytree(SEEDS, outside)
    _one_line_error(run_ci(tmp_path, monkeypatch, str(outside), "--since", "HEAD~1", "--rules", RULES),
                    f"error: {outside} is not inside a git repository")


def test_new_file_that_does_not_exist(repo, monkeypatch):
    _one_line_error(run_ci(repo, monkeypatch, "articles", "--new", "x.txt", "--rules", RULES),
                    "error: --new file not found: x.txt")


def test_new_file_that_cannot_be_read(repo, monkeypatch):
    (repo / "articles" / "empty.txt").write_text("", encoding="utf-8")
    result = run_ci(repo, monkeypatch, "articles", "--new", "articles/empty.txt", "--rules", RULES)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error: --new file could not be read: articles/empty.txt: ")


def test_since_and_new_together_or_neither(repo, monkeypatch):
    _one_line_error(run_ci(repo, monkeypatch, "articles", "--rules", RULES),
                    "error: give --since GIT_REF or --new FILE")
    _one_line_error(
        run_ci(repo, monkeypatch, "articles", "--since", "HEAD", "--new", "articles/004_da5276596bc833a2.txt",
               "--rules", RULES),
        "error: give either --since or --new, not both",
    )
