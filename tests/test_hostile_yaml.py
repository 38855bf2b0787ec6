"""Hostile input, YAML: front matter, sidecars and rule files are bounded before they are built.

50 000 brackets once segfaulted the run (exit 139, no message); a NUL, 3 000
levels or a 4 300-digit integer in a rule file crashed it; 728 bytes of merge
keys took 98 s and 1.9 GB.  Now each is one line naming the file and line.
The deep cases run in a child process: a segfault there must not take the
test run with it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.yamlsafe import MAX_DEPTH, YamlLimit, check, replayed

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
GOOD = "Selon le Kremlin, l'appel a duré 50 minutes.\n"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "factcheck.cli", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def alias_bomb(levels: int = 20) -> str:
    """Each level merges the previous one and lists it nine times: 9**levels nodes from ~1 KB."""
    out = ["story: bomb", "a: &a {x: 1, y: 2}"]
    for i in range(levels):
        prev, name = chr(97 + i), chr(98 + i)
        out.append(f"{name}: &{name} {{<<: *{prev}, m{i}: [{', '.join(['*' + prev] * 9)}]}}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- front matter and sidecar


@pytest.mark.parametrize("where", ["front matter", "sidecar"])
@pytest.mark.parametrize("bracket", ["[", "{a: "])
def test_deep_metadata_is_one_warning_and_the_article_is_still_read(tmp_path, where, bracket):
    deep = bracket * 60_000
    if where == "front matter":
        (tmp_path / "deep.txt").write_text(f"---\ndate: {deep}\n---\nL'appel a duré 45 minutes.\n", encoding="utf-8")
    else:
        (tmp_path / "sources.yaml").write_text(f"deep: {deep}\n", encoding="utf-8")
        (tmp_path / "deep.txt").write_text("L'appel a duré 45 minutes.\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    done = cli("extract", str(tmp_path), "--rules", str(RULES), "--format", "json")
    assert done.returncode == 0, done.stderr[-500:]
    lines = [l for l in done.stderr.strip().splitlines() if "deep.txt" in l]
    expected = "front matter: line 2" if where == "front matter" else "sources.yaml: line 1"
    assert len(lines) == 1 and f"deep.txt: warning: {expected}: nested more than {MAX_DEPTH} levels deep" in lines[0]
    assert "Traceback" not in done.stderr
    rows = json.loads(done.stdout)
    assert {(r["article"], r["low"]) for r in rows if r["fact"] == "call.duration"} == {("deep", 45), ("good", 50)}


@pytest.mark.parametrize("block, said", [
    # Controls are replaced when the text is decoded, before the front matter is read.
    ("date: 2021-12-30\nsource: AFP\x1b[2J\x00\n", "warning: 2 invalid or control characters shown as U+FFFD"),
    ("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)),
     "values once aliases are expanded"),
], ids=["control characters", "alias bomb"])
def test_front_matter_bombs_and_controls_are_one_warning(tmp_path, block, said):
    (tmp_path / "bad.txt").write_text(f"---\n{block}---\nL'appel a duré 45 minutes.\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    started = time.process_time()
    result = run("extract", str(tmp_path), "--rules", str(RULES), "--format", "json")
    assert time.process_time() - started < 10
    assert result.exit_code == 0, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and said in lines[0] and lines[0].startswith(str(tmp_path / "bad.txt")), lines
    assert {r["article"] for r in json.loads(result.stdout)} == {"bad", "good"}


# --------------------------------------------------------------------------- rule files


@pytest.mark.parametrize("name, text, said", [
    ("nul.yaml", "story: x\nfacts:\n  a.b: {kind: \x00time}\n", "nul.yaml:3:15: control character U+0000 is not allowed"),
    ("esc.yaml", "story: x\n# \x1b[2J\n", "esc.yaml:2:3: control character U+001B is not allowed"),
    ("deep.yaml", "story: x\nfacts: " + "[" * 5000 + "\n", f"deep.yaml:2:{7 + MAX_DEPTH}: nested more than {MAX_DEPTH}"),
    ("block.yaml", "story: x\nfacts:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 3001)),
     f"block.yaml:{2 + MAX_DEPTH}:"),
    ("int.yaml", "story: x\nfacts:\n  a.b: {kind: time, bounds: [" + "9" * 5000 + ", 1]}\n",
     "int.yaml:3:30: a number of more than 100 digits"),
    ("bomb.yaml", alias_bomb(), "once aliases are expanded (an alias bomb?)"),
], ids=["NUL", "ESC", "deep flow", "deep block", "huge integer", "merge-key bomb"])
def test_a_hostile_rule_file_is_one_located_error_and_the_others_still_run(tmp_path, name, text, said):
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Selon la Maison Blanche, l'appel a duré 50 minutes.\n", encoding="utf-8")
    started = time.process_time()
    done = cli("compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--rules", str(RULES),
               "--rules", str(tmp_path / name), "--format", "json", "--fail-on", "never")
    assert time.process_time() - started < 10
    assert done.returncode == 2, done.stderr[-500:]
    lines = [l for l in done.stderr.splitlines() if name in l]
    assert len(lines) == 1 and said in lines[0], lines
    assert "Traceback" not in done.stderr
    findings = json.loads(done.stdout)["findings"]
    assert any(f["fact"] == "call.duration" and f["status"] == "agree" for f in findings)


def test_the_shipped_rules_and_ordinary_yaml_pass_the_bounds():
    for path in RULES.glob("*.yaml"):
        check(path.read_text(encoding="utf-8"), yaml.SafeLoader)
    check("a: &x {b: 1}\nc: *x\nd: {<<: *x, e: 2}\n", yaml.SafeLoader)


def test_the_bound_stops_before_building():
    with pytest.raises(YamlLimit) as caught:
        check("x: " + "[" * 200_000, yaml.SafeLoader)
    assert (caught.value.line, caught.value.col) == (1, 3 + MAX_DEPTH)  # the root mapping is a level


@pytest.mark.parametrize("text", [
    *(p.read_text(encoding="utf-8") for p in sorted(RULES.glob("*.yaml"))),
    "a: &x {b: 1}\nc: *x\nd: {<<: *x, e: 2}\n",  # anchors, aliases, a merge key
    "- 2021-12-30\n- 'quoted'\n- |\n  block\n  text\n- 1_000\n",
    "a: *nowhere\n",  # an alias to no anchor: the composer's error
    "a: &x 1\nb: &x 2\nc: *x\n",  # an anchor given twice
    "a: 1\n---\nb: 2\n",  # two documents where one is expected
    "a: 2023-13-01\n",  # a date that is none: the constructor's error
    "",
])
def test_a_rule_file_is_built_from_the_checks_events_as_if_parsed_again(text):
    """The bound check's parse is the load's parse: the same nodes, values, marks and errors."""

    def load(loader):
        try:
            node = loader.get_single_node()
            return ("ok", yaml.serialize(node) if node is not None else None,
                    loader.construct_document(node) if node is not None else None,
                    [(n.start_mark.line, n.start_mark.column) for n in _nodes(node)])
        except (yaml.YAMLError, ValueError) as exc:
            return ("error", str(exc))
        finally:
            loader.dispose()

    assert load(replayed(check(text, yaml.SafeLoader), yaml.SafeLoader)) == load(yaml.SafeLoader(text))


def _nodes(node):
    stack, seen = [node], []
    while stack:
        n = stack.pop()
        if n is None:
            continue
        seen.append(n)
        if isinstance(n, yaml.MappingNode):
            stack.extend(x for kv in n.value for x in kv)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
    return seen


def _tree(node):
    if node is None:
        return None
    where = (node.tag, node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return where + (node.value,)
    if isinstance(node, yaml.SequenceNode):
        return where + tuple(_tree(n) for n in node.value)
    return where + tuple((_tree(k), _tree(v)) for k, v in node.value)


@pytest.mark.parametrize("path", [*sorted(RULES.glob("*.yaml")), *sorted((ROOT / "tests").rglob("*.yaml"))],
                         ids=lambda p: p.name)
def test_libyaml_builds_a_rule_file_as_the_pure_python_loader_does(path):
    """Rule files are read by libyaml: the same nodes, positions (every error's line and column) and data."""
    from factcheck.rules import _built_by_libyaml

    text = path.read_text(encoding="utf-8-sig")
    built = _built_by_libyaml(text)
    loader = yaml.SafeLoader(text)
    node = loader.get_single_node()
    assert built is not None
    assert _tree(built[0]) == _tree(node) and built[1] == loader.construct_document(node)


@pytest.mark.parametrize("text", ["a: *nowhere\n", "a: [1, 2\n", "a: 2023-13-01\n", "x: " + "[" * 50 + "\n",
                                  "a: 1\n---\nb: 2\n", "a: b: c\n"])
def test_a_rule_file_libyaml_refuses_is_left_to_the_pure_python_loader(text):
    from factcheck.rules import _built_by_libyaml

    assert _built_by_libyaml(text) is None
