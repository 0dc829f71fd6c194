"""Serve Masthead with gunicorn and drive every public URL with wrk, uncached and cached.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/masthead_bench \\
    REDIS_URL=redis://127.0.0.1:6379/9 .venv/bin/python bench/serve.py --articles 100000 --seconds 8
    ... bench/serve.py --mode editors     # 50 readers (home, an article), 2 editors, 60 s
    ... bench/serve.py --mode editors --think-ms 0   # readers that never pause
    SQLITE_PATH=/tmp/bench.sqlite3 .venv/bin/python bench/serve.py --mode editors  # no Redis

Generates the newsroom with bench/generate.py when the database holds no article (reuses it
otherwise), serves with 2 sync workers and production settings on 127.0.0.1, and prints one
table: req/s, median and p99 latency, non-2xx answers and the ratio to a trivial view measured
on the same server (with a static file through whitenoise beside it); then each worker's peak
memory and the database size.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
    "SECURE_SSL_REDIRECT": "0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "BENCH_CEILING": "1",
    "LOG_LEVEL": "WARNING",
    # One client on loopback sends thousands of requests a second: the anonymous API
    # throttle (120 a minute per address) would answer 429s, which measure nothing.
    "API_THROTTLE_ANON": "100000000/minute",
}
# Shell code run inside Django: the URLs of one of each kind of page, as JSON.
PICK_URLS = """
import json
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse
from articles.models import Article, Section, Tag
from people.models import Person
article = Article.objects.published().newest_first().select_related("section").first()
person = Person.objects.filter(bylines__isnull=False).first()
print(json.dumps({
    "home": "/",
    "section": Section.objects.top_level().first().get_absolute_url(),
    "topic": reverse("articles:tag", kwargs={"slug": Tag.objects.first().slug}),
    "person": person.get_absolute_url(),
    "article": article.get_absolute_url(),
    "search": "/search/?q=" + article.headline.split()[0],
    "API list": "/api/v1/articles/",
    "API detail": f"/api/v1/articles/{article.pk}/",
    "feed": "/feeds/latest/",
    "ceiling: trivial view": "/bench/ceiling/",
    "ceiling: static file": staticfiles_storage.url("css/site.css"),
}))
"""
DB_SIZE = """
from django.db import connection
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        print(cursor.fetchone()[0])
else:
    import os; print(os.path.getsize(connection.settings_dict["NAME"]))
"""


def manage(*args: str, env: dict | None = None) -> str:
    """Run manage.py with the server's settings; return its output."""
    environment = {**os.environ, **SERVER_ENV, **(env or {})}
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=environment, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    return result.stdout


def shell(code: str) -> str:
    """Run Python code in Django's shell; return the last line it printed."""
    return manage("shell", "--no-imports", "-c", code).strip().splitlines()[-1]


def prepare(articles: int) -> None:
    """Migrate, generate the newsroom unless one exists, and collect the static files."""
    manage("migrate", "--noinput")
    count = int(shell("from articles.models import Article; print(Article.objects.count())"))
    if count == 0:
        subprocess.run(
            [PYTHON, "bench/generate.py", "--articles", str(articles)], cwd=ROOT, check=True
        )
    else:
        print(f"Reusing the {count} articles already in the database.")
    manage("collectstatic", "--noinput")


def ensure_wrk() -> str:
    """Return wrk's path, installing Debian's package when it is missing."""
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True)
    return shutil.which("wrk")


