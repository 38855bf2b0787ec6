from __future__ import annotations

from types import SimpleNamespace
from pathlib import Path

import pandas as pd
import pytest

from factcheck.checks import compare_kinds, run_checks, surname
from factcheck.model import TABLE_COLUMNS, Finding
from factcheck.semantics import Tolerance

A001, A002, A003, A004, A005 = "001_appel", "002_annonce", "003_radio", "004_agence", "005_quotidien"


def mention(article: str, kind: str, value: str, low, high, **kw) -> dict:
    row = {c: None for c in TABLE_COLUMNS}
    row.update(
        article=article, source=kw.pop("source", article), kind=kind, value=value, low=low, high=high,
        qualifier="exact", modality="unknown", quote=f"Phrase de {article} : {value}.", start=0, end=1,
    )
    row.update(kw)
    return row


def table(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(TABLE_COLUMNS))


def check(id: str, compare: str, fact: str | None = None, kind: str | None = None, **kw) -> SimpleNamespace:
    base = dict(
        id=id, fact=fact, kind=kind, compare=compare, tolerance=None, same_modality=False,
        same_attribution=False, threshold=88, severity="error", message=f"Message de {id}.",
    )
    base.update(kw)
    return SimpleNamespace(**base)


START = check("FC102", "interval", fact="call.start_time", tolerance=Tolerance(0, 0))
DURATION = check("FC103", "interval", fact="call.duration", tolerance=Tolerance(0, 0))
TROOPS = check("FC106", "interval", fact="troops.count", tolerance=Tolerance(0, 0.10), severity="warning")
CALL_DATE = check("FC101", "date", fact="call.date")
REQUESTED = check("FC105", "person", fact="call.requested_by")
SPELLING = check("FC001", "spelling", fact="person", severity="warning")
ROLES = check("FC002", "roles", fact="person", severity="warning")
PAIRED = check("FC003", "paired_time", kind="time")
ALL = [START, DURATION, TROOPS, CALL_DATE, REQUESTED, SPELLING, ROLES, PAIRED]

ACTUAL_QUOTE = "Selon un conseiller présidentiel, l'appel réclamé par Moscou « a eu lieu à 15h35 » (20h35 GMT)."
PLANNED_QUOTE = "La conversation est programmée pour 15h30 HE (20h30 GMT), selon la présidence américaine."


def start_rows() -> list[dict]:
    return [
        mention(A001, "time", "15h35 (20h35 GMT)", 1235, 1235, fact="call.start_time", tz="UTC", unit="min",
                modality="actual", quote=ACTUAL_QUOTE, start=120, end=137,
                paired={"local": "15h35", "local_minutes": 935, "utc": "20:35", "utc_minutes": 1235, "zone": None, "offset_minutes": -300, "consistent": True}),
        mention(A002, "time", "15h30 HE (20h30 GMT)", 1230, 1230, fact="call.start_time", tz="UTC", unit="min",
                modality="planned", quote=PLANNED_QUOTE, start=40, end=60,
                paired={"local": "15h30", "local_minutes": 930, "utc": "20:30", "utc_minutes": 1230, "zone": "HE", "offset_minutes": -300, "consistent": True}),
    ]


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


# --- fact checks -------------------------------------------------------------


def test_planned_versus_actual_start_time_is_one_conflict():
    findings = run_checks(table(*start_rows()), [START])
    assert len(findings) == 1
    f = findings[0]
    assert (f.rule, f.fact, f.status, f.severity) == ("FC102", "call.start_time", "conflict", "error")
    assert f.message == "Message de FC102."
    assert "planned versus actual" in f.note
    planned, actual = f.groups
    assert planned.articles == (A002,) and actual.articles == (A001,)
    assert planned.low == planned.high == 1230
    assert planned.value == "15h30 HE (20h30 GMT)"  # the table's value column, as the grammar wrote it
    assert actual.quotes == (ACTUAL_QUOTE,)
    assert actual.modalities == ("actual",)
    assert actual.lines == ()


def test_five_minutes_tolerance_makes_them_agree():
    loose = check("FC102", "interval", fact="call.start_time", tolerance=Tolerance(5, 0))
    [f] = run_checks(table(*start_rows()), [loose])
    assert f.status == "agree"
    assert f.groups[0].articles == (A001, A002)
    assert f.note == ""


