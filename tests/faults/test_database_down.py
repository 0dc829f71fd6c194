"""With PostgreSQL stopped, readers get a 503 page and API clients a JSON 503, both with
Retry-After; when it is back, the same running server answers 200 again by itself."""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from django.conf import settings

from .conftest import django_server

pytestmark = pytest.mark.django_db  # for the fixtures; the server under test has its own


def fetch(url: str) -> tuple[int, dict, str]:
    """Return the status, headers and body of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def server(postgres_cluster):
    """Yield the base URL of a Masthead server whose database is the test's own cluster."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{postgres_cluster.port}/postgres",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=settings.BASE_DIR, check=True)
    with django_server(env) as url:
        yield url


def test_a_stopped_database_gives_503_with_retry_after_and_the_site_recovers(
    server, postgres_cluster
):
    assert fetch(f"{server}/")[0] == 200
    assert fetch(f"{server}/api/v1/articles/")[0] == 200

    postgres_cluster.stop()
    page_status, page_headers, page = fetch(f"{server}/")
    api_status, api_headers, api_body = fetch(f"{server}/api/v1/articles/")

    assert page_status == 503 and page_headers["Retry-After"] == "30"
    assert "We will be back in a moment" in page
    assert api_status == 503 and api_headers["Retry-After"] == "30"
    assert api_headers["Content-Type"] == "application/problem+json"
    assert "retry in 30 seconds" in json.loads(api_body)["detail"]

    postgres_cluster.start()
    assert fetch(f"{server}/")[0] == 200
    assert fetch(f"{server}/api/v1/articles/")[0] == 200
