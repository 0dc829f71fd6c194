"""Live coverage's figures: the first page of 5,000 entries, and 500 readers polling.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/masthead_bench \\
    REDIS_URL=redis://127.0.0.1:6379/9 .venv/bin/python bench/live_bench.py
    ... bench/live_bench.py --part page          # the in-process page timings only
    ... bench/live_bench.py --part polls --readers 500 --seconds 120 --post-every 15

`page`: a live article of 5,000 entries (made once, then reused) and one of 50; each page is
requested in-process, uncached, `--repeat` times; the table shows median and p90 time and the
queries per request at both sizes, beside the trivial view measured in the same run.

`polls`: gunicorn (2 workers, production settings, the page cache on Redis) serves the
article; `--readers` simulated readers each poll its updates address every `--interval`
seconds (their first polls spread over one interval) holding the ETag of their last answer,
while an editor posts an entry through the live service every `--post-every` seconds. It
prints the share of polls answered 304, every poll that returned unchanged content with a
200 (there should be none), and the time from each post to its first appearance in any poll
and in each reader's poll (p50, p99, max). The load average is printed beside each part.
"""

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings.production",
    SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789"),
    SECURE_SSL_REDIRECT="0",
    ALLOWED_HOSTS="testserver,127.0.0.1",
    BENCH_CEILING="1",
    LOG_LEVEL="WARNING",
)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

BIG, SMALL = 5_000, 50


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def live_article(entries: int):
    """Return a public live article with `entries` entries (made once, reused after)."""
    from datetime import timedelta

    from articles.models import Article, Section
    from live.models import Entry, EntryAuthor, LiveCoverage
    from people.models import Person

    slug = f"bench-live-{entries}"
    article = Article.objects.filter(slug=slug).first()
    if article is not None:
        return article
    section, _ = Section.objects.get_or_create(slug="bench-live", defaults={"name": "Bench"})
    person, _ = Person.objects.get_or_create(
        slug="bench-writer", defaults={"full_name": "Bench Writer"}
    )
    start = timezone.now() - timedelta(days=2)
    article = Article.objects.create(
        headline=f"Bench live coverage of {entries} entries", slug=slug, section=section,
        standfirst="Entries for the bench.", body="<p>The bench's live article.</p>",
        status=Article.Status.PUBLISHED, published_at=start,
    )  # fmt: skip
    LiveCoverage.objects.create(article=article, started_at=start)
    rows = [
        Entry(
            article=article,
            published_at=start + timedelta(seconds=20 * n),
            title=f"Update {n}" if n % 7 == 0 else "",
            body=f"<p>Update {n}: the bench writes a paragraph of ordinary length about "
            'the news of the day, with a <a href="https://example.com/">link</a>.</p>',
            key_event=n % 500 == 0,
            pinned=n == entries // 2,
        )
        for n in range(entries)
    ]
    Entry.objects.bulk_create(rows, batch_size=1000)
    EntryAuthor.objects.bulk_create(
        EntryAuthor(entry=entry, person=person) for entry in Entry.objects.filter(article=article)
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE live_entry")
    return article


def timed(client: Client, url: str, repeat: int) -> dict:
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    seconds = []
    with CaptureQueriesContext(connection) as captured:
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url)
            seconds.append(time.perf_counter() - started)
    seconds.sort()
    return {
        "median": statistics.median(seconds) * 1000,
        "p90": seconds[int(len(seconds) * 0.9) - 1] * 1000,
        "queries": len(captured.captured_queries) // repeat,
    }


def part_page(repeat: int) -> None:
    from django.core.management import call_command

    call_command("collectstatic", "--noinput", verbosity=0)
    big, small = live_article(BIG), live_article(SMALL)
    client = Client()
    urls = {
        f"first page, {BIG} entries": big.get_absolute_url(),
        f"first page, {SMALL} entries": small.get_absolute_url(),
        f"page 100, {BIG} entries": big.get_absolute_url() + "?page=100",
        f"poll, {BIG} entries": reverse("live:updates", args=[big.pk]),
        f"API since, {BIG} entries": reverse("api:live-entry-list", args=[big.pk]) + "?since=1",
        "ceiling: trivial view": "/bench/ceiling/",
    }
    print(f"In-process, uncached, {connection.vendor}, {repeat} requests each; {load()}")
    print(f"{'page':32} {'median ms':>10} {'p90 ms':>8} {'queries':>8} {'x ceiling':>10}")
    with override_settings(PAGE_CACHE=False):
        results = {name: timed(client, url, repeat) for name, url in urls.items()}
    ceiling = results["ceiling: trivial view"]["median"]
    for name, r in results.items():
        print(f"{name:32} {r['median']:10.2f} {r['p90']:8.2f} {r['queries']:8} "
              f"{r['median'] / ceiling:10.1f}")  # fmt: skip
    print(load())


