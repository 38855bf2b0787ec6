"""Reading inputs: the real seeds, encodings, bad input, metadata, ids."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import articles
from factcheck.articles import Corpus, load_article, load_corpus

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "seeds"
BAD = HERE / "data" / "bad"

SEED_IDS = [
    "000_b5fe129bdbb88210",
    "001_be5ea4c1b4f5cbc6",
    "002_8fbd7013e4acd58c",
    "003_5304680d689b3a2e",
    "004_da5276596bc833a2",
]


def by_path(corpus: Corpus) -> dict[str, object]:
    return {Path(s.path).name: s for s in corpus.inputs}


def only_article(corpus: Corpus):
    assert len(corpus.articles) == 1, corpus.inputs
    return corpus.articles[0]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return load_corpus([SEEDS])


def test_seeds_are_five_articles_sorted_by_id(seeds):
    assert [a.id for a in seeds.articles] == SEED_IDS
    assert [s.status for s in seeds.inputs] == ["ok"] * 5
    assert all(s.reason == "" for s in seeds.inputs)
    assert seeds.problems == ()


def test_seed_texts_are_the_files_decoded_contents(seeds):
    for article in seeds.articles:
        assert article.text == Path(article.path).read_bytes().decode("utf-8")
        assert article.encoding == "utf-8"


def test_seed_dates_come_from_marker_or_sidecar(seeds):
    dates = {a.id: a.meta.date for a in seeds.articles}
    assert dates == dict.fromkeys(SEED_IDS, "2021-12")
    for article in seeds.articles:
        assert article.meta.language == "fr"
        assert article.meta.source is None and article.meta.url is None  # outlets unknown: none invented
        assert article.source == article.id


def test_seed_dates_without_the_sidecar(tmp_path):
    for name in SEED_IDS:
        write(tmp_path / f"{name}.txt", (SEEDS / f"{name}.txt").read_bytes())
    dates = {a.id: a.meta.date for a in load_corpus([tmp_path]).articles}
    assert dates == {
        "000_b5fe129bdbb88210": "2021-12",
        "001_be5ea4c1b4f5cbc6": None,
        "002_8fbd7013e4acd58c": "2021-12",
        "003_5304680d689b3a2e": None,
        "004_da5276596bc833a2": "2021-12",
    }


def test_body_start_skips_the_date_marker(seeds):
    art = {a.id: a for a in seeds.articles}
    first = art["000_b5fe129bdbb88210"]
    assert first.text.startswith(" date 2021-12 Crise")
    assert first.text[first.body_start:].startswith("Crise en Ukraine")
    assert art["002_8fbd7013e4acd58c"].text[art["002_8fbd7013e4acd58c"].body_start:].startswith("Le président Joe Biden")
    assert art["001_be5ea4c1b4f5cbc6"].body_start == 0
    assert art["003_5304680d689b3a2e"].body_start == 0


def test_order_of_arguments_does_not_matter():
    files = sorted(SEEDS.glob("*.txt"))
    assert load_corpus(files) == load_corpus(list(reversed(files)))
    assert load_corpus([str(f) for f in files]).articles == load_corpus([SEEDS]).articles


# --------------------------------------------------------------------------- encodings

FRENCH = "« L’été à Genève : Biden a déjà parlé à Poutine, dit-on. » Œuvre, €."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + FRENCH.encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + FRENCH.encode("utf-16-be"), "utf-16"),
        (FRENCH.encode("utf-32"), "utf-32"),
        (FRENCH.encode("utf-16-le"), "utf-16-le"),
        (FRENCH.encode("utf-8"), "utf-8"),
    ],
    ids=["utf8-bom", "utf16-le-bom", "utf16-be-bom", "utf32-bom", "utf16-le-no-bom", "utf8"],
)
def test_unicode_encodings(tmp_path, data, encoding):
    article = only_article(load_corpus([write(tmp_path / "a.txt", data)]))
    assert article.text == FRENCH  # BOM removed
    assert article.encoding == encoding


def test_short_cp1252_french_text(tmp_path):
    text = "L’entretien a duré 50 minutes à Genève, « voie diplomatique » selon l’équipe."
    data = text.encode("cp1252")
    assert b"\x92" in data and b"\xab" in data
    corpus = load_corpus([write(tmp_path / "a.txt", data)])
    assert only_article(corpus).text == text
    assert only_article(corpus).encoding == "cp1252"
    assert corpus.inputs[0].encoding == "cp1252"


@pytest.mark.parametrize("text", ["Été", "déjà élu", "L’été", "Noël à Genève"])
def test_very_short_cp1252_texts(tmp_path, text):
    article = only_article(load_corpus([write(tmp_path / "a.txt", text.encode("cp1252"))]))
    assert article.text == text


def test_latin1_french_text(tmp_path):
    text = "Le président américain a parlé cinquante minutes avec son homologue russe."
    article = only_article(load_corpus([write(tmp_path / "a.txt", text.encode("latin-1"))]))
    assert article.text == text
    assert article.encoding == "latin-1"


def test_cyrillic_is_not_read_as_cp1252(tmp_path):
    text = "Президент США Джо Байден и президент России Владимир Путин провели телефонный разговор."
    article = only_article(load_corpus([write(tmp_path / "a.txt", text.encode("cp1251"))]))
    assert article.text == text
    assert article.encoding == "cp1251"


def test_mojibake_is_repaired(tmp_path):
    corpus = load_corpus([write(tmp_path / "a.txt", "Le prÃ©sident amÃ©ricain a parlÃ© Ã  Poutine.")])
    article = only_article(corpus)
    assert article.text == "Le président américain a parlé à Poutine."
    assert article.encoding == "utf-8+ftfy"
    assert corpus.inputs[0].encoding == "utf-8+ftfy"


def test_clean_text_is_left_exactly_as_written(tmp_path):
    # curly quotes, ligature, full-width digit, NBSP, decomposed é, HTML entity, CRLF
    text = "L’« entretien » a duré 50\u00a0minutes, ﬁn à １５h35 ; e\u0301te\u0301 &amp; co.\r\nSuite."
    article = only_article(load_corpus([write(tmp_path / "a.txt", text)]))
    assert article.text == text
    assert article.encoding == "utf-8"


FRENCH_WORDS = [
    "le", "président", "américain", "été", "déjà", "à", "où", "Genève", "créée", "Noël", "Œuvre",
    "cœur", "août", "naïf", "garçon", "élu", "Élysée", "forêt", "très", "L’appel", "«", "»",
    "—", "50", "15h35", "minutes", "Poutine", "Biden", "s’est", "entretenu", "…", "€", "n°",
]


@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.sampled_from(FRENCH_WORDS), min_size=1, max_size=30),
       encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_property_french_text_round_trips(tmp_path_factory, words, encoding):
    text = " ".join(words) + "."
    folder = tmp_path_factory.mktemp("prop")
    article = only_article(load_corpus([write(folder / "a.txt", text.encode(encoding))]))
    assert article.text == text
    assert "ftfy" not in article.encoding


# --------------------------------------------------------------------------- bad input


def test_bad_fixture_folder_run_goes_on():
    corpus = load_corpus([BAD])
    assert [a.id for a in corpus.articles] == ["good"]
    assert corpus.articles[0].text == "L'entretien a duré 50 minutes, selon la Maison Blanche.\n"
    status = by_path(corpus)
    assert set(status) == {"blank.txt", "empty.txt", "good.txt", "scan.txt"}
    assert (status["good.txt"].status, status["good.txt"].article) == ("ok", "good")
    assert (status["empty.txt"].status, status["empty.txt"].reason) == ("empty", "empty file (0 bytes)")
    assert (status["blank.txt"].status, status["blank.txt"].reason) == ("empty", "only whitespace, no text")
    assert status["scan.txt"].status == "binary"
    assert status["scan.txt"].reason == "binary file, not text (a PDF document)"
    assert [s.path for s in corpus.inputs] == sorted(s.path for s in corpus.inputs)


def test_every_bad_kind_in_one_run(tmp_path):
    folder = tmp_path / "in"
    write(folder / "big.txt", "x" * 500)
    write(folder / "nul.txt", b"abc\x00\x01def\x00ghi\x7f")
    write(folder / "controls.txt", bytes(range(1, 9)) * 20)
    os.mkfifo(folder / "pipe.txt")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop1.txt").symlink_to(folder / "loop2.txt")
    (folder / "loop2.txt").symlink_to(folder / "loop1.txt")
    write(folder / "marker-only.txt", " date 2021-12 ")
    (tmp_path / "hollow").mkdir()
    write(tmp_path / "hollow" / "notes.rst", "pas un article")
    write(tmp_path / "hollow" / ".hidden.txt", "caché")

    corpus = load_corpus([BAD, folder, tmp_path / "hollow", tmp_path / "missing.txt"], max_bytes=200)

    assert [a.id for a in corpus.articles] == ["good"]
    got = {Path(s.path).name: (s.status, s.reason) for s in corpus.inputs}
    assert got["big.txt"] == ("too_large", "file too large: 500 bytes (limit 200)")
    assert got["nul.txt"] == ("binary", "binary file, not text (contains NUL bytes)")
    assert got["controls.txt"] == ("binary", "binary file, not text (control characters)")
    assert got["pipe.txt"] == ("unreadable", "not a regular file (a named pipe)")
    assert got["gone.txt"][0] == "broken_link"
    assert "broken symbolic link" in got["gone.txt"][1] and "nowhere.txt" in got["gone.txt"][1]
    assert got["loop1.txt"] == ("broken_link", "symbolic link loop")
    assert got["marker-only.txt"] == ("empty", "metadata only, no article text")
    assert got["hollow"] == ("no_articles", "folder has no .txt or .md files")
    assert got["missing.txt"] == ("not_found", "no such file or folder")
    assert got["scan.txt"][0] == "binary" and got["empty.txt"][0] == "empty"
    for status in corpus.inputs:
        assert status.ok or (status.reason and "\n" not in status.reason)


def test_explicit_broken_link(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "absent.txt")
    (status,) = load_corpus([link]).inputs
    assert status.status == "broken_link"


def test_permission_denied(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", "Texte.")
    path.chmod(0)
    try:
        path.read_bytes()
    except PermissionError:
        pass
    else:
        # root reads everything: make the read itself fail the way the OS would
        def refuse(file, *args, **kwargs):
            raise PermissionError(13, "Permission denied", str(file))

        monkeypatch.setattr(articles, "open", refuse, raising=False)
    (status,) = load_corpus([path]).inputs
    assert (status.status, status.reason) == ("unreadable", "cannot read: permission denied")
    path.chmod(0o644)


def test_large_file_is_not_read(tmp_path, monkeypatch):
    path = write(tmp_path / "big.txt", "x" * 1000)

    def must_not_open(*args, **kwargs):
        raise AssertionError("a too large file must be refused before reading")

    monkeypatch.setattr(articles, "open", must_not_open, raising=False)
    (status,) = load_corpus([path], max_bytes=999).inputs
    assert status.status == "too_large"


def test_folder_walk_rules(tmp_path):
    write(tmp_path / "a.txt", "Un.")
    write(tmp_path / "b.md", "Deux.")
    write(tmp_path / "c.rst", "ignoré")
    write(tmp_path / ".cache" / "d.txt", "caché")
    write(tmp_path / "sub" / "deep" / "e.TXT", "Trois.")
    (tmp_path / "f.txt").mkdir()  # a folder with an article's name is walked, not read
    write(tmp_path / "f.txt" / "g.txt", "Quatre.")
    (tmp_path / "sub" / "back").symlink_to(tmp_path)  # a loop must not loop us
    corpus = load_corpus([tmp_path])
    assert [a.id for a in corpus.articles] == ["a", "b", "e", "g"]
    assert corpus.problems == ()


def test_explicit_file_read_whatever_its_extension(tmp_path):
    path = write(tmp_path / "notes.rst", "Le président a parlé.")
    article = only_article(load_corpus([path]))
    assert article.id == "notes"


def test_same_file_twice_is_one_article(tmp_path):
    path = write(tmp_path / "a.txt", "Un.")
    (tmp_path / "alias.txt").symlink_to(path)
    corpus = load_corpus([tmp_path, path, str(path)])
    assert [a.id for a in corpus.articles] == ["a"]
    assert len(corpus.inputs) == 1


def test_shared_ids_are_made_unique_deterministically(tmp_path):
    write(tmp_path / "lemonde" / "appel.txt", "Un.")
    write(tmp_path / "afp" / "appel.txt", "Deux.")
    write(tmp_path / "afp" / "autre.txt", "Trois.")
    one = load_corpus([tmp_path / "lemonde", tmp_path / "afp"])
    two = load_corpus([tmp_path / "afp", tmp_path / "lemonde"])
    assert one == two
    assert [a.id for a in one.articles] == ["afp/appel", "autre", "lemonde/appel"]
    status = {s.article: s for s in one.inputs}
    assert status["afp/appel"].ok
    assert status["afp/appel"].reason == "id 'appel' is shared by 2 articles; this one is 'afp/appel'"
    assert status["autre"].reason == ""


def test_ids_differing_only_by_extension(tmp_path):
    write(tmp_path / "appel.txt", "Un.")
    write(tmp_path / "appel.md", "Deux.")
    assert [a.id for a in load_corpus([tmp_path]).articles] == ["appel.md", "appel.txt"]


def test_load_article_alone(tmp_path):
    path = write(tmp_path / "a.md", "date 2021-12-30 Titre\nTexte.")
    article, status = load_article(path)
    assert status.ok and article.meta.date == "2021-12-30"
    assert article.text[article.body_start:] == "Titre\nTexte."
    missing, status = load_article(tmp_path / "none.txt")
    assert missing is None and status.status == "not_found"


# --------------------------------------------------------------------------- metadata


def test_front_matter_beats_sidecar_beats_marker(tmp_path):
    write(tmp_path / "sources.yaml", "a:\n  source: AFP\n  date: 2021-11\n  url: https://example.org/a\n")
    write(tmp_path / "a.txt", "---\nsource: Le Monde\ndate: 2021-12-30\ntitle: ignored\n---\ndate 2021-12 Titre\nTexte.")
    corpus = load_corpus([tmp_path])
    article = only_article(corpus)
    assert article.meta.source == "Le Monde"
    assert article.meta.date == "2021-12-30"
    assert article.meta.url == "https://example.org/a"
    assert article.meta.language == "fr"
    assert article.source == "Le Monde"
    assert article.text[article.body_start:] == "Titre\nTexte."
    assert corpus.inputs[0].reason == ""


def test_sidecar_beats_marker(tmp_path):
    write(tmp_path / "sources.yaml", "a: {date: 2021-12-30, source: Reuters}\n")
    write(tmp_path / "a.txt", " date 2021-12 Titre. Texte.")
    article = only_article(load_corpus([tmp_path]))
    assert (article.meta.date, article.meta.source) == ("2021-12-30", "Reuters")


def test_sidecar_values_stay_text(tmp_path):
    # YAML 1.1 would make "no" false, the date a date object and 001_123 the number 1123
    write(tmp_path / "sources.yaml", "001_123:\n  language: no\n  date: 2021-12-30\n  source: 2021\n")
    write(tmp_path / "001_123.txt", "Texte.")
    article = only_article(load_corpus([tmp_path]))
    assert article.meta == articles.ArticleMeta(source="2021", date="2021-12-30", url=None, language="no")


def test_broken_sidecar_keeps_the_article(tmp_path):
    write(tmp_path / "sources.yaml", "a:\n  source: AFP\n  date: [2021-12\nb: x\n")
    write(tmp_path / "a.txt", " date 2021-12 Titre. Texte.")
    corpus = load_corpus([tmp_path])
    article = only_article(corpus)
    assert article.meta.source is None and article.meta.date == "2021-12"  # the marker still counts
    (status,) = corpus.inputs
    assert status.status == "ok"
    assert status.reason.startswith("sources.yaml: line 4: ")
    assert status.reason.endswith("; its metadata is ignored")
    assert "\n" not in status.reason


def test_sidecar_bad_values_are_reported_and_dropped(tmp_path):
    write(tmp_path / "sources.yaml", "a:\n  source: AFP\n  date: 2021-13\n  sorce: typo\nb: just text\n")
    write(tmp_path / "a.txt", "Texte A.")
    write(tmp_path / "b.txt", "Texte B.")
    corpus = load_corpus([tmp_path])
    a, b = corpus.articles
    assert (a.meta.source, a.meta.date) == ("AFP", None)
    reasons = {s.article: s.reason for s in corpus.inputs}
    assert "unknown key 'sorce'" in reasons["a"]
    assert "date '2021-13' is not an ISO date" in reasons["a"]
    assert reasons["b"] == "sources.yaml: b: expected 'key: value' lines; ignored"


def test_sidecar_not_a_mapping(tmp_path):
    write(tmp_path / "sources.yaml", "- a\n- b\n")
    write(tmp_path / "a.txt", "Texte.")
    (status,) = load_corpus([tmp_path]).inputs
    assert status.ok
    assert status.reason == "sources.yaml: expected a mapping of article id to metadata; its metadata is ignored"


def test_sidecar_only_applies_to_its_own_folder(tmp_path):
    write(tmp_path / "sources.yaml", "a: {source: Top}\n")
    write(tmp_path / "sub" / "a.txt", "Texte.")
    assert only_article(load_corpus([tmp_path])).meta.source is None


def test_custom_sidecar_name(tmp_path):
    write(tmp_path / "meta.yaml", "a: {source: AFP}\n")
    write(tmp_path / "a.txt", "Texte.")
    assert only_article(load_corpus([tmp_path], sidecar_name="meta.yaml")).meta.source == "AFP"


def test_broken_front_matter_keeps_the_article(tmp_path):
    write(tmp_path / "a.md", "---\nsource: Le Monde\ndate: [oops\n---\nLe texte.\n")
    corpus = load_corpus([tmp_path])
    article = only_article(corpus)
    assert article.meta == articles.ArticleMeta()
    assert article.text[article.body_start:] == "Le texte.\n"
    (status,) = corpus.inputs
    assert status.ok
    assert status.reason.startswith("front matter: line ")
    assert status.reason.endswith("; its metadata is ignored")


def test_front_matter_may_open_with_a_comment(tmp_path):
    text = "---\n# desk export\nsource: AFP\nlanguage: FR\n---\nTexte."
    article = only_article(load_corpus([write(tmp_path / "a.md", text)]))
    assert (article.meta.source, article.meta.language) == ("AFP", "fr")
    assert article.text[article.body_start:] == "Texte."


def test_markdown_rule_is_not_front_matter(tmp_path):
    text = "---\nUn paragraphe entre deux filets.\n---\nSuite."
    article = only_article(load_corpus([write(tmp_path / "a.md", text)]))
    assert article.body_start == 0 and article.meta == articles.ArticleMeta()


def test_invalid_marker_date_is_text(tmp_path):
    article = only_article(load_corpus([write(tmp_path / "a.txt", "date 2021-13 Titre")]))
    assert article.body_start == 0 and article.meta.date is None


def test_marker_then_crlf_offsets_point_into_text(tmp_path):
    text = "\ufeffdate 2021-12-30\r\nLe président a parlé.\r\n"
    article = only_article(load_corpus([write(tmp_path / "a.txt", text.encode("utf-8"))]))
    assert article.text == text[1:]
    assert article.text[article.body_start:] == "Le président a parlé.\r\n"


def test_load_article_parses_a_folders_sidecar_once_and_again_when_it_changes(tmp_path, monkeypatch):
    parsed: list[str] = []
    real = articles._parse_yaml
    monkeypatch.setattr(articles, "_parse_yaml", lambda text, *a, **k: (parsed.append(text), real(text, *a, **k))[1])
    articles._parsed_sidecar.cache_clear()
    sidecar = write(tmp_path / "sources.yaml", "a: {source: AFP}\nb: {source: Reuters}\nc: {date: [2021\n")
    for name in "abc":
        write(tmp_path / f"{name}.txt", "Texte.")
    loaded = {name: load_article(tmp_path / f"{name}.txt") for name in "abc"}
    assert len(parsed) == 1  # the sidecar is broken: one warning per article, parsed once
    assert [s.reason for _, s in loaded.values()] == [loaded["a"][1].reason] * 3
    assert loaded["a"][1].reason.startswith("sources.yaml: line 4: ") and loaded["a"][0].meta.source is None

    sidecar.write_text("a: {source: AFP}\nb: {source: Reuters}\n", encoding="utf-8")
    sources = [load_article(tmp_path / f"{name}.txt")[0].meta.source for name in "abc"]
    assert sources == ["AFP", "Reuters", None] and len(parsed) == 2  # read again, parsed once more

    sidecar.write_text("a: {source: Le Monde}\n", encoding="utf-8")  # same folder, new bytes: new metadata
    assert load_article(tmp_path / "a.txt")[0].meta.source == "Le Monde" and len(parsed) == 3
    sidecar.unlink()
    assert load_article(tmp_path / "a.txt")[0].meta.source is None