def test_durations_fifty_cinquantaine_and_pres_d_une_heure_agree():
    rows = [
        mention(A003, "duration", "50 minutes", 50, 50, fact="call.duration", unit="min",
                quote="Leur échange téléphonique a duré 50 minutes.", start=10),
        mention(A003, "duration", "près d'une heure", 48, 60, fact="call.duration", unit="min", qualifier="approx",
                quote="Pendant près d'une heure, les deux dirigeants ont dialogué.", start=300),
        mention(A004, "duration", "une cinquantaine de minutes", 45, 55, fact="call.duration", unit="min",
                qualifier="approx", quote="La discussion a duré une cinquantaine de minutes."),
    ]
    [f] = run_checks(table(*rows), [DURATION])
    assert f.status == "agree"
    [side] = f.groups
    assert side.articles == (A003, A004)
    # One quote an article: the first statement of each.
    assert side.quotes == ("Leur échange téléphonique a duré 50 minutes.", "La discussion a duré une cinquantaine de minutes.")
    assert (side.low, side.high) == (50, 50)


def test_un_peu_plus_de_45_conflicts_with_fifty():
    rows = [
        mention(A003, "duration", "50 minutes", 50, 50, fact="call.duration"),
        mention(A004, "duration", "un peu plus de 45 minutes", 45, 49.5, fact="call.duration", qualifier="more_than"),
    ]
    [f] = run_checks(table(*rows), [DURATION])
    assert f.status == "conflict"
    assert [g.articles for g in f.groups] == [(A004,), (A003,)]
    assert f.note == ""  # no modality or attribution to tell the sides apart


def test_approximate_count_and_dizaines_de_milliers_do_not_conflict():
    rows = [
        mention(A001, "count", "environ 100 000 soldats", 90_000, 110_000, fact="troops.count", qualifier="approx",
                noun="soldats", unit="soldats", quote="Environ 100 000 militaires russes stationnent près de la frontière."),
        mention(A003, "count", "des dizaines de milliers de militaires", 20_000, 100_000, fact="troops.count",
                qualifier="range", noun="militaires", unit="militaires",
                quote="Moscou aurait massé des dizaines de milliers de militaires."),
    ]
    [f] = run_checks(table(*rows), [TROOPS])
    assert f.status == "agree"
    assert f.severity == "warning"


def test_unbounded_count_against_a_smaller_one_conflicts():
    rows = [
        mention(A001, "count", "plus de 150 000 soldats", 150_000, None, fact="troops.count", qualifier="more_than"),
        mention(A002, "count", "100 000 soldats", 100_000, 100_000, fact="troops.count"),
    ]
    [f] = run_checks(table(*rows), [TROOPS])
    assert f.status == "conflict"
    assert f.groups[1].high is None


def test_single_source():
    rows = [mention(A004, "duration", "50 minutes", 50, 50, fact="call.duration"),
            mention(A004, "duration", "cinquante minutes", 50, 50, fact="call.duration", start=99)]
    [f] = run_checks(table(*rows), [DURATION])
    assert f.status == "single_source"
    assert f.groups[0].articles == (A004,)
    assert f.groups[0].value == "50 minutes / cinquante minutes"


def test_an_article_that_contradicts_itself_is_a_conflict():
    rows = [mention(A004, "duration", "50 minutes", 50, 50, fact="call.duration"),
            mention(A004, "duration", "40 minutes", 40, 40, fact="call.duration", start=99)]
    [f] = run_checks(table(*rows), [DURATION])
    assert f.status == "conflict"
    assert all(g.articles == (A004,) for g in f.groups)


def test_no_rows_no_finding():
    assert run_checks(table(), ALL) == []
    assert run_checks(table(mention(A001, "duration", "3 heures", 180, 180, fact="other")), [DURATION]) == []


def test_dates_month_contains_day_and_weekday_alone_takes_no_part():
    rows = [
        mention(A001, "date", "en janvier", "2022-01-01", "2022-01-31", fact="call.date", granularity="month"),
        mention(A003, "date", "le 10 janvier", "2022-01-10", "2022-01-10", fact="call.date", granularity="day"),
        mention(A004, "date", "jeudi", None, None, fact="call.date", granularity="weekday"),
    ]
    [f] = run_checks(table(*rows), [CALL_DATE])
    assert f.status == "agree"
    assert f.groups[0].articles == (A001, A003)
    assert (f.groups[0].low, f.groups[0].high) == ("2022-01-10", "2022-01-10")
    assert f.groups[0].value == "en janvier / le 10 janvier"


