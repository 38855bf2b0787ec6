"""Writing outputs: never over an input, parents created, atomic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck import outputs
from factcheck.articles import load_corpus
from factcheck.outputs import OutputError, write_output


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "a.txt"
    path.parent.mkdir()
    path.write_text("Le président a parlé.\n", encoding="utf-8")
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_utf8_with_plain_newlines_and_creates_parents(tmp_path):
    target = tmp_path / "out" / "deep" / "report.md"
    write_output(target, "Durée : 50 minutes\r\nfin\n")
    assert target.read_bytes() == "Durée : 50 minutes\nfin\n".encode("utf-8")
    assert leftovers(target.parent) == []


def test_new_file_gets_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        write_output(tmp_path / "r.json", "{}")
    finally:
        os.umask(old)
    assert (tmp_path / "r.json").stat().st_mode & 0o777 == 0o644


def test_replaces_an_existing_output_keeping_its_permissions(tmp_path):
    target = tmp_path / "r.md"
    target.write_text("old")
    target.chmod(0o640)
    write_output(target, "new")
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("how", ["same path", "relative path", "symlink", "hard link", "article record"])
def test_refuses_to_overwrite_an_input(tmp_path, article, monkeypatch, how):
    inputs: list = [article]
    target: Path | str = article
    if how == "relative path":
        monkeypatch.chdir(tmp_path)
        target = os.path.join("in", ".", "a.txt")
    elif how == "symlink":
        target = tmp_path / "link.md"
        target.symlink_to(article)
    elif how == "hard link":
        target = tmp_path / "hard.md"
        os.link(article, target)
    elif how == "article record":
        inputs = list(load_corpus([article]).articles)
    with pytest.raises(OutputError) as caught:
        write_output(target, "oops", inputs=inputs)
    message = str(caught.value)
    assert "refusing to overwrite the input" in message and "\n" not in message
    assert article.read_text(encoding="utf-8") == "Le président a parlé.\n"


def test_input_given_through_a_symlink_is_protected(tmp_path, article):
    link = tmp_path / "alias.txt"
    link.symlink_to(article)
    with pytest.raises(OutputError):
        write_output(article, "oops", inputs=[link])
    assert article.read_text(encoding="utf-8") == "Le président a parlé.\n"


def test_other_paths_next_to_inputs_are_fine(tmp_path, article):
    write_output(tmp_path / "in" / "a.md", "ok", inputs=[article])
    assert (tmp_path / "in" / "a.md").read_text() == "ok"


def test_output_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    write_output(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_folder_is_refused(tmp_path):
    with pytest.raises(OutputError, match="is a folder"):
        write_output(tmp_path, "x")


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_failure_leaves_the_old_file_intact(tmp_path, monkeypatch, where):
    target = tmp_path / "report.md"
    target.write_text("old report\n")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if where == "write":
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, handle):
                self.handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, data):
                self.handle.write(data[: len(data) // 2])
                self.handle.flush()
                disk_full()

        monkeypatch.setattr(outputs.os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    elif where == "fsync":
        monkeypatch.setattr(outputs.os, "fsync", disk_full)
    else:
        monkeypatch.setattr(outputs.os, "replace", disk_full)

    with pytest.raises(OutputError, match="no space left on device"):
        write_output(target, "new report that is much longer than the old one\n" * 100)
    assert target.read_text() == "old report\n"
    assert leftovers(tmp_path) == []


def test_interrupt_leaves_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "report.md"
    target.write_text("old")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(outputs.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_output(target, "new")
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_unwritable_parent_is_a_one_line_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError) as caught:
        write_output(blocker / "sub" / "r.md", "x")
    assert "cannot create folder" in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("path", ["-", None])
def test_stdout(capsys, path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_output(path, "Durée : 50 minutes\n")
    assert capsys.readouterr().out == "Durée : 50 minutes\n"
    assert list(tmp_path.iterdir()) == []
