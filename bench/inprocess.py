"""Time each public page in-process (Django's test client, production settings), uncached.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/masthead_bench \\
        .venv/bin/python bench/inprocess.py
    SQLITE_PATH=/tmp/bench.sqlite3 .venv/bin/python bench/inprocess.py --repeat 50
    ... bench/inprocess.py --profile article     # where the article page's time goes (cProfile)
    ... bench/inprocess.py --queries "API list"  # its queries, slowest first
    PAGE_CACHE=on REDIS_URL=redis://127.0.0.1:6379/9 ... bench/inprocess.py --profile home  # a hit

No server and no network: each URL is requested `--repeat` times after two warm-up requests,
and the table shows the median and 90th percentile time, the queries per request and the time
spent in SQL. The ceiling is the bench-only trivial view measured in the same run.
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings.production",
    SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789"),
    SECURE_SSL_REDIRECT="0",
    ALLOWED_HOSTS="testserver",
    BENCH_CEILING="1",
    PAGE_CACHE=os.environ.get("PAGE_CACHE", "off"),
    LOG_LEVEL="WARNING",
)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def pick_urls() -> dict[str, str]:
    """Return one URL of each kind of page, read from the database (bench/serve.py's choice)."""
    from bench.serve import PICK_URLS

    printed: list[str] = []
    exec(PICK_URLS, {"print": printed.append})  # our own constant code
    urls = json.loads(printed[-1])
    urls.pop("ceiling: static file")  # whitenoise serves it before Django; not in-process
    return urls


def measure(client: Client, url: str, repeat: int) -> dict:
    """Request `url` repeatedly; return its timings, queries and SQL time."""
    for _ in range(2):
        client.get(url)
    seconds, sql = [], []
    with CaptureQueriesContext(connection) as captured:
        for _ in range(repeat):
            before = len(captured.captured_queries)
            started = time.perf_counter()
            response = client.get(url)
            seconds.append(time.perf_counter() - started)
            run = captured.captured_queries[before:]
            sql.append(sum(float(query["time"]) for query in run))
    seconds.sort()
    return {
        "status": response.status_code,
        "median": statistics.median(seconds) * 1000,
        "p90": seconds[int(len(seconds) * 0.9) - 1] * 1000,
        "queries": len(captured.captured_queries) // repeat,
        "sql": statistics.median(sql) * 1000,
    }


def profile(client: Client, url: str, repeat: int) -> None:
    """Print the functions where requests to `url` spend their time."""
    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(url)
    profiler.disable()
    pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(40)


def show_queries(client: Client, url: str) -> None:
    """Print each query one request to `url` makes, with its time, slowest first."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    for query in sorted(captured.captured_queries, key=lambda q: -float(q["time"])):
        print(f"{float(query['time']) * 1000:8.1f} ms  {query['sql']}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--profile", metavar="KIND", help="profile one kind of page instead")
    parser.add_argument("--queries", metavar="KIND", help="print one kind of page's queries")
    args = parser.parse_args()
    call_command("collectstatic", interactive=False, verbosity=0)  # production's manifest
    urls = pick_urls()
    client = Client()
    if args.queries:
        show_queries(client, urls[args.queries])
        return
    if args.profile:
        profile(client, urls[args.profile], args.repeat)
        return
    reset_queries()
    cache = "on" if settings.PAGE_CACHE else "off"
    print(f"{connection.vendor}, {args.repeat} requests per URL, PAGE_CACHE={cache}\n")
    print(f"{'page':24} {'status':>6} {'median ms':>10} {'p90 ms':>8} {'queries':>8} {'SQL ms':>7}")
    for kind, url in urls.items():
        row = measure(client, url, args.repeat)
        print(
            f"{kind:24} {row['status']:>6} {row['median']:>10.1f} {row['p90']:>8.1f}"
            f" {row['queries']:>8} {row['sql']:>7.1f}"
        )


if __name__ == "__main__":
    main()