def test_two_days_conflict():
    rows = [
        mention(A001, "date", "le 10 janvier", "2022-01-10", "2022-01-10", fact="call.date", granularity="day"),
        mention(A003, "date", "le 12 janvier", "2022-01-12", "2022-01-12", fact="call.date", granularity="day"),
    ]
    [f] = run_checks(table(*rows), [CALL_DATE])
    assert f.status == "conflict"
    assert [g.low for g in f.groups] == ["2022-01-10", "2022-01-12"]


def test_person_fact_by_key():
    rows = [
        mention(A001, "person", "chef du Kremlin", "Vladimir Poutine", None, fact="call.requested_by", key="vladimir poutine"),
        mention(A002, "person", "Poutine", "Poutine", None, fact="call.requested_by", key="poutine"),
    ]
    [f] = run_checks(table(*rows), [REQUESTED])
    assert f.status == "agree"
    assert f.groups[0].low == "vladimir poutine"
    rows.append(mention(A003, "person", "Joe Biden", "Joe Biden", None, fact="call.requested_by", key="joe biden"))
    [f] = run_checks(table(*rows), [REQUESTED])
    assert f.status == "conflict"


def test_time_without_zone_is_not_put_on_the_utc_clock():
    rows = start_rows()[:1] + [
        mention(A003, "time", "15h35", 935, 935, fact="call.start_time", tz=None),
    ]
    [f] = run_checks(table(*rows), [START])
    assert f.status == "single_source"
    assert f.groups[0].articles == (A001,)


def test_same_modality_keeps_planned_and_actual_apart():
    separate = check("FC102", "interval", fact="call.start_time", tolerance=Tolerance(0, 0), same_modality=True)
    findings = run_checks(table(*start_rows()), [separate])
    assert [f.status for f in findings] == ["single_source", "single_source"]
    assert sorted(f.note for f in findings) == ["actual statements only", "planned statements only"]


def test_attribution_is_named_in_a_conflict_note():
    rows = [
        mention(A001, "count", "100 000 soldats", 100_000, 100_000, fact="troops.count", attribution="Washington"),
        mention(A002, "count", "175 000 soldats", 175_000, 175_000, fact="troops.count", attribution="Kiev"),
    ]
    [f] = run_checks(table(*rows), [TROOPS])
    assert f.status == "conflict"
    assert f.note == "according to Washington versus Kiev"
    by_claimant = check("FC106", "interval", fact="troops.count", tolerance=Tolerance(0, 0.1), same_attribution=True,
                        severity="warning")
    findings = run_checks(table(*rows), [by_claimant])
    assert [f.status for f in findings] == ["single_source", "single_source"]


# --- spelling, roles, paired times -------------------------------------------


def person(article: str, value: str, key: str, role: str | None = None, **kw) -> dict:
    return mention(article, "person", value, value, None, key=key, role=role, **kw)


def test_spelling_variant_suggests_the_most_frequent():
    rows = [
        person(A002, "Sergueï Ryabkov", "serguei riabkov", quote="Le diplomate Sergueï Ryabkov conduira les Russes."),
        person(A005, "Ryabkov", "riabkov", quote="Ryabkov a jugé la rencontre « difficile »."),
        person(A004, "Sergueï Riabkov", "serguei riabkov", quote="Face à elle, le vice-ministre Sergueï Riabkov."),
        person(A004, "Vladimir Poutine", "vladimir poutine"),
        person(A001, "Poutine", "poutine"),
    ]
    findings = run_checks(table(*rows), [SPELLING])
    [f] = findings
    assert f.status == "variant" and f.severity == "warning"
    assert f.fact == "person:serguei riabkov"
    assert f.note == "spelling variants: Riabkov (1), Ryabkov (2); suggest Ryabkov"
    assert [g.value for g in f.groups] == ["Ryabkov", "Riabkov"]
    assert f.groups[0].articles == (A002, A005)
    assert f.groups[1].quotes == ("Face à elle, le vice-ministre Sergueï Riabkov.",)


def test_a_mention_through_an_alias_spells_nothing():
    # Keys as the grammar makes them: the transliteration-blind key of the surname.
    rows = [
        person(A001, "chef du Kremlin", "putin"),
        person(A002, "Vladimir Poutine", "putin"),
        person(A003, "Poutine", "putin"),
    ]
    assert run_checks(table(*rows), [SPELLING]) == []
    rows.append(person(A004, "Vladimir Putin", "putin"))
    [f] = run_checks(table(*rows), [SPELLING])
    assert f.note == "spelling variants: Poutine (2), Putin (1); suggest Poutine"


