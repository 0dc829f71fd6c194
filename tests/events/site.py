"""A throwaway Masthead run for real: its own database, server processes, commands, a worker.

The database is made by `migrate` like any install: a file of SQLite without Redis when the
suite runs on SQLite, a fresh PostgreSQL database with the suite's Redis when it runs on
PostgreSQL. Every process is a separate `python` started here; nothing is shared in memory.
"""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode, urlsplit, urlunsplit
from urllib.request import HTTPCookieProcessor, Request, build_opener

import psycopg
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
# Read from the environment by the settings: the run's own values replace these.
INHERITED = ("DATABASE_URL", "REDIS_URL", "PAGE_CACHE_REDIS_URL", "SQLITE_PATH", "TEST_REDIS_URL")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveSite:
    """Masthead on a database of its own, with processes started and stopped by a test."""

    def __init__(self, folder: Path, **environment: str):
        self.folder = folder
        self.processes: list[subprocess.Popen] = []
        self.env = {key: value for key, value in os.environ.items() if key not in INHERITED}
        self.env |= {
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DEBUG": "0",
            "MASTHEAD_DEMO": "0",
            "MEDIA_ROOT": str(folder / "media"),
            "CACHE_KEY_PREFIX": f"live-{uuid.uuid4().hex[:8]}",
            "PYTHONUNBUFFERED": "1",
            **environment,
        }
        self.postgres = connection.vendor == "postgresql"
        self.copies: list[str] = []
        if self.postgres:
            self.env["DATABASE_URL"] = self._fresh_postgres_database()
            self.env["REDIS_URL"] = settings.TEST_REDIS_URL
        else:
            self.env["SQLITE_PATH"] = str(folder / "db.sqlite3")
        self.manage("migrate", "--noinput")

    def _fresh_postgres_database(self) -> str:
        db = connection.settings_dict
        self.database = f"{db['NAME']}_live"
        with psycopg.connect(self._admin_dsn(), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{self.database}"')
        user = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        return f"postgres://{user}@{db['HOST']}:{db['PORT']}/{self.database}"

    def _admin_dsn(self) -> str:
        db = connection.settings_dict
        return f"host={db['HOST']} port={db['PORT']} user={db['USER']} dbname=postgres" + (
            f" password={db['PASSWORD']}" if db.get("PASSWORD") else ""
        )

    def snapshot(self) -> str:
        """Copy the database as it is now; return its URL, to serve as a replica that lags."""
        if self.postgres:
            copy = f"{self.database}_replica"
            with psycopg.connect(self._admin_dsn(), autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{self.database}"')
            self.copies.append(copy)
            return self.env["DATABASE_URL"].rsplit("/", 1)[0] + f"/{copy}"
        copy = self.folder / "replica.sqlite3"
        with sqlite3.connect(self.env["SQLITE_PATH"]) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        return f"sqlite:///{copy}"

    def manage(self, *args: str, **options) -> subprocess.CompletedProcess:
        """Run a management command in a process of its own; fail loudly if it fails."""
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True,
            capture_output=True, text=True, timeout=300, **options,
        )  # fmt: skip

    def script(self, code: str, env: dict | None = None) -> dict:
        """Run Python with Django set up in a process of its own; return what it prints (JSON)."""
        prelude = "import django, json; django.setup()\n"
        done = subprocess.run(
            [sys.executable, "-c", prelude + code], cwd=ROOT, env={**self.env, **(env or {})},
            check=True,
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        return json.loads(done.stdout.strip().splitlines()[-1])

    def start(self, *args: str, env: dict | None = None) -> subprocess.Popen:
        """Start `manage.py <args>` as a process of its own, stopped at the end."""
        process = subprocess.Popen(
            [sys.executable, "manage.py", *args], cwd=ROOT, env={**self.env, **(env or {})},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        self.processes.append(process)
        return process

    def start_script(self, code: str, env: dict | None = None) -> subprocess.Popen:
        """Start Python with Django set up as a process of its own, stopped at the end."""
        process = subprocess.Popen(
            [sys.executable, "-c", "import django; django.setup()\n" + code], cwd=ROOT,
            env={**self.env, **(env or {})}, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        self.processes.append(process)
        return process

    def serve(self) -> "Server":
        """Start a web server process (gunicorn, one worker) and return it once it answers."""
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "1",
             "--bind", f"127.0.0.1:{port}", "--timeout", "60"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        self.processes.append(process)
        server = Server(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 60
        while not server.answers():
            assert process.poll() is None, "the server process ended"
            assert time.monotonic() < deadline, "the server did not answer"
            time.sleep(0.2)
        return server

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(30)
        if self.postgres:
            with psycopg.connect(self._admin_dsn(), autocommit=True) as admin:
                for name in [self.database, *self.copies]:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Server:
    """One server process, read as an anonymous reader or as a signed-in user."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = CookieJar()
        self.browser = build_opener(HTTPCookieProcessor(self.cookies))
        self.reader = build_opener()

    def answers(self) -> bool:
        try:
            return self.get("/health/live/").status == 200
        except OSError:
            return False

    def get(self, path: str, *, signed_in: bool = False):
        """GET `path`; return the response (its .text read)."""
        opener = self.browser if signed_in else self.reader
        try:
            response = opener.open(Request(self.base + path), timeout=30)
        except HTTPError as error:
            response = error
        response.text = response.read().decode()
        return response

    def post_form(self, path: str, fields: dict) -> int:
        """POST a form as the signed-in browser, with its CSRF token; return the status."""
        token = next(c.value for c in self.cookies if c.name == "csrftoken")
        body = urlencode({**fields, "csrfmiddlewaretoken": token}, doseq=True).encode()
        request = Request(self.base + path, data=body, headers={"Referer": self.base + path})
        try:
            return self.browser.open(request, timeout=30).status
        except HTTPError as error:
            return error.code

    def sign_in(self, username: str, password: str) -> None:
        self.get("/admin/login/", signed_in=True)
        status = self.post_form(
            "/admin/login/?next=/admin/", {"username": username, "password": password}
        )
        assert status == 200 and any(c.name == "sessionid" for c in self.cookies)

    def submit(self, path: str, form_id: str, changes: dict) -> int:
        """Submit the form `form_id` of the page as a browser would, with `changes` typed in."""
        fields = form_fields(self.get(path, signed_in=True).text, form_id)
        return self.post_form(path, {**fields, **changes})


def form_fields(html: str, form_id: str) -> dict[str, list[str]]:
    """Return what a browser would send for the form: each named control's current value."""
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.fields


class _FormReader(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside = form_id, False
        self.fields: dict[str, list[str]] = {}
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or ("name" not in attrs and tag in {"input", "select", "textarea"}):
            return
        if tag == "input" and attrs.get("type") not in {"submit", "button", "file", "image"}:
            if attrs.get("type") in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.setdefault(attrs["name"], []).append(attrs.get("value") or "")
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.setdefault(self.select, []).append(attrs.get("value") or "")
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.fields[self.textarea] = [""]

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea][0] += data


def same_address(url: str) -> str:
    """Return the path and query of an absolute URL."""
    parts = urlsplit(url)
    return urlunsplit(("", "", parts.path, parts.query, ""))