class Server:
    """gunicorn with 2 workers on loopback, started and stopped around one mode.

    Sync workers by default; `threads` gives each worker that many threads (gthread), which
    wait on idle connections without holding a worker, as readers who pause between pages
    keep them (a sync worker blocks on one until its request arrives).
    """

    def __init__(self, port: int, page_cache: str, threads: int = 0):
        self.port, self.page_cache, self.threads = port, page_cache, threads

    def __enter__(self):
        env = {**os.environ, **SERVER_ENV, "PAGE_CACHE": self.page_cache}
        threads = ["--worker-class", "gthread", "--threads", str(self.threads)] * bool(self.threads)
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "config.wsgi", "--workers", "2", *threads,
             "--bind", f"127.0.0.1:{self.port}", "--access-logfile", "-", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url("/bench/ceiling/"), timeout=1)
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def workers_peak_mb(self) -> list[float]:
        """Return each worker's peak resident memory (VmHWM), in MB."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        peaks = []
        for pid in children.read_text().split():
            status = Path(f"/proc/{pid}/status").read_text()
            peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
        return peaks

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def drive(wrk: str, url: str, seconds: int, connections: int) -> dict:
    """Run wrk against one URL; return req/s, median and p99 (ms) and non-2xx/3xx answers."""
    urllib.request.urlopen(url, timeout=30).read()  # warm: the first answer fills the cache
    output = subprocess.run(
        [wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
        "errors": int(m.group(1))
        if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", output))
        else 0,
    }


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run_urls(args, wrk: str, urls: dict) -> None:
    """Measure every URL uncached, then cached, each against its own run's ceilings."""
    columns = ("req/s", "p50 ms", "p99 ms", "non-2xx", "÷ trivial")
    print(f"{'URL':24} {'cache':6} " + " ".join(f"{c:>9}" for c in columns))
    for mode in ("off", "on"):
        with Server(args.port, mode) as server:
            results = {name: drive(wrk, server.url(path), args.seconds, args.connections)
                       for name, path in urls.items()}  # fmt: skip
            peaks = server.workers_peak_mb()
        ceiling = results["ceiling: trivial view"]["rps"]
        for name, r in results.items():
            print(f"{name:24} {mode:6} {r['rps']:9.0f} {r['p50']:9.1f} {r['p99']:9.1f} "
                  f"{r['errors']:9d} {r['rps'] / ceiling:9.2f}")  # fmt: skip
        print(
            f"  workers' peak memory (PAGE_CACHE={mode}): "
            + ", ".join(f"{mb:.0f} MB" for mb in peaks)
        )
    size = int(shell(DB_SIZE))
    print(f"Database size: {size / 1_048_576:.0f} MB")


def run_editors(args, wrk: str, urls: dict) -> None:
    """Drive 50 readers (home and an article) and 2 editors for 60 s; report the readers'
    latency and how soon each save shows where it is shown.

    Each reader pauses between pages (`--think-ms` on average; 0 for none). Without pauses a
    reader is a loop, and by Little's law 50 of them wait 50 / (requests per second) on
    average whatever the server does: at 1,000 req/s, 50 ms. The same readers on the trivial
    view, first, are the run's ceiling.
    """
    # The editors save in this process, the server's workers read in theirs: what a save makes
    # stale reaches them through Redis, or without REDIS_URL through the database cache.
    os.environ.update({k: v for k, v in SERVER_ENV.items() if k != "DJANGO_SETTINGS_MODULE"})
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from articles.models import Article

    latest = list(Article.objects.published().newest_first().values_list("pk", flat=True)[:10])
    read = Article.objects.select_related("section").get(pk=latest[0]).get_absolute_url()
    pacing = _pacing_script(args.think_ms)
    print(
        f"50 readers, each pausing {args.think_ms} ms on average between pages; "
        f"gunicorn, 2 workers of {args.threads or 'no'} threads"
    )
    with Server(args.port, "on", threads=args.threads) as server:
        # Warm: every worker thread connected to the database and holding the pages.
        _readers(wrk, server, ["/", read, "/bench/ceiling/"], 3, pacing)
        ceiling = _readers(wrk, server, ["/bench/ceiling/"] * 2, args.ceiling_seconds, pacing)
        for half in ceiling:
            print("ceiling, 25 of the same readers on the trivial view: " + _summary(half))
        readers = _start_readers(wrk, server, ["/", read], args.duration, pacing)
        delays: list[dict] = []
        editors = [
            threading.Thread(target=_edit, args=(server, latest[i::2], args.duration, delays))
            for i in range(2)
        ]
        for editor in editors:
            editor.start()
        for editor in editors:
            editor.join()
        for name, reader in zip(("home", "article"), readers, strict=True):
            output = reader.communicate()[0]
            print(f"readers of the {name}: " + _summary(output))
    for kind in ("headline", "body"):
        for where in ("home", "page"):
            seconds = sorted(d[where] for d in delays if d["kind"] == kind and where in d)
            if seconds:
                print(f"{kind} edits shown on the {where}: {_spread(seconds)}")


def _pacing_script(think_ms: int) -> str | None:
    """Return a wrk script pausing each connection 0 to 2 × `think_ms` ms between requests."""
    if think_ms <= 0:
        return None
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(f"function delay()\n  return math.random(0, {2 * think_ms})\nend\n")
    return str(script)


