"""Score the importer over the corpus of house-style stories, and time each import.

    .venv/bin/python bench/ingest_corpus.py [--root OTHER_CHECKOUT] [--table TOML] [--runs 5]

Every story of tests/importers/corpus/ is planned (recognised and matched, nothing written)
in a throwaway SQLite newsroom that holds one section and no tags or people: tags must come
from the story itself. `--root` measures another checkout's importer (main's, for the
figures before a change) against this checkout's corpus. Each figure is printed beside the
target the issue set. Times are wall-clock medians of `--runs` warm runs per story, printed
beside the ceiling measured in the same run: the time to plan a trivial story (a headline and
one sentence), which is what every import costs whatever its copy. Other work on the machine
disturbs them.
"""

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
TABLE = HERE / "tests" / "importers" / "corpus" / "table.py"
TRIVIAL = b"A trivial story\n\nThe council met on Monday.\n"


def load_table():
    spec = importlib.util.spec_from_file_location("corpus_table", TABLE)
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_table"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def setup_django(root: Path, folder: Path) -> None:
    os.environ["SQLITE_PATH"] = str(folder / "corpus.sqlite3")
    for name in ("DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("DEBUG", "0")
    os.chdir(root)
    sys.path.insert(0, str(root))
    import django

    django.setup()
    from django.core.management import call_command

    from articles.models import Section

    call_command("migrate", verbosity=0)
    Section.objects.create(name="News", slug="news", position=0)


def plan_story(data: bytes, runs: int):
    """Return the plan of one story and the median time of `runs` warm plans."""
    from articles.services.importing import plan_import

    plan = plan_import(data=data)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        plan_import(data=data)
        times.append(time.perf_counter() - started)
    return plan, statistics.median(times)


class Tally:
    """Counts of found over wanted, per figure."""

    def __init__(self):
        self.counts: dict[str, list[int]] = {}
        self.misses: list[str] = []

    def add(self, figure: str, found: int, wanted: int, miss: str = "") -> None:
        counts = self.counts.setdefault(figure, [0, 0])
        counts[0] += found
        counts[1] += wanted
        if miss:
            self.misses.append(miss)

    def ratio(self, figure: str) -> float:
        found, wanted = self.counts.get(figure, [0, 0])
        return found / wanted if wanted else 1.0

    def fraction(self, figure: str) -> str:
        found, wanted = self.counts.get(figure, [0, 0])
        return f"{found}/{wanted}"


def score(story, seen, tally: Tally) -> None:
    """Add one story's results to the tally."""
    name = story.file
    expected = set(story.people)
    found = set(seen.people)
    tally.add(
        "people recall",
        len(expected & found),
        len(expected),
        f"{name}: missed {sorted(expected - found)}" if expected - found else "",
    )
    tally.add(
        "people precision",
        len(expected & found),
        len(found),
        f"{name}: not people {sorted(found - expected)}" if found - expected else "",
    )
    roles = story.roles
    kept = [person for person, phrase in roles.items() if seen.has_role(person, phrase)]
    lost = {p: seen.people.get(p) for p in roles if p not in kept}
    tally.add("role phrases", len(kept), len(roles), f"{name}: roles {lost}" if lost else "")
    bylines = story.bylines
    tally.add(
        "bylines",
        len(bylines & seen.bylines),
        len(bylines),
        f"{name}: bylines {sorted(seen.bylines)}" if bylines != seen.bylines else "",
    )
    right = sum(a == b for a, b in zip(story.credits, seen.credits, strict=False))
    tally.add(
        "photo credits",
        right,
        max(len(story.credits), len(seen.credits)),
        f"{name}: credits {seen.credits}" if story.credits != seen.credits else "",
    )
    for figure, wanted, got in [
        ("datelines", story.dateline, seen.dateline),
        ("sources", story.source, seen.source),
        ("headlines", story.headline, seen.headline),
        ("standfirsts", story.standfirst, seen.standfirst),
        ("sub-headings", story.subheadings, seen.subheadings),
        ("correction notes", story.corrections, seen.corrections),
    ]:
        tally.add(
            figure, int(wanted == got), 1, f"{name}: {figure} {got!r}" if wanted != got else ""
        )
    left = seen.boilerplate_left(story)
    tally.add(
        "boilerplate left",
        len(left),
        len(story.boilerplate),
        f"{name}: boilerplate {left}" if left else "",
    )
    tags = [tag for tag in story.tags if seen.has_tag(tag)]
    tally.add(
        "expected tags",
        len(tags),
        len(story.tags),
        f"{name}: tags {seen.tags}" if len(tags) < len(story.tags) else "",
    )
    if seen.words >= TABLE_MODULE.TAGGED_WORDS:
        low, high = TABLE_MODULE.TAG_RANGE
        good = low <= len(seen.tags) <= high
        tally.add("stories of 300+ words with 3-8 tags", int(good), 1,
                  "" if good else f"{name}: {len(seen.tags)} tags")  # fmt: skip


def report(tally: Tally, times: list[float], trivial: float, stories: int, styles: int) -> None:
    print(f"corpus: {stories} stories in {styles} house styles")
    rows = [
        ("people recall", f"{tally.ratio('people recall'):.3f}", ">= 0.95"),
        ("people precision", f"{tally.ratio('people precision'):.3f}", ">= 0.98"),
        ("role-phrase recall", f"{tally.ratio('role phrases'):.3f}", ">= 0.9"),
    ]
    for figure in ("bylines", "photo credits", "datelines", "sources", "headlines",
                   "standfirsts", "sub-headings", "correction notes", "expected tags",
                   "stories of 300+ words with 3-8 tags"):  # fmt: skip
        rows.append((figure + " right", tally.fraction(figure), "all"))
    rows.append(("boilerplate pieces left", tally.fraction("boilerplate left"), "0"))
    ceiling = f"< 50; a trivial story {trivial * 1000:.1f}"
    rows.append(
        ("import time, median story (ms)", f"{statistics.median(times) * 1000:.1f}", ceiling)
    )
    rows.append(("import time, slowest story (ms)", f"{max(times) * 1000:.1f}", ceiling))
    width = max(len(row[0]) for row in rows)
    for figure, value, target in rows:
        print(f"  {figure:<{width}}  {value:>9}   target {target}")


def main() -> None:
    global TABLE_MODULE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=HERE, help="checkout whose importer to score")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--table", type=Path, help="another table of stories (expected.toml)")
    parser.add_argument("--misses", action="store_true", help="list what each story missed")
    args = parser.parse_args()
    TABLE_MODULE = load_table()
    stories = TABLE_MODULE.load_stories(*([args.table.resolve()] if args.table else []))
    with tempfile.TemporaryDirectory() as folder:
        setup_django(args.root.resolve(), Path(folder))
        tally, times = Tally(), []
        trivial = plan_story(TRIVIAL, args.runs)[1]
        for story in stories:
            plan, seconds = plan_story(story.data, args.runs)
            times.append(seconds)
            score(story, TABLE_MODULE.Observed.of(plan), tally)
    print(f"importer of {args.root.resolve()}")
    report(tally, times, trivial, len(stories), len({story.style for story in stories}))
    if args.misses:
        print("\n".join(tally.misses))


if __name__ == "__main__":
    main()
