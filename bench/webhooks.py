"""Webhooks: deliveries a second by one worker to a local receiver, and the editor's save.

    .venv/bin/python bench/webhooks.py [--deliveries 2000] [--saves 100]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/masthead_bench_webhooks \\
        .venv/bin/python bench/webhooks.py   # a throwaway database: it is migrated and filled

A receiver on loopback (Python's http.server, HTTP/1.1 keep-alive, answering 204 after
reading the body) takes:

- ceiling: a plain loop of signed POSTs on one kept connection, no database;
- worker: `webhooks.sending.send_due()`, one process, sending deliveries of a real article's
  ninjs payload to one endpoint (200 articles, so each article's order is kept as in life),
  claiming, signing, POSTing and writing each attempt and outcome;
- pipeline: `article.updated` events in the outbox (200 public articles) taken by one
  worker's turns (`Worker.turn()`) through the webhooks effect (each payload built from the
  article) and sent.

Then the editor's save (bench/outbox.py's write, committed, effects at commit as a request
runs them) with no endpoint and with 20 active endpoints, in turns. The load average is
printed beside the figures.
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from outbox import newsroom, save, setup_django


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def ceiling(url: str, body: str, count: int) -> float:
    """Return POSTs a second from a plain loop on one connection, signed as the worker signs."""
    import http.client
    from datetime import UTC, datetime

    from webhooks.signing import headers, new_secret

    secret, port = new_secret(), int(url.rsplit(":", 1)[1].strip("/"))
    connection = http.client.HTTPConnection("127.0.0.1", port)
    started = time.perf_counter()
    for n in range(count):
        signed = headers(f"msg_{n}", body, [secret], datetime.now(UTC))
        connection.request("POST", "/", body=body.encode(), headers=signed)
        connection.getresponse().read()
    connection.close()
    return count / (time.perf_counter() - started)


def worker_rate(endpoint, article, count: int) -> float:
    """Return deliveries a second sent by send_due() until none is left."""
    from django.utils import timezone

    from webhooks.enqueue import envelope, new_message_id
    from webhooks.models import Delivery
    from webhooks.payloads import public_item

    data = {"article": article.pk, "item": public_item(article.pk, "ninjs"), "version": 1}
    body = envelope("article.updated", timezone.now(), data)
    made = [
        Delivery(endpoint=endpoint, message_id=new_message_id(), kind="article.updated", body=body)
        for _ in range(count)
    ]
    for n, delivery in enumerate(made):
        delivery.article_id = n % 200  # 200 articles: each one's deliveries go in order
    Delivery.objects.bulk_create(made)
    from webhooks.sending import send_due

    started = time.perf_counter()
    sent = 0
    while sent < count:
        sent += send_due(budget_seconds=60)
    return sent / (time.perf_counter() - started)


def pipeline_rate(url: str, count: int) -> float:
    """Return events a second taken from the outbox to the receiver by one worker's turns."""
    from django.db import transaction
    from django.utils import timezone

    from articles.models import Article, Section
    from events.services import record
    from events.worker import Worker
    from webhooks import services
    from webhooks.models import Delivery

    services.create_endpoint(url=url, events=["article.updated"])
    section = Section.objects.order_by("pk").first()
    run = timezone.now().strftime("%H%M%S%f")
    articles = Article.objects.bulk_create(
        Article(
            headline=f"Bench {n}",
            slug=f"bench-{run}-{n}",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        for n in range(200)
    )
    with transaction.atomic():
        for n in range(count):
            payload = {"article": articles[n % 200].pk, "listed": True, "n": n}
            record("article.updated", payload)
    worker = Worker("bench")
    started = time.perf_counter()
    while Delivery.objects.filter(state=Delivery.State.PENDING).exists() or not (
        Delivery.objects.exists()
    ):
        worker.turn()
    return Delivery.objects.count() / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--saves", type=int, default=100, help="saves of each kind")
    args = parser.parse_args()
    os.environ["WEBHOOK_ALLOWED_NETWORKS"] = "127.0.0.0/8"
    os.environ["WEBHOOK_ALLOW_HTTP"] = "1"
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    with tempfile.TemporaryDirectory(prefix="masthead-webhooks-") as folder:
        setup_django(Path(folder))
        from django.db import connection

        from webhooks import services
        from webhooks.models import Endpoint

        article, people, topics = newsroom()
        endpoint, _ = services.create_endpoint(url=url, events=["article.updated"])
        body = '{"type":"article.updated","data":' + "x" * 3000 + "}"
        raw = ceiling(url, body, args.deliveries)
        rate = worker_rate(endpoint, article, args.deliveries)
        Endpoint.objects.all().delete()
        events = pipeline_rate(url, args.deliveries // 2)
        Endpoint.objects.all().delete()

        others = [
            services.create_endpoint(url=f"{url}{n}", events=["article.updated"])[0]
            for n in range(20)
        ]
        times = {0: [], 20: []}
        for n in range(args.saves + 10):
            for subscribed in (0, 20) if n % 2 else (20, 0):
                Endpoint.objects.filter(pk__in=[e.pk for e in others]).update(
                    active=bool(subscribed)
                )
                seconds = save(article.pk, people, topics, n)
                if n >= 10:
                    times[subscribed].append(seconds * 1000)
        load = os.getloadavg()
        print(f"{connection.vendor}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        print(f"| measure | {'figure':>14} |")
        print("| --- | ---: |")
        print(f"| ceiling: plain loop of signed POSTs, one connection | {raw:10.0f} /s |")
        print(f"| one worker, send_due() with the database | {rate:10.0f} /s |")
        print(f"| worker / ceiling | {rate / raw:12.0%} |")
        print(
            f"| one worker's turns, outbox event to receiver (payload built) | {events:10.0f} /s |"
        )
        for subscribed, values in times.items():
            label = f"editor's save, {subscribed} endpoints (median)"
            print(f"| {label} | {statistics.median(values):10.2f} ms |")
    server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