def _start_readers(wrk, server, paths, seconds, pacing) -> list[subprocess.Popen]:
    """Start 25 readers on each of `paths` (wrk, one connection each)."""
    script = ["-s", pacing] if pacing else []
    return [
        subprocess.Popen(
            [wrk, "-t1", "-c25", f"-d{seconds}s", "--latency", *script, server.url(path)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for path in paths
    ]


def _readers(wrk, server, paths, seconds, pacing) -> list[str]:
    """Run readers on `paths` for `seconds`; return wrk's report of each."""
    return [p.communicate()[0] for p in _start_readers(wrk, server, paths, seconds, pacing)]


def _summary(wrk_output: str) -> str:
    """Return wrk's requests per second, p50, p99 and errors in one line."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", wrk_output).group(1)
    p50 = _ms(re.search(r"50%\s+([\d.]+\w+)", wrk_output).group(1))
    p99 = _ms(re.search(r"99%\s+([\d.]+\w+)", wrk_output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk_output)
    failed = re.search(r"Socket errors: (.*)", wrk_output)
    non_2xx = errors.group(1) if errors else 0
    socket_errors = failed.group(1) if failed else 0
    return (
        f"{float(rps):.0f} req/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
        f"non-2xx {non_2xx}, socket errors {socket_errors}"
    )


def _spread(seconds: list[float]) -> str:
    """Return how many, and the median, p90, p99 and max of `seconds`, in ms."""

    def at(share: float) -> float:
        return seconds[min(len(seconds) - 1, int(share * len(seconds)))] * 1000

    return (
        f"{len(seconds)} saves; visible after p50 {at(0.5):.0f} ms, p90 {at(0.9):.0f} ms, "
        f"p99 {at(0.99):.0f} ms, max {seconds[-1] * 1000:.0f} ms"
    )


def _edit(server: Server, pks: list[int], duration: int, delays: list) -> None:
    """Save articles in turn, headline and body edits alternating, timing until each change
    shows where it is shown: a headline on the home and the article, a body on the article."""
    from django.db import connection

    from articles.models import Article
    from articles.services.writing import write_article

    end, n = time.monotonic() + duration, 0
    while time.monotonic() < end:
        article = Article.objects.select_related("section").get(pk=pks[n % len(pks)])
        mark = f"Edition {threading.get_ident() % 1000}-{n}"
        if n % 2 == 0:
            kind, fields, places = (
                "headline",
                {"headline": f"{mark}: {article.headline[:120]}"},
                ("home", "page"),
            )
        else:
            kind, fields, places = "body", {"body": f"<p>{mark}.</p>{article.body}"}, ("page",)
        saved = time.monotonic()
        write_article(article=article, fields=fields, user=None, comment="bench")
        delay = {"kind": kind}
        for where in places:
            path = "/" if where == "home" else article.get_absolute_url()
            delay[where], _ = _until_shown(server.url(path), mark, saved)
        delays.append(delay)
        n += 1
        time.sleep(1)
    connection.close()


def _until_shown(url: str, text: str, since: float) -> tuple[float, int]:
    """Poll `url` until it shows `text`; return the seconds since `since` and the tries."""
    tries = 0
    while True:
        tries += 1
        body = urllib.request.urlopen(url, timeout=30).read().decode()
        if text.replace("&", "&amp;").replace("'", "&#x27;") in body or text in body:
            return time.monotonic() - since, tries
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=8, help="wrk's time per URL")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=8107)
    parser.add_argument("--mode", choices=["urls", "editors"], default="urls")
    parser.add_argument("--duration", type=int, default=60, help="the editors mode's length")
    parser.add_argument(
        "--think-ms", type=int, default=100, help="a reader's average pause between pages"
    )
    parser.add_argument("--ceiling-seconds", type=int, default=10)
    parser.add_argument(
        "--threads", type=int, default=4, help="the editors mode's threads per worker (0: sync)"
    )
    args = parser.parse_args()
    prepare(args.articles)
    wrk = ensure_wrk()
    urls = json.loads(shell(PICK_URLS))
    (run_editors if args.mode == "editors" else run_urls)(args, wrk, urls)


if __name__ == "__main__":
    main()