def test_spelling_tie_is_broken_alphabetically():
    rows = [person(A002, "Volodymyr Zelenskiy", "volodymyr zelenskiy"),
            person(A004, "Volodymyr Zelensky", "volodymyr zelensky")]
    [f] = run_checks(table(*rows), [SPELLING])
    assert f.note.endswith("suggest Zelenskiy")


def test_no_spelling_finding_for_full_and_short_name_or_capitals():
    rows = [
        person(A004, "Vladimir Poutine", "vladimir poutine"),
        person(A001, "Poutine", "poutine"),
        person(A004, "Sergei SUPINSKY", "sergei supinsky"),
        person(A003, "Sergei Supinsky", "sergei supinsky"),
        person(A003, "Wendy Sherman", "wendy sherman"),
        person(A004, "Antony Blinken", "antony blinken"),
    ]
    assert run_checks(table(*rows), [SPELLING]) == []


def test_surname():
    assert surname("Sergueï Riabkov") == "Riabkov"
    assert surname("Sergei SUPINSKY") == "Supinsky"
    assert surname("Jean-Yves Le Drian") == "Drian"
    assert surname("") == ""


def test_incompatible_roles_of_one_person():
    rows = [
        person(A000 := "000_veille", "Volodymyr Zelensky", "volodymyr zelensky", "président ukrainien"),
        person(A004, "Volodymyr Zelensky", "volodymyr zelensky", "président russe"),
        person(A002, "Zelensky", "zelensky", "président"),
        person(A001, "Vladimir Poutine", "vladimir poutine", "homologue russe"),
        person(A002, "Vladimir Poutine", "vladimir poutine", "président russe"),
    ]
    [f] = run_checks(table(*rows), [ROLES])
    assert f.fact == "person:volodymyr zelensky"
    assert [g.value for g in f.groups] == ["président / président russe", "président ukrainien"]
    assert f.groups[1].articles == (A000,)
    assert f.note.startswith("roles: ")


def test_inconsistent_paired_time():
    rows = start_rows()
    rows.append(mention(A003, "time", "15h35 (21h35 GMT)", 1295, 1295, fact="call.start_time", tz="UTC",
                        paired={"local": "15h35", "local_minutes": 935, "utc": "21:35", "utc_minutes": 1295, "zone": "HE", "offset_minutes": -300, "consistent": False},
                        quote="L'entretien a débuté à 15h35 (21h35 GMT)."))
    findings = run_checks(table(*rows), [PAIRED])
    [f] = findings
    assert f.rule == "FC003" and f.fact == "call.start_time" and f.status == "conflict"
    assert f.note == "15h35 HE is 20:35 UTC, not 21:35"
    assert f.groups[0].quotes == ("L'entretien a débuté à 15h35 (21h35 GMT).",)
    assert [g.low for g in f.groups] == [1235, 1295]


def test_consistent_paired_times_report_nothing():
    assert run_checks(table(*start_rows()), [PAIRED]) == []


# --- whole runs --------------------------------------------------------------


def seed_like_table() -> pd.DataFrame:
    rows = start_rows() + [
        mention(A003, "duration", "50 minutes", 50, 50, fact="call.duration"),
        mention(A004, "duration", "une cinquantaine de minutes", 45, 55, fact="call.duration"),
        mention(A003, "duration", "près d'une heure", 48, 60, fact="call.duration", start=400),
        mention(A001, "count", "environ 100 000 soldats", 90_000, 110_000, fact="troops.count"),
        mention(A003, "count", "des dizaines de milliers de militaires", 20_000, 100_000, fact="troops.count"),
        mention(A002, "count", "des dizaines de milliers de soldats", 20_000, 100_000, fact="troops.count"),
        mention(A003, "date", "le 10 janvier", "2022-01-10", "2022-01-10", fact="call.date", granularity="day"),
        mention(A004, "date", "le 12 janvier", "2022-01-12", "2022-01-12", fact="call.date", granularity="day"),
        mention(A004, "date", "jeudi", None, None, fact="call.date", granularity="weekday"),
        mention(A003, "time", "15h35 (21h35 GMT)", 1295, 1295, fact=None, tz="UTC",
                paired={"local": "15h35", "local_minutes": 935, "utc": "21:35", "utc_minutes": 1295, "zone": "HE", "offset_minutes": -300, "consistent": False}),
        person(A002, "Sergueï Ryabkov", "serguei riabkov", "vice-ministre des Affaires étrangères"),
        person(A004, "Sergueï Riabkov", "serguei riabkov", "homologue russe"),
        person(A004, "Volodymyr Zelensky", "volodymyr zelensky", "président ukrainien"),
        person(A002, "Volodymyr Zelensky", "volodymyr zelensky", "président russe"),
        person(A001, "chef du Kremlin", "vladimir poutine", fact="call.requested_by"),
        person(A002, "Poutine", "poutine", fact="call.requested_by"),
    ]
    return table(*rows)


