"""Time what the outbox adds to a save: one article written through the write path.

    .venv/bin/python bench/outbox.py [--saves 300]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/masthead_bench_outbox \\
        .venv/bin/python bench/outbox.py   # a throwaway database: it is migrated and filled

Three ways of saving the same article (a headline and its byline and topics rewritten, one
transaction, committed), taken in turns so that the machine's load falls on each alike:

- ceiling: no event recorded at all (the write path's `record` made a no-op for the run);
- outbox: the event's row written in the transaction, its effects left to the worker;
- at commit: the row, and the effects that run at commit (page-cache bump, revision check,
  search indexing) in the saving process, as a request's save does.

The outbox's cost is the median of "outbox" less the median of the ceiling, and, less
sensitive to the machine's load, the median time spent inside `record()` itself. It runs with
DEBUG off; with no DATABASE_URL it uses a temporary SQLite file (no Redis: the page cache's
tag versions are in the database cache).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(folder: Path) -> None:
    if not os.environ.get("DATABASE_URL"):
        os.environ["SQLITE_PATH"] = str(folder / "bench.sqlite3")
    for name in ("DATABASE_REPLICA_URL", "REDIS_URL", "PAGE_CACHE_REDIS_URL"):
        os.environ.pop(name, None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("DEBUG", "0")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def newsroom():
    """Return an article with a byline and two topics, and the people and topics to swap."""
    from django.utils import timezone

    from articles.models import Article, Section, Tag
    from people.models import Person

    run = uuid.uuid4().hex[:8]  # a database used before keeps its rows: new slugs each run
    section = Section.objects.create(name=f"Bench {run}", slug=f"bench-{run}")
    people = [
        Person.objects.create(full_name=f"Writer {n} {run}", slug=f"bench-{run}-{n}")
        for n in range(2)
    ]
    topics = [
        Tag.objects.create(name=f"Bench topic {n} {run}", slug=f"bench-{run}-{n}") for n in range(4)
    ]
    article = Article.objects.create(
        headline="Bench story", slug="bench-story", section=section,
        status=Article.Status.PUBLISHED, published_at=timezone.now(),
    )  # fmt: skip
    return article, people, topics


def save(article_id: int, people, topics, n: int) -> float:
    """Write the article once (fields and relations, one revision); return the seconds taken."""
    from django.db import transaction

    from articles.models import Article, Byline
    from articles.services.writing import ArticleRelations, write_article

    relations = ArticleRelations(
        bylines=[Byline(person=people[n % 2])], tags=[topics[n % 4], topics[(n + 1) % 4]]
    )
    started = time.perf_counter()
    with transaction.atomic():
        article = Article.objects.get(pk=article_id)
        write_article(
            article=article, fields={"headline": f"Bench story {n}"}, relations=relations,
            user=None, comment="Bench",
        )  # fmt: skip
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=300, help="saves of each kind")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="masthead-outbox-") as folder:
        setup_django(Path(folder))
        from django.db import connection

        from articles import changes
        from events import services

        article, people, topics = newsroom()
        # The write path records through articles.changes, which imported `record`.
        record, dispatch = changes.record, services._dispatch_at_commit
        inside: list[float] = []

        def timed_record(*args, **kwargs):
            started = time.perf_counter()
            record(*args, **kwargs)
            inside.append(time.perf_counter() - started)

        modes = {
            "ceiling": (lambda *a, **k: None, dispatch),
            "outbox": (timed_record, lambda *a, **k: None),
            "at commit": (record, dispatch),
        }
        times = {mode: [] for mode in modes}
        order = list(modes)
        for n in range(args.saves + 20):
            order = order[1:] + order[:1]  # each kind first in turn, as a checkpoint may follow
            for mode in order:
                recorder, dispatcher = modes[mode]
                changes.record, services._dispatch_at_commit = recorder, dispatcher
                seconds = save(article.pk, people, topics, n)
                if n >= 20:  # the first saves warm caches and connections
                    times[mode].append(seconds)
        changes.record, services._dispatch_at_commit = record, dispatch
        median = {mode: statistics.median(values) * 1000 for mode, values in times.items()}
        print(f"{connection.vendor}, {args.saves} saves of each kind (median ms per save):")
        for mode, ms in median.items():
            print(f"  {mode:<10} {ms:7.2f} ms")
        cost = median["outbox"] - median["ceiling"]
        print(f"  the outbox row adds {cost:.2f} ms to a save (ceiling 2 ms)")
        row = statistics.median(inside[20:]) * 1000
        print(f"  time inside record() (the row's INSERT and commit hook): {row:.2f} ms median")
        print(f"  the at-commit effects add {median['at commit'] - median['outbox']:.2f} ms more")


if __name__ == "__main__":
    main()
