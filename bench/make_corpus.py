"""Build a scaled corpus from the five seed articles: many stories of ten articles each.

    python bench/make_corpus.py 1000            # -> bench/out/corpus-1000/story00000/ ... story00099/
    python bench/make_corpus.py 100 1000 10000  # several sizes

Each story folder holds ten articles, two from each seed text, with the
story's values and names put in place of the seed's:

- the call's day (a December 2021 day, weekdays kept right) and the day it was
  announced; the talks' day in January 2022 (and the two meetings after it);
- the start time (local US Eastern time with its GMT equivalent): the articles
  from seed 001 give the time of the call, those from seed 002 the time
  announced, the same or five minutes off (a conflict, as in the seeds);
- the duration (30, 40, 50 or 60 minutes; "une trentaine"... in seed 004);
- the troop count (80 000 to 175 000), the call's rank (2nd to 4th);
- the negotiators' and spokespeople's names, and per article the spelling
  of names with variants (Zelensky/Zelenskiy/Zelenski, Ryabkov/Riabkov...).

Some stories carry deliberate conflicts (one article gives another duration,
count, rank or talks day), so each story has real agreements and conflicts.
The build is deterministic (seeded ``random.Random``): the same size gives the
same bytes.  A size is written once into ``bench/out/corpus-<N>/`` and reused;
a ``.complete`` marker tells a finished build from an interrupted one.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
OUT = Path(__file__).resolve().parent / "out"
PER_STORY = 10
SEED = 20211230

WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
ORDINALS = {2: "deuxième", 3: "troisième", 4: "quatrième"}
ABOUT = {20: "vingtaine", 30: "trentaine", 40: "quarantaine", 50: "cinquantaine", 60: "soixantaine"}
OUTLETS = ["AFP", "Reuters", "Le Monde", "Europe 1", "Le Figaro", "Libération", "France Info", "Ouest-France",
           "La Croix", "RFI", "Les Echos", "L'Humanité", "Le Parisien", "TV5 Monde", "20 Minutes"]
US_NEGOTIATORS = ["Wendy Sherman", "Victoria Nuland", "Karen Donfried", "Jake Sullivan", "Linda Thomas-Greenfield"]
RU_NEGOTIATORS = [("Sergueï Ryabkov", "Sergueï Riabkov"), ("Alexandre Grouchko", "Alexandre Grushko"),
                  ("Sergueï Lavrov", "Sergeï Lavrov"), ("Iouri Ouchakov", "Yuri Ushakov")]
ZELENSKY = ["Zelensky", "Zelenskiy", "Zelenski", "Zelensky"]
SPOKESPEOPLE = ["Emily Horne", "Karine Jean-Pierre", "Jen Psaki", "Adrienne Watson", "John Kirby"]
PRICE = ["Ned Price", "Jalina Porter", "Matthew Miller"]


def _seed_texts() -> list[str]:
    files = sorted(p for p in SEEDS.glob("*.txt"))
    if len(files) != 5:
        raise SystemExit(f"expected the five seed articles in {SEEDS}, found {len(files)}")
    return [p.read_text(encoding="utf-8") for p in files]


def _hm(minutes: int) -> str:
    return f"{minutes // 60}h{minutes % 60:02d}"


class Story:
    """The values of one story, drawn from its own random stream."""

    def __init__(self, index: int):
        rng = random.Random(SEED * 1_000_003 + index)
        self.rng = rng
        self.call_day = date(2021, 12, rng.randint(6, 28))
        self.talks_day = date(2022, 1, rng.randint(5, 24))
        self.local = rng.randrange(10 * 60, 18 * 60, 5)  # call start, US Eastern, minutes
        self.announced = self.local - 5 if rng.random() < 0.5 else self.local
        self.duration = rng.choice([30, 40, 50, 60])
        self.troops = rng.randrange(80_000, 180_000, 5_000)
        self.rank = rng.choice([2, 2, 3, 4])
        self.us = rng.choice(US_NEGOTIATORS)
        self.ru = rng.choice(RU_NEGOTIATORS)
        self.spokesperson = rng.choice(SPOKESPEOPLE)
        self.price = rng.choice(PRICE)
        # Deliberate conflicts: one article of the story says something else.
        self.odd_duration = rng.random() < 0.3
        self.odd_troops = rng.random() < 0.3
        self.odd_rank = rng.random() < 0.2
        self.odd_talks = rng.random() < 0.2


def _day(d: date) -> str:
    return f"{WEEKDAYS[d.weekday()]} {d.day} {'décembre' if d.month == 12 else 'janvier'}"


def _sub(text: str, old: str, new: str, count: int = -1) -> str:
    if old not in text:
        raise ValueError(f"seed text changed: {old!r} not found")
    return text.replace(old, new, count)


def article_text(seed_index: int, seeds: list[str], story: Story, copy: int) -> str:
    """Seed ``seed_index`` rewritten with the story's values; ``copy`` 1 may carry the story's odd value."""
    rng = random.Random(story.rng.random())
    s = story
    text = seeds[seed_index]
    call, before = s.call_day, s.call_day - timedelta(days=1)
    wd, wd_before = WEEKDAYS[call.weekday()], WEEKDAYS[before.weekday()]
    talks = s.talks_day
    odd = copy == 1
    rank = ORDINALS[(s.rank + 1 if s.rank < 4 else s.rank - 1) if (odd and s.odd_rank) else s.rank]
    duration = s.duration + (20 if s.duration < 50 else -20) if (odd and s.odd_duration) else s.duration
    troops = int(s.troops * 1.5) // 1000 * 1000 if (odd and s.odd_troops) else s.troops
    talks_day = talks + timedelta(days=1) if (odd and s.odd_talks) else talks
    zel = rng.choice(ZELENSKY)
    ru = rng.choice(s.ru)

    if seed_index == 0:
        text = _sub(text, "jeudi 30 décembre", _day(call))
        text = _sub(text, "mercredi 29 décembre", _day(before))
        text = _sub(text, "l'appel de jeudi", f"l'appel de {wd}")
        text = _sub(text, "entretenu mercredi", f"entretenu {wd_before}")
        text = _sub(text, "prévues le 10 janvier", f"prévues le {talks_day.day} janvier")
        text = _sub(text, "Zelensky", zel)
        text = _sub(text, "Ned Price", s.price)
    elif seed_index == 1:
        gmt = s.local + 5 * 60
        text = _sub(text, "« a eu lieu à 15h35 » (20h35 GMT)", f"« a eu lieu à {_hm(s.local)} » ({_hm(gmt)} GMT)")
        text = _sub(text, "Environ 100 000 soldats", f"Environ {troops:,} soldats".replace(",", " "))
        text = _sub(text, "la deuxième fois", f"la {rank} fois")
        text = _sub(text, "Sergueï Ryabkov", ru)
        text = _sub(text, "Wendy Sherman", s.us)
    elif seed_index == 2:
        gmt = s.announced + 5 * 60
        text = _sub(text, "15h30 HE (20h30 GMT)", f"{_hm(s.announced)} HE ({_hm(gmt)} GMT)")
        text = _sub(text, "Zelenskiy", zel)
        text = _sub(text, "Emily Horne", s.spokesperson)
        text = _sub(text, "selon Horne", f"selon {s.spokesperson.split()[-1]}")
        text = _sub(text, "Horne a déclaré", f"{s.spokesperson.split()[-1]} a déclaré")
        text = _sub(text, "entretenu mercredi", f"entretenu {wd_before}")
    elif seed_index == 3:
        text = _sub(text, "a duré 50 minutes", f"a duré {duration} minutes")
        near = "près d'une heure" if duration == 50 else f"près de {duration} minutes"
        text = _sub(text, "Pendant près d'une heure", f"Pendant {near}")
        text = _sub(text, "le deuxième en moins", f"le {rank} en moins")
        text = _sub(text, "le deuxième entretien", f"le {rank} entretien")
        text = _sub(text, "le 10 janvier", f"le {talks_day.day} janvier")
        text = _sub(text, "a eu lieu jeudi", f"a eu lieu {wd}")
        text = _sub(text, "téléphone jeudi", f"téléphone {wd}")
        text = _sub(text, "Mais jeudi", f"Mais {wd}")
    else:
        about = ABOUT[duration]
        text = _sub(text, "une cinquantaine de minutes", f"une {about} de minutes")
        text = _sub(text, "le deuxième en moins", f"le {rank} en moins")
        text = _sub(text, "le 10 janvier à Genève", f"le {talks_day.day} janvier à Genève")
        text = _sub(text, "pourparlers du 10 janvier", f"pourparlers du {talks_day.day} janvier")
        text = _sub(text, "le 12 janvier", f"le {(talks + timedelta(days=2)).day} janvier")
        text = _sub(text, "le 13 janvier", f"le {(talks + timedelta(days=3)).day} janvier")
        text = _sub(text, "conclu jeudi", f"conclu {wd}")
        text = _sub(text, "s'entretenir mercredi", f"s'entretenir {wd_before}")
        text = _sub(text, "Zelensky", zel)
        text = _sub(text, "Sergueï Riabkov", ru)
        text = _sub(text, "Wendy Sherman", s.us)
    return text


def write_story(folder: Path, index: int, seeds: list[str], count: int = PER_STORY) -> None:
    story = Story(index)
    folder.mkdir(parents=True, exist_ok=True)
    sidecar = ["# Generated by bench/make_corpus.py from the seed articles."]
    for k in range(count):
        seed_index = k % 5
        article_id = f"s{index:05d}_{k:02d}_seed{seed_index}"
        text = article_text(seed_index, seeds, story, copy=k // 5)
        (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
        outlet = OUTLETS[(index * 7 + k) % len(OUTLETS)]
        sidecar.append(f"{article_id}:\n  source: \"{outlet}\"\n  language: fr")
        if seed_index in (1, 3):  # these seeds carry no date marker
            sidecar.append("  date: 2021-12")
    (folder / "sources.yaml").write_text("\n".join(sidecar) + "\n", encoding="utf-8")


def build(size: int, out: Path = OUT, *, force: bool = False) -> Path:
    """``bench/out/corpus-<size>/``, built once: ``size`` articles in stories of ten."""
    target = out / f"corpus-{size}"
    if (target / ".complete").exists() and not force:
        return target
    if target.exists():
        shutil.rmtree(target)
    seeds = _seed_texts()
    stories, rest = divmod(size, PER_STORY)
    for index in range(stories + (1 if rest else 0)):
        count = PER_STORY if index < stories else rest
        write_story(target / f"story{index:05d}", index, seeds, count)
    (target / ".complete").write_text(f"{size}\n", encoding="utf-8")
    return target


def corpus_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.txt"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+", type=int, help="numbers of articles")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--force", action="store_true", help="rebuild even when already built")
    args = parser.parse_args(argv)
    for size in args.sizes:
        path = build(size, args.out, force=args.force)
        print(f"{size} articles: {os.path.relpath(path)} ({corpus_bytes(path) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
