"""Publication dates without a date line: the URL, the dateline, then the story's other articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.articles import load_corpus
from factcheck.grammar import Extractor
from factcheck.pubdate import date_from_dateline, date_from_url

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


@pytest.mark.parametrize("url, iso", [
    ("https://news.example.org/2021/12/08/vigie-atlantique-sommet", "2021-12-08"),
    ("https://www.example.com/evening-lantern/world/2023/feb/01/france-pension", "2023-02-01"),
    ("https://www.example.fr/politique/20230314/reforme", "2023-03-14"),
    ("https://www.example.fr/2023-03-14-reforme.html", "2023-03-14"),
    ("https://www.example.fr/archives/2023/03/", "2023-03"),
])
def test_a_dated_url(url, iso):
    assert date_from_url(url) == iso


@pytest.mark.parametrize("url", [
    "https://www.example.fr/article-123456789",  # an id, not a date
    "https://www.example.fr/2023/13/40/slug",  # no such day
    "https://www.example.fr/tags/2023",  # a year is no publication day
    "https://www.example.fr/1200/05/04/x",
    None,
])
def test_urls_without_a_date(url):
    assert date_from_url(url) is None


def test_a_dateline_with_and_without_its_year():
    assert date_from_dateline("Titre\n\nMOSCOU, 7 déc. 2021 (AFP) - Le Kremlin a confirmé.") == "2021-12-07"
    assert date_from_dateline("Titre\n\nPARIS, 31 janvier (AFP) - Les syndicats.", year=2023) == "2023-01-31"
    assert date_from_dateline("Titre\n\nPARIS, 31 janvier (AFP) - Les syndicats.") is None  # no year to give it


@pytest.mark.parametrize("text", [
    "Titre\n\nIl a dit à PARIS, 31 janvier - rien.",  # not at the start of a line
    "Titre\n\nParis, 31 janvier 2023 - une journée de grève.",  # the place is not in capitals
])
def test_no_dateline(text):
    assert date_from_dateline(text) is None


def write(folder: Path, name: str, front: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"---\n{front}\n---\n{body}\n", encoding="utf-8")


def test_an_undated_article_takes_its_storys_date_and_says_so(tmp_path):
    story = tmp_path / "story"
    write(story, "a.txt", "source: A\ndate: 2021-12-07", "Les deux présidents se sont parlé mardi.")
    write(story, "b.txt", "source: B\ndate: 2021-12-07T19:30:00+01:00", "L'appel a eu lieu mardi.")
    write(story, "c.txt", "source: C\nurl: https://x.org/2021/12/08/appel", "L'appel a eu lieu mardi.")
    write(story, "d.txt", "source: D", "Les deux présidents se sont parlé mardi.")
    write(tmp_path / "other", "e.txt", "source: E", "Rien mardi.")
    meta = {a.id: a.meta for a in load_corpus([str(tmp_path)]).articles}
    assert (meta["c"].date, meta["c"].date_source) == ("2021-12-08", "url")
    assert (meta["d"].date, meta["d"].date_source) == ("2021-12-07", "inferred")
    assert (meta["a"].date_source, meta["b"].date_source) == (None, None)
    assert (meta["e"].date, meta["e"].date_source) == (None, None)  # alone in its folder: nothing to infer from


def test_a_dateline_in_an_undated_article_takes_the_storys_year(tmp_path):
    story = tmp_path / "story"
    write(story, "a.txt", "source: A\ndate: 2023-01-31", "Grève.")
    write(story, "b.txt", "source: B", "Titre\n\nPARIS, 1er février (AFP) - Les syndicats ont annoncé mardi une nouvelle journée.")
    corpus = load_corpus([str(tmp_path)])
    b = next(a for a in corpus.articles if a.id == "b")
    assert (b.meta.date, b.meta.date_source) == ("2023-02-01", "dateline")
    mardi = [m for m in Extractor("fr").extract(b) if m.kind == "date" and b.text[m.start:m.end] == "mardi"]
    assert [m.low for m in mardi] == ["2023-01-31"]  # "mardi" read against the dateline's day


@pytest.mark.skipif(not CORPORA.exists(), reason=f"development corpora absent: {CORPORA} (CI has ../shared)")
def test_the_development_articles_without_a_date_line():
    story = CORPORA / "biden-putin-video-call-2021-12-07"
    meta = {a.id: a.meta for a in load_corpus([str(story)]).articles}
    assert (meta["fr-05-vigie-atlantique"].date, meta["fr-05-vigie-atlantique"].date_source) == ("2021-12-08", "url")
    assert meta["fr-08-journal-quatre-vents"].date_source == "inferred"
    retraites = {a.id: a.meta for a in load_corpus([str(CORPORA / "retraites-manifestation-2023-01-31")]).articles}
    assert (retraites["en-03-evening-lantern"].date, retraites["en-03-evening-lantern"].date_source) == ("2023-02-01", "url")
