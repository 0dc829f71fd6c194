"""Time typical searches against the full-text index and against a plain icontains search.

    SQLITE_PATH=/tmp/bench.sqlite3 .venv/bin/python bench/search_bench.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/masthead_bench \
        .venv/bin/python bench/search_bench.py

Each search fetches what the search page shows first: the count and the first 20 results.
"Page" is the readers' search page's path (ranked ids, then only the shown articles);
"queryset" is the admin's (count and slice the ranked queryset; the API slices without counting).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402

from articles.models import Article  # noqa: E402
from search.indexing import index_size, rebuild_index  # noqa: E402
from search.service import search_articles  # noqa: E402

QUERIES = [
    "Leung", "Kowloon", "housing", "green bonds", '"green bonds"', "Tsuen Wan", "ferries",
    "Chan Macau", "budget lawmakers", "airport fares", "Wong typhoons", "data privacy Singapore",
    "universities -Tokyo", "hospital", "Shenzhen trade", "elderly care", "tariffs exporters",
    "horse racing", "Geneva banking", "Yip",
]  # fmt: skip
PAGE = 20


def full_text(query: str) -> None:
    """Run one search as the search page does: rank, count, then load the first page."""
    results = search_articles(query)
    len(results.ids)
    results.fetch(results.ids[:PAGE])


def full_text_queryset(query: str) -> None:
    """Run one search as the admin does: count the ranked queryset, then slice a page."""
    results = search_articles(query).articles
    results.count()
    list(results[:PAGE])


def icontains(query: str) -> None:
    """Run the same words as a plain case-insensitive substring search, newest first."""
    articles = Article.objects.published()
    for word in query.replace('"', "").split():
        if word.startswith("-"):
            articles = articles.exclude(body__icontains=word[1:])
            continue
        fields = Q(headline__icontains=word) | Q(standfirst__icontains=word)
        articles = articles.filter(fields | Q(body__icontains=word))
    articles = articles.order_by("-published_at")
    articles.count()
    list(articles[:PAGE])


def timings(run, queries: list[str], rounds: int) -> list[float]:
    """Return the milliseconds of every run of every query, after one warm-up pass."""
    for query in queries:
        run(query)
    samples = []
    for _ in range(rounds):
        for query in queries:
            started = time.perf_counter()
            run(query)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def summary(samples: list[float]) -> tuple[float, float]:
    """Return the median and the 95th percentile."""
    return statistics.median(samples), statistics.quantiles(samples, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="Rebuild the index first.")
    args = parser.parse_args()
    print(f"{connection.vendor}: {Article.objects.count()} articles")
    if args.rebuild:
        report = rebuild_index()
        print(f"Indexing: {report.articles} articles in {report.seconds:.1f} s, "
              f"{report.per_second:.0f} articles/s")  # fmt: skip
    print(f"Index size: {index_size() / 1e6:.1f} MB")
    fts_median, fts_p95 = summary(timings(full_text, QUERIES, args.rounds))
    print(f"Full-text, page: median {fts_median:.1f} ms, p95 {fts_p95:.1f} ms")
    qs_median, qs_p95 = summary(timings(full_text_queryset, QUERIES, args.rounds))
    print(f"Full-text, queryset: median {qs_median:.1f} ms, p95 {qs_p95:.1f} ms")
    like_median, like_p95 = summary(timings(icontains, QUERIES, 1))
    print(f"icontains: median {like_median:.1f} ms, p95 {like_p95:.1f} ms")
    print(f"icontains / full-text (median): {like_median / fts_median:.1f}x")
    for query in QUERIES:
        print(f"  {query!r}: {summary(timings(full_text, [query], 3))[0]:.1f} ms")


if __name__ == "__main__":
    main()
