"""Run the Nu HTML Checker (vnu, from npm `vnu-jar`) over rendered pages and read its report."""

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings

VNU_JAR = Path(settings.BASE_DIR, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
# vnu reports "error" for invalid markup and "non-document-error" when it cannot read a file;
# "info" messages (with or without the "warning" subtype) are advice, not failures.
FAILURES = {"error", "non-document-error"}


def missing_tools() -> str:
    """Return why vnu cannot run here, or "" when it can."""
    if shutil.which("java") is None:
        return "java is missing (.ci/run installs Debian's default-jre-headless)"
    if not VNU_JAR.exists():
        return f"{VNU_JAR} is missing (run `npm ci` to install vnu-jar)"
    return ""


def require_vnu() -> None:
    """Fail in CI and skip elsewhere when java or vnu is missing."""
    reason = missing_tools()
    if reason and os.environ.get("CI"):
        pytest.fail(f"the HTML check must run in CI: {reason}")
    if reason:
        pytest.skip(reason)


def check(pages: dict[str, str], folder: Path) -> list[str]:
    """Return one line per vnu error in `pages` ({name: html}), checked in a single run."""
    files = {}
    for n, (name, html) in enumerate(pages.items()):
        path = folder / f"page-{n}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path.resolve())] = name
    report = run_vnu(sorted(files))
    return [
        describe(files.get(local_path(message.get("url", "")), "?"), message)
        for message in report["messages"]
        if message["type"] in FAILURES
    ]


def run_vnu(paths: list[str]) -> dict:
    """Return vnu's JSON report on the files at `paths`."""
    command = ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", *paths]
    # vnu exits 1 when it finds errors; the report on stdout says which.
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    return json.loads(done.stdout)


def local_path(url: str) -> str:
    """Return the file path of a vnu message's "file:/..." URL."""
    return "/" + unquote(url.removeprefix("file:")).lstrip("/")


def describe(name: str, message: dict) -> str:
    """Return a readable line for one vnu message."""
    where = f"line {message.get('lastLine', '?')}"
    extract = message.get("extract", "").strip().replace("\n", " ")
    return f"{name} ({where}): {message['message']}  [{extract}]"