class Reader:
    """One reader: the ETag of its last answer and the entries it has seen."""

    def __init__(self):
        self.etag = None
        self.body = None
        self.seen: set[int] = set()


def poll(url: str, reader: Reader, log: list, lock: threading.Lock) -> None:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    if reader.etag:
        request.add_header("If-None-Match", reader.etag)
    started = time.time()
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, body, etag = response.status, response.read(), response.headers["ETag"]
    except urllib.error.HTTPError as error:
        status, body, etag = error.code, b"", reader.etag
    except OSError:
        with lock:
            log.append((started, "error", False, ()))
        return
    ids: tuple[int, ...] = ()
    unchanged_200 = False
    if status == 200:
        import json

        ids = tuple(item["id"] for item in json.loads(body)["entries"])
        unchanged_200 = body == reader.body
        reader.etag, reader.body = etag, body
    with lock:
        log.append((time.time(), status, unchanged_200, ids))


def part_polls(readers: int, seconds: float, interval: float, post_every: float, port: int):
    from live.services import post_entry

    article = live_article(SMALL)
    env = {
        **os.environ,
        "PAGE_CACHE": "on",
        "LIVE_POLL_SECONDS": str(int(interval)),
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                   cwd=ROOT, env=env, check=True)  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}" + reverse("live:updates", args=[article.pk])
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        run_polls(url, article, readers, seconds, interval, post_every, post_entry)
    finally:
        server.terminate()
        server.wait()


def run_polls(url, article, readers, seconds, interval, post_every, post_entry):
    people = [Reader() for _ in range(readers)]
    log: list = []
    lock = threading.Lock()
    posted: dict[int, float] = {}
    began = time.time()
    stop = began + seconds

    def editor():
        next_post = began + post_every / 2
        while next_post < stop:
            time.sleep(max(0, next_post - time.time()))
            entry = post_entry(
                article=article, user=None, body="<p>A new entry from the bench.</p>"
            )
            posted[entry.pk] = time.time()  # after its commit, when readers may see it
            next_post += post_every

    print(f"\n{readers} readers polling every {interval:g} s ({readers / interval:g} a second) "
          f"for {seconds:g} s; an entry posted every {post_every:g} s; {load()}")  # fmt: skip
    writer = threading.Thread(target=editor)
    writer.start()
    with ThreadPoolExecutor(max_workers=48) as pool:
        schedule = sorted(
            (began + (n / readers) * interval + k * interval, n)
            for n in range(readers)
            for k in range(int(seconds / interval) + 1)
        )
        for at, n in schedule:
            if at >= stop:
                break
            time.sleep(max(0, at - time.time()))
            pool.submit(poll, url, people[n], log, lock)
    writer.join()
    report(log, posted, readers)
    print(load())


def report(log, posted, readers) -> None:
    polls = len(log)
    not_modified = sum(1 for _, status, _, _ in log if status == 304)
    errors = sum(1 for _, status, _, _ in log if status not in (200, 304))
    unchanged_200 = sum(1 for _, _, unchanged, _ in log if unchanged)
    print(f"polls {polls}, answered 304: {not_modified} ({not_modified / polls:.1%}), "
          f"200 with nothing new: {unchanged_200}, errors: {errors}")  # fmt: skip
    first_any, per_reader = [], []
    for pk, at in posted.items():
        seen = sorted(t for t, status, _, ids in log if status == 200 and pk in ids)
        if seen:
            first_any.append(seen[0] - at)
    for pk, at in posted.items():
        # Each reader's first sight: the first 200 carrying it after its post, per reader
        # (a reader whose answer held it answers 304 afterwards).
        per_reader += [t - at for t, status, _, ids in log if status == 200 and pk in ids
                       and t >= at and ids[0] == pk]  # fmt: skip
    for name, values in (("first poll to show it", first_any), ("each reader", per_reader)):
        values = sorted(max(0.0, v) for v in values)
        if not values:
            print(f"post → {name}: no data")
            continue
        p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
        print(f"post → {name}: n={len(values)} p50 {statistics.median(values):.2f} s, "
              f"p99 {p99:.2f} s, max {values[-1]:.2f} s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["page", "polls", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--readers", type=int, default=500)
    parser.add_argument("--interval", type=float, default=10)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--post-every", type=float, default=15)
    parser.add_argument("--port", type=int, default=8280)
    args = parser.parse_args()
    if args.part in ("page", "both"):
        part_page(args.repeat)
    if args.part in ("polls", "both"):
        part_polls(args.readers, args.seconds, args.interval, args.post_every, args.port)


if __name__ == "__main__":
    main()
