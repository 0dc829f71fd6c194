"""Time the importer: the sample story alone, then a folder of 1,000 generated stories.

    .venv/bin/python bench/import_bench.py [--files 1000]

It runs with DEBUG off, as production does (DEBUG=1 in the environment turns it on, and with
it Django's logging of every query). It works in a throwaway SQLite database in a temporary
folder (the demo newsroom is loaded into it so that people and tags are matched as in real use)
and deletes it afterwards. The 1,000 stories are made from our own invented story templates in
tests/importers/fixtures/, with the people, numbers and headlines varied so that every file is
a new article. Wall time depends on what else the machine is doing; CPU time less so.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "tests" / "importers" / "fixtures").glob("*.txt"))
SAMPLE = ROOT.parent / "shared" / "seeds" / "000_1a6e50ead4563987.txt"
GIVEN = ["Agnes", "Bernard", "Carmen", "Dominic", "Esther", "Felix", "Gloria", "Howard", "Ivy"]
SURNAMES = ["Chow", "Fung", "Ho", "Kwok", "Lam", "Mak", "Ng", "Poon", "Siu", "Tsang", "Wong"]
SYLLABLES = ["chi", "fai", "hing", "ka", "kit", "lok", "man", "ming", "pui", "sze", "wai", "yan"]
# Names in the templates that each generated story replaces with a new invented person.
REPLACED = [
    "Felicia Wong Sze Min", "Marcus Teoh Kah Wei", "Evelyn Tan Pei Shan", "Roberto Alvarez",
]  # fmt: skip


def invented_name(rng: random.Random) -> str:
    """Return a new invented Hong Kong-style name ("Mabel Kwok Ka-yan")."""
    given = f"{rng.choice(SYLLABLES).capitalize()}-{rng.choice(SYLLABLES)}"
    return f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)} {given}"


def write_stories(folder: Path, count: int) -> None:
    """Write `count` distinct stories made from the templates into `folder`."""
    rng = random.Random(2025)
    templates = [path.read_text(encoding="utf-8") for path in TEMPLATES]
    for number in range(count):
        text = templates[number % len(templates)]
        for name in REPLACED:
            text = text.replace(name, invented_name(rng))
        headline, rest = text.split("\n", 1)
        text = f"{headline} ({number + 1})\n{rest.replace('600', str(600 + number))}"
        (folder / f"story-{number:04d}.txt").write_text(text, encoding="utf-8")


def setup_django(folder: Path) -> None:
    os.environ["SQLITE_PATH"] = str(folder / "bench.sqlite3")
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("DATABASE_REPLICA_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("DEBUG", "0")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from seeds.loader import load_newsroom

    call_command("migrate", verbosity=0)
    load_newsroom()


def time_sample() -> None:
    from articles.services.importing import import_article

    if not SAMPLE.exists():
        print(f"sample story: skipped, {SAMPLE} is absent")
        return
    data = SAMPLE.read_bytes()
    started = time.perf_counter()
    import_article(data=data, dry_run=True)
    cold = time.perf_counter() - started
    runs = []
    for _ in range(20):
        started = time.perf_counter()
        import_article(data=data, dry_run=True)
        runs.append(time.perf_counter() - started)
    writes, outcome = time_full_imports(data, 5)
    print(f"sample story, first import in the process (loads the gazetteer): {cold:.3f} s")
    median = statistics.median(runs)
    print(f"sample story, recognise and match (median of 20 dry runs): {median:.3f} s")
    print(f"sample story, full import with every write (median of {len(writes)}): "
          f"{statistics.median(writes):.3f} s, slowest {max(writes):.3f} s "
          f"({len(outcome.plan.people)} people, {len(outcome.plan.tags)} tags)")  # fmt: skip


def time_full_imports(data: bytes, count: int) -> tuple[list[float], object]:
    """Import `data` `count` times, each time into the same newsroom (the draft and the people
    it created are deleted between runs, so every run writes everything again)."""
    from django.db.models import Max

    from articles.services.importing import import_article
    from people.models import Person

    times = []
    for number in range(count):
        last_person = Person.objects.aggregate(last=Max("pk"))["last"] or 0
        started = time.perf_counter()
        outcome = import_article(data=data)
        times.append(time.perf_counter() - started)
        if number < count - 1:
            outcome.article.delete()
            Person.objects.filter(pk__gt=last_person).delete()
    return times, outcome


def time_folder(folder: Path, count: int) -> None:
    from django.core.management import call_command

    from articles.models import Article

    stories = folder / "stories"
    stories.mkdir()
    write_stories(stories, count)
    before = Article.objects.count()
    started, cpu = time.perf_counter(), time.process_time()
    call_command(
        "import_article", str(stories), section="business", stdout=StringIO(), stderr=StringIO()
    )
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    created = Article.objects.count() - before
    # CPU time shows the work itself; wall time adds disk syncs and other load on the machine.
    print(f"{count} files: {created} articles created in {elapsed:.1f} s wall, {cpu:.1f} s CPU "
          f"({elapsed / count * 1000:.0f} ms a file)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        setup_django(folder)
        time_sample()
        time_folder(folder, args.files)


if __name__ == "__main__":
    main()
