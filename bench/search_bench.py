"""Time the readers' search over a generated archive: the query mix, the index, an edit.

    SQLITE_PATH=/tmp/bench.sqlite3 .venv/bin/python bench/search_bench.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/masthead_bench \
        .venv/bin/python bench/search_bench.py --explain

Each search does what the search page does before rendering: rank every match into its
tier (search/tiers.py), suggest for unknown words (and fall back when nothing matches),
load and highlight the first 20 results with their credits, and count the facets. The mix
holds one common word, one rare word, two words, a phrase, a misspelling and a query with a
filter, several of each; p50/p95/p99 are over every run of the mix. The ceiling printed
beside them is the issue's target; the floor is one primary-key lookup, measured in the
same run, for how fast the machine and database answer at all.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("MASTHEAD_DEMO", "0")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from articles.models import Article, Section, Tag  # noqa: E402
from articles.services.writing import write_article  # noqa: E402
from people.models import Person  # noqa: E402
from search import vocabulary  # noqa: E402
from search.indexing import index_size, rebuild_index  # noqa: E402
from search.service import answer, search_articles  # noqa: E402

PAGE = 20
CEILING = {"p95": 50.0, "p99": 150.0}


def query_mix() -> list[tuple[str, str, dict]]:
    """Return (kind, words, filters) for every search of the mix, read from the archive."""
    # The generated archive's words are all common; a person's numbered name is rare.
    people = Person.objects.filter(slug__startswith="bench-person-").order_by("pk")
    rare = [person.full_name.split()[-1] for person in people[500:1501:500]]
    business = Section.objects.filter(name="Business").first()
    housing = Tag.objects.filter(name__iexact="housing").first()
    last_year = date.today() - timedelta(days=365)
    return [
        *[("common", word, {}) for word in ("council", "government", "regional")],
        *[("rare", word, {}) for word in rare],
        *[("two words", words, {}) for words in ("green bonds", "airport fares", "Tsuen Wan")],
        *[("phrase", words, {}) for words in ('"green bonds"', '"elderly care"', '"Tsuen Wan"')],
        *[("misspelling", word, {}) for word in ("univercity", "goverment", "typhon")],
        ("filter", "housing", {"section": business}),
        ("filter", "ferries", {"date_from": last_year}),
        ("filter", "budget", {"tag": housing}),
    ]


def search_page(text: str, filters: dict) -> int:
    """Search as the page does (answer, first page with credits and snippets, facets)."""
    found = answer(text, **filters)
    results = found.results
    results.highlight(results.fetch(results.ids[:PAGE]))
    found.facets()
    return len(results.ids)


def floor() -> None:
    """Look one article up by its primary key: the fastest answer the database gives."""
    Article.objects.filter(pk=1).values_list("pk", flat=True).first()


def timings(mix, rounds: int, clock=time.perf_counter) -> dict[str, list[float]]:
    """Return the milliseconds of every run of each kind, after one warm-up pass."""
    for _, text, filters in mix:
        search_page(text, filters)
    samples: dict[str, list[float]] = {}
    for _ in range(rounds):
        for kind, text, filters in mix:
            started = clock()
            search_page(text, filters)
            samples.setdefault(kind, []).append((clock() - started) * 1000)
    return samples


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    """Return p50, p95 and p99."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return statistics.median(samples), cuts[94], cuts[98]


def edit_to_searchable() -> float:
    """Return the milliseconds from an edit's commit until a search finds its new word."""
    article = Article.objects.published().order_by("pk").first()
    word = f"zephyrine{int(time.time())}"
    user, _ = get_user_model().objects.get_or_create(username="search-bench")
    started = time.perf_counter()
    with transaction.atomic():
        write_article(article=article, fields={"headline": f"{article.headline} {word}"},
                      user=user, comment="Search benchmark edit")  # fmt: skip
    while not search_articles(word).ids:
        time.sleep(0.005)
    return (time.perf_counter() - started) * 1000


def explain(mix) -> None:
    """Print the plan of each tier query of one search of each kind."""
    from search import postgres, sqlite
    from search.query import parse_query
    from search.tiers import TIERS

    engine = postgres if connection.vendor == "postgresql" else sqlite
    postgresql = connection.vendor == "postgresql"
    prefix = "EXPLAIN (ANALYZE, BUFFERS)" if postgresql else "EXPLAIN QUERY PLAN"
    seen = set()
    for kind, text, _ in mix:
        if kind in seen:
            continue
        seen.add(kind)
        parsed = parse_query(text)
        counts = vocabulary.counts_of(parsed, "default")
        for tier in TIERS:
            if tier.counted and vocabulary.unreachable(parsed, tier.counted, counts):
                print(f"--- {kind} {text!r}, tier {tier.name}: skipped (a word is in none)")
                continue
            sql, params = capture_sql(engine.tier_matches, parsed, tier)
            with connection.cursor() as cursor:
                cursor.execute(f"{prefix} {sql}", params)
                plan = "\n".join(" ".join(map(str, row)) for row in cursor.fetchall())
            print(f"--- {kind} {text!r}, tier {tier.name}:\n{plan}")


def capture_sql(tier_matches, parsed, tier) -> tuple[str, list]:
    """Return the SQL and parameters of the query of one tier over published articles."""
    queries = []

    def keep(execute, sql, params, many, context):
        queries.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        tier_matches(Article.objects.published(), parsed, tier, 1000)
    return queries[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="Rebuild the index first.")
    parser.add_argument("--explain", action="store_true", help="Print the tier queries' plans.")
    parser.add_argument("--no-edit", action="store_true", help="Skip the edit timing.")
    args = parser.parse_args()
    print(f"{connection.vendor}: {Article.objects.count()} articles; load {os.getloadavg()}")
    if args.rebuild:
        report = rebuild_index()
        print(f"Indexing: {report.articles} articles in {report.seconds:.1f} s, "
              f"{report.per_second:.0f} articles/s")  # fmt: skip
    print(f"Index size: {index_size() / 1e6:.1f} MB")
    mix = query_mix()
    if args.explain:
        explain(mix)
    samples = timings(mix, args.rounds)
    everything = [ms for runs in samples.values() for ms in runs]
    p50, p95, p99 = percentiles(everything)
    ceiling = f"ceiling p95 {CEILING['p95']:.0f}, p99 {CEILING['p99']:.0f}"
    print(f"Query mix ({len(everything)} searches): p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
          f"p99 {p99:.1f} ms ({ceiling})")  # fmt: skip
    for kind, runs in samples.items():
        k50, k95, k99 = percentiles(runs)
        print(f"  {kind}: p50 {k50:.1f}, p95 {k95:.1f}, p99 {k99:.1f} ms")
    # On a machine other processes share, wall time counts their turns too; this process's
    # CPU time does not (for SQLite it is the whole search; PostgreSQL's server is apart).
    cpu = [ms for runs in timings(mix, args.rounds, time.process_time).values() for ms in runs]
    c50, c95, c99 = percentiles(cpu)
    print(f"Query mix, this process's CPU time: p50 {c50:.1f} ms, p95 {c95:.1f} ms, "
          f"p99 {c99:.1f} ms")  # fmt: skip
    started = time.perf_counter()
    for _ in range(100):
        floor()
    print(f"Floor (primary-key lookup): {(time.perf_counter() - started) * 10:.2f} ms")
    if not args.no_edit:
        print(f"Edit to searchable: {edit_to_searchable():.0f} ms")
    print(f"load {os.getloadavg()}")


if __name__ == "__main__":
    main()