def test_seed_like_run():
    findings = run_checks(seed_like_table(), ALL)
    summary = [(f.fact, f.rule, f.status) for f in findings]
    assert ("call.start_time", "FC102", "conflict") in summary
    assert ("call.duration", "FC103", "agree") in summary
    assert ("troops.count", "FC106", "agree") in summary
    assert ("call.date", "FC101", "conflict") in summary
    assert ("call.requested_by", "FC105", "agree") in summary
    assert ("person:serguei riabkov", "FC001", "variant") in summary
    assert ("person:volodymyr zelensky", "FC002", "variant") in summary
    assert ("time", "FC003", "conflict") in summary
    assert len(findings) == 8
    assert [(f.fact, f.rule) for f in findings] == sorted((f.fact, f.rule) for f in findings)


@pytest.mark.parametrize("seed", range(8))
def test_row_order_changes_nothing(seed):
    base = seed_like_table()
    shuffled = base.sample(frac=1, random_state=seed).reset_index(drop=True)
    assert run_checks(shuffled, ALL) == run_checks(base, ALL)


def test_accepts_a_rule_set_and_reports_compare_kinds():
    ruleset = SimpleNamespace(facts={}, checks=ALL)
    assert run_checks(seed_like_table(), ruleset) == run_checks(seed_like_table(), ALL)
    assert compare_kinds(ruleset)["FC001"] == "spelling"


def test_unknown_compare_is_an_error():
    with pytest.raises(ValueError):
        run_checks(seed_like_table(), [check("XX999", "vibes", fact="call.date")])


def test_nan_from_pandas_counts_as_missing():
    df = table(
        mention(A003, "duration", "50 minutes", 50, 50, fact="call.duration"),
        mention(A004, "duration", "plus de 40 minutes", 40, None, fact="call.duration"),
    )
    df["high"] = df["high"].astype(float)  # None becomes NaN, as after a CSV round trip
    [f] = run_checks(df, [DURATION])
    assert f.status == "agree"


# --- claimants compared together when the check says so ------------------------------------------

def _durations_by_claimant() -> pd.DataFrame:
    return table(
        mention(A001, "duration", "deux heures et deux minutes", 122, 122, fact="call.duration", unit="min",
                claimant="Kremlin", attribution="selon le Kremlin"),
        mention(A002, "duration", "un peu plus de deux heures", 120, 135, fact="call.duration", unit="min"),
        mention(A003, "duration", "une heure et demie", 90, 90, fact="call.duration", unit="min"),
    )


def test_same_attribution_false_compares_every_claimant_together():
    across = check("FC103", "interval", fact="call.duration", tolerance=Tolerance(0, 0), across_claimants=True)
    (f,) = run_checks(_durations_by_claimant(), [across])
    assert (f.status, f.claimant) == ("conflict", None)
    assert sorted(g.articles for g in f.groups) == [(A001, A002), (A003,)]


def test_without_it_a_claimed_length_is_never_in_conflict_with_an_unattributed_one():
    findings = run_checks(_durations_by_claimant(), [DURATION])
    assert all(not (f.status == "conflict" and A001 in f.articles and A003 in f.articles) for f in findings)


def test_rows_read_by_position_are_the_rows_read_by_name():
    """An archive hands the checks its story's rows as tuples (read by position, no record built); the seeds'
    rows give the same Row records, in the same order, as the facts table read by column name."""
    from factcheck.checks import table_rows
    from factcheck.facts import rows_frame
    from factcheck.pipeline import extract

    frame = extract([str(Path(__file__).resolve().parent.parent / "seeds")]).table
    tuples = list(frame.itertuples(index=False, name=None))
    assert len(tuples) > 100 and any(isinstance(row[TABLE_COLUMNS.index("paired")], dict) for row in tuples)
    by_position = table_rows(tuples)
    by_name = table_rows(rows_frame(tuples))
    assert by_position == by_name
    assert [r.paired for r in by_position] == [r.paired for r in by_name]
    assert [repr(r) for r in by_position] == [repr(r) for r in by_name]
