"""A real receiver: an HTTP server on loopback that verifies every delivery's signature."""

import contextlib
import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import Group
from standardwebhooks import Webhook, WebhookVerificationError

from articles.roles import ADMINISTRATOR, top_up_roles
from events.worker import Worker
from tests.factories import UserFactory
from webhooks.models import Delivery


class Receiver:
    """What the server heard, and what it answers (`status`, settable while it runs)."""

    def __init__(self):
        self.status = 200
        self.headers: dict[str, str] = {}
        self.secrets: list[str] = []
        self.accepted: list[dict] = []  # the messages answered 2xx, in the order received
        self.requests = 0
        self.forged = 0
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/"

    def handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.heard(dict(self.headers), body)
                self.send_response(receiver.status)
                for name, value in receiver.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        return Handler

    def heard(self, headers: dict, body: bytes) -> None:
        verified = []
        for secret in self.secrets:
            with contextlib.suppress(WebhookVerificationError):
                verified.append(Webhook(secret).verify(body, headers))
        with self.lock:
            self.requests += 1
            if not verified:
                self.forged += 1
            elif 200 <= self.status < 300:
                self.accepted.append({"id": headers["webhook-id"], **json.loads(body)})

    def ids(self) -> Counter:
        return Counter(message["id"] for message in self.accepted)


@contextmanager
def running_receiver() -> Iterator[Receiver]:
    """Run a receiver in a thread for the block."""
    receiver = Receiver()
    thread = threading.Thread(target=receiver.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        receiver.server.shutdown()
        receiver.server.server_close()


@pytest.fixture
def receiver():
    with running_receiver() as receiver:
        yield receiver


def run_worker(turns: int = 1) -> None:
    """Let the worker take its turns: effects, then the due deliveries."""
    worker = Worker("test")
    for _ in range(turns):
        worker.turn()


def pending() -> int:
    return Delivery.objects.filter(state=Delivery.State.PENDING).count()


def user_in(role: str):
    """Return a staff user in the real group of `role`."""
    top_up_roles()
    user = UserFactory(username=f"{role.lower()}-of-webhooks", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def administrator():
    return user_in(ADMINISTRATOR)
