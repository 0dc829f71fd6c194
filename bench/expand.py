"""Grow a generated archive tenfold (or `--times` fold) in SQL, one committed copy at a time.

    cp /tmp/bench-100k.sqlite3 /tmp/bench-1m.sqlite3
    SQLITE_PATH=/tmp/bench-1m.sqlite3 .venv/bin/python bench/expand.py --times 10
    createdb -T masthead_bench100k masthead_bench1m
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/masthead_bench1m \
        .venv/bin/python bench/expand.py --times 10

Generating a million articles in Python takes hours on a small shared machine; copying a
generated hundred thousand with their bylines, mentions and topics takes minutes. The copies
spread the archive's years evenly (copy k takes the k-th slice of the original span, and the
originals the first), so ids still grow with publication time as in a real archive. Words
repeat tenfold: posting lists have a real million's length, the vocabulary a hundred
thousand's. A stopped run resumes at the next whole copy.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from articles.models import Article, Byline, Mention, TaggedArticle  # noqa: E402
from search import vocabulary  # noqa: E402
from search.models import Word  # noqa: E402

RELATIONS = [(Byline, "article_id"), (Mention, "article_id"), (TaggedArticle, "content_object_id")]
# The search index's rows, copied too when the originals are indexed: a copy's text is its
# original's, so its vectors (PostgreSQL) or its FTS5 row (SQLite, tokenized again in C)
# are what indexing it would write, minutes instead of hours.
INDEX = {
    "postgresql": ("search_articleindex", "article_id", ["title", "document"]),
    "sqlite": ("search_articlefts", "rowid", ["headline", "secondary", "body"]),
}


def columns(model) -> list[str]:
    """Return the model's column names, without its id."""
    return [field.column for field in model._meta.concrete_fields if not field.primary_key]


def spread(times: int, k: int) -> str:
    """Return SQL moving a publication time into the k-th of `times` slices of the span."""
    if connection.vendor == "postgresql":
        return f"(%(oldest)s + ((published_at - %(oldest)s) + {k} * %(span)s) / {times})"
    jd = f"(julianday(%(oldest)s) + ((julianday(published_at) - julianday(%(oldest)s)) + {k} * %(span)s) / {times})"  # noqa: E501
    return f"strftime('%%Y-%%m-%%d %%H:%%M:%%f', {jd})"


def copy(k: int, times: int, base: int, bounds: dict) -> None:
    """Insert copy k of the first `base` articles and their relations, ids shifted by k·base."""
    offset = k * base
    cols = columns(Article)
    chosen = [
        spread(times, k) if c == "published_at" else f"slug || '-c{k}'" if c == "slug" else c
        for c in cols
    ]
    sql = (
        f"INSERT INTO articles_article (id, {', '.join(cols)}) "
        f"SELECT id + {offset}, {', '.join(chosen)} FROM articles_article WHERE id <= {base}"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, bounds)
        for model, key in RELATIONS:
            cols = columns(model)
            picked = [f"{c} + {offset}" if c == key else c for c in cols]
            table = model._meta.db_table
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(picked)} "
                f"FROM {table} WHERE {key} <= {base}"
            )
        table, key, cols = INDEX[connection.vendor]
        cursor.execute(
            f"INSERT INTO {table} ({key}, {', '.join(cols)}) SELECT {key} + {offset}, "
            f"{', '.join(cols)} FROM {table} WHERE {key} <= {base}"
        )


def squeeze_originals(times: int, base: int, bounds: dict) -> None:
    """Move the originals' times into the first slice, once every copy is made."""
    sql = f"UPDATE articles_article SET published_at = {spread(times, 0)} WHERE id <= {base}"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, bounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=10)
    args = parser.parse_args()
    started = time.perf_counter()
    originals = Article.objects.exclude(slug__regex=r"-c[0-9]+$")
    base = originals.count()
    if originals.order_by("-pk").values_list("pk", flat=True).first() != base:
        raise SystemExit("Expand an archive whose ids run 1…N without gaps.")
    done = Article.objects.count() // base
    if done >= args.times:
        raise SystemExit("This archive is already expanded.")
    times = originals.order_by("published_at").values_list("published_at", flat=True)
    oldest, newest = times.first(), times.last()
    span = newest - oldest
    bounds = {"oldest": oldest, "span": span.total_seconds() / 86400}
    if connection.vendor == "postgresql":
        bounds["span"] = span
    for k in range(done, args.times):
        copy(k, args.times, base, bounds)
        print(f"  copy {k}: {(k + 1) * base} articles", flush=True)
    squeeze_originals(args.times, base, bounds)
    with transaction.atomic(), connection.cursor() as cursor:
        # Every word is now in `times` as many articles.
        counts = ", ".join(f"{name} = {name} * {args.times}" for name in vocabulary.COUNTS)
        cursor.execute(f"UPDATE {Word._meta.db_table} SET {counts}")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for model in (Article, Byline, Mention, TaggedArticle):
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table}"
                )
        cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_articlefts (search_articlefts) VALUES ('optimize')")
    print(f"{Article.objects.count()} articles in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
