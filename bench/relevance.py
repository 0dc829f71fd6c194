"""Measure search relevance on the demo newsroom plus a generated archive: nDCG@10, best first.

    SQLITE_PATH=/tmp/relevance.sqlite3 .venv/bin/python bench/relevance.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/masthead_relevance \
        .venv/bin/python bench/relevance.py

Run it on an empty database of its own: it migrates it, loads the demo newsroom, generates
a small archive beside it (bench/generate.py), indexes both and searches the queries of
bench/relevance_set.json, which were written down before any tuning. The best article of a
query gains 2, any other listed one 1; nDCG@10 divides by the ideal order's gain.
"""

import argparse
import json
import math
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("MASTHEAD_DEMO", "0")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from articles.models import Article  # noqa: E402
from search import service  # noqa: E402

SET = Path(__file__).with_name("relevance_set.json")
CUTOFF = 10


def dcg(gains: list[float]) -> float:
    """Return the discounted cumulative gain of gains in rank order."""
    return sum(gain / math.log2(rank + 2) for rank, gain in enumerate(gains[:CUTOFF]))


def ndcg(found: list[str], wanted: list[str]) -> float:
    """Return nDCG@10 of the found slugs, the first wanted one gaining 2 and the others 1."""
    gain = dict.fromkeys(wanted, 1.0) | {wanted[0]: 2.0}
    ideal = dcg(sorted(gain.values(), reverse=True))
    return dcg([gain.get(slug, 0.0) for slug in found]) / ideal


def generated_queries(spec: dict) -> list[tuple[str, list[str]]]:
    """Return place-and-topic queries with their relevant slugs, by the set's rule."""
    from bench.generate import PLACES, TOPICS

    rng = random.Random(spec["seed"])
    queries = []
    while len(queries) < spec["queries"]:
        place, topic = rng.choice(PLACES), rng.choice(TOPICS)
        start = f"{place} {topic}".capitalize()
        relevant = Article.objects.published().filter(headline__startswith=start + " ")
        slugs = list(relevant.order_by("-published_at").values_list("slug", flat=True)[:5])
        if slugs and (f"{place} {topic}", slugs) not in queries:
            queries.append((f"{place} {topic}", slugs))
    return queries


def prepare(spec: dict) -> None:
    """Migrate, load the demo newsroom and a generated archive, and index them."""
    from bench.generate import generate
    from seeds.loader import load_newsroom

    call_command("migrate", verbosity=0)
    if not Article.objects.exists():
        load_newsroom()
        generate(spec["articles"])
    call_command("rebuild_search_index", verbosity=0)


def ranked(text: str):
    """Return what a reader is shown for `text`: with its fallback where search has one."""
    if hasattr(service, "answer"):
        return service.answer(text).results.articles
    return service.search_articles(text).articles


def evaluate(queries, verbose: bool) -> tuple[float, float]:
    """Return the mean nDCG@10 and the share of queries whose best article comes first."""
    scores, firsts = [], 0
    for text, wanted in queries:
        found = list(ranked(text).values_list("slug", flat=True)[:CUTOFF])
        scores.append(ndcg(found, wanted))
        firsts += bool(found) and found[0] == wanted[0]
        if verbose and (not found or found[0] != wanted[0]):
            print(f"  {text!r}: first {found[:1]}, wanted {wanted[0]} ({scores[-1]:.2f})")
    return sum(scores) / len(scores), firsts / len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="List misplaced bests.")
    args = parser.parse_args()
    relevance_set = json.loads(SET.read_text())
    prepare(relevance_set["generated"])
    demo = [(text, wanted) for text, wanted in relevance_set["demo"]]
    generated = generated_queries(relevance_set["generated"])
    print(f"{connection.vendor}: {Article.objects.count()} articles")
    for name, queries in (("demo", demo), ("generated", generated), ("all", demo + generated)):
        mean, first = evaluate(queries, args.verbose and name != "all")
        print(f"{name}: {len(queries)} queries, nDCG@10 {mean:.3f}, best first {first:.0%}")


if __name__ == "__main__":
    main()
