"""A client generated from the served schema with openapi-python-client works as it is.

The test generates the client from /api/schema/ (offline: the generator is a pinned
development dependency), type-checks tests/api/client/use_the_client.py against it with
mypy, then runs that script against a live server: list, filter by several tags, page by
cursor, read, read the ninjs, and update with If-Match.
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.request import urlopen

import pytest

from tests.factories import ArticleFactory, TagFactory, TaggedArticleFactory, api_key

SCRIPT = Path(__file__).parent / "client" / "use_the_client.py"
BIN = Path(sys.executable).parent
# No formatting hooks: the generated code is used, not committed.
GENERATOR_CONFIG = "post_hooks: []\n"


def run(*command, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=300, **kwargs)


@pytest.fixture
def generated_client(live_server, tmp_path) -> Path:
    """Generate the client package from the schema the live server serves; return its folder."""
    schema = tmp_path / "schema.json"
    with urlopen(f"{live_server.url}/api/schema/?format=json") as served:
        schema.write_bytes(served.read())
    config = tmp_path / "config.yaml"
    config.write_text(GENERATOR_CONFIG)
    done = run(
        BIN / "openapi-python-client", "generate", "--path", schema, "--config", config,
        "--meta", "none", "--output-path", tmp_path / "masthead_client",
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return tmp_path


@pytest.fixture
def tagged_articles(transactional_db):
    """Return two tags and the ids, newest first, of the three articles carrying both."""
    harbour, ferries = TagFactory(), TagFactory()
    both = [ArticleFactory() for _ in range(3)]
    for article in both:
        TaggedArticleFactory(content_object=article, tag=harbour)
        TaggedArticleFactory(content_object=article, tag=ferries)
    TaggedArticleFactory(content_object=ArticleFactory(), tag=harbour)
    newest_first = sorted(both, key=lambda a: (a.published_at, a.pk), reverse=True)
    return [harbour.slug, ferries.slug], [a.pk for a in newest_first]


def test_the_generated_client_lists_filters_pages_reads_and_updates(
    live_server, generated_client, tagged_articles, editor
):
    tags, expected = tagged_articles
    path = {"PYTHONPATH": str(generated_client), "MYPYPATH": str(generated_client)}

    typed = run(
        BIN / "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull, SCRIPT,
        env={**os.environ, **path},
    )  # fmt: skip
    assert typed.returncode == 0, typed.stdout + typed.stderr

    token = api_key(editor)
    variables = {
        "MASTHEAD_URL": live_server.url,
        "MASTHEAD_TOKEN": token,
        "MASTHEAD_TAGS": ",".join(tags),
        "MASTHEAD_EXPECTED": ",".join(map(str, expected)),
    }
    ran = run(sys.executable, SCRIPT, env={**os.environ, **path, **variables})
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert ran.stdout.strip() == "ok"
