"""Property-based contract test: schemathesis with every check, anonymous and as an editor.

Schemathesis (its command line, as a CI job would run it) reads the schema the live server
serves at /api/schema/, then sends generated requests to every operation in all four
phases (examples, coverage of boundary and invalid values, random fuzzing, and stateful
sequences that follow the links between operations) and runs `--checks all` on every
response, but for the one check below that cannot apply to this API. Its settings are in
tests/api/schemathesis.toml.

Left out, and why:

- positive_data_acceptance expects every request the schema allows to succeed. Here many
  schema-valid requests are refused with a 400 or 412 that names the reason, because what
  they depend on is data, not shape, and no OpenAPI schema can state it: a slug must name an
  existing section, tag or person (`?section=`, `?tag=`, `section`, `parent`, `bylines`);
  slugs and tag names are unique; a workflow step applies only to an article in the right
  state (`submit` to a draft, `unpublish` to a published article); If-Match must carry the
  article's current ETag; an embargo must precede the publication time. Those refusals are
  tested one by one in tests/api and tests/workflow.

Two checks run with one more status accepted, each the status HTTP defines for the case:

- negative_data_rejection also accepts 412 and 428 (and 413): RFC 9110 section 13.2.1 has
  the server evaluate If-Match before it processes the request content, so an invalid body
  sent with a stale or no If-Match is answered 412 or 428 before the body is read.
- missing_required_header also accepts 428, which RFC 6585 defines for a missing If-Match.

Everything else runs: not_a_server_error, status_code_conformance,
content_type_conformance, response_headers_conformance, response_schema_conformance,
negative_data_rejection, missing_required_header, unsupported_method,
allow_header_conformance, use_after_free, ensure_resource_availability, ignored_auth and
object_level_authorization.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.servers.basehttp import WSGIRequestHandler

from articles.roles import ADMINISTRATOR
from tests.factories import RelatedArticleFactory, SectionFactory, UserFactory, api_key

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
CONFIG = Path(__file__).parent / "schemathesis.toml"
# Bounded: about a minute per role on SQLite. A fixed seed makes a failure reproducible.
EXAMPLES_PER_OPERATION = 5
SEED = int(os.environ.get("SCHEMATHESIS_SEED", "20251126"))  # set it to explore further
OPERATIONS = 42  # with GET /articles/search/, the six of /webhooks/ and the five of live entries
# Partners' webhook endpoints are for Administrators only: an editor's run leaves them out,
# and an Administrator's run takes them alone.
WEBHOOKS = ("--exclude-tag", "webhooks")
WEBHOOK_OPERATIONS = 6


@pytest.fixture
def newsroom(transactional_db, rich_article, settings):
    """Give the generated requests something to find; lift the rate limits for the run."""
    section = SectionFactory(slug="news")
    first, second = rich_article(2, section=section), rich_article(1, section=section)
    RelatedArticleFactory(from_article=first, to_article=second)
    rates = {"anon": None, "user": None, "token-failures": None}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


@pytest.fixture(autouse=True)
def answer_without_delay(monkeypatch):
    """Send the live server's small writes at once (TCP_NODELAY), as production servers do.

    The test server writes headers and body separately; with Nagle's algorithm the body waits
    for the client's delayed acknowledgement, some 40 ms a request, which would make the run
    several times longer than its work. (One worker only: the in-memory SQLite database of the
    tests locks a table against a second writing thread instead of waiting.)
    """
    monkeypatch.setattr(WSGIRequestHandler, "disable_nagle_algorithm", True)


def run_schemathesis(
    url: str, workdir: Path, *headers: str, only: tuple[str, ...] = (), operations=OPERATIONS
) -> str:
    """Run schemathesis against the live server; return its report, failing on any finding."""
    command = [
        SCHEMATHESIS, "--config-file", CONFIG, "run", f"{url}/api/schema/?format=json",
        "--url", url, "--checks", "all", "--exclude-checks", "positive_data_acceptance",
        "--max-examples", str(EXAMPLES_PER_OPERATION), "--seed", str(SEED),
        "--workers", "1", "--no-color", *only,
    ]  # fmt: skip
    for header in headers:
        command += ["--header", header]
    # In a folder of its own: schemathesis keeps a cache in the working directory.
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=workdir)
    report = done.stdout + done.stderr
    assert done.returncode == 0, report[-20_000:]
    tested = re.search(r"Tested: (\d+)", report)
    assert tested and int(tested.group(1)) == operations, report[-5_000:]
    return report


def test_no_check_finds_anything_for_an_anonymous_client(live_server, newsroom, tmp_path):
    run_schemathesis(live_server.url, tmp_path)


def test_no_check_finds_anything_for_an_editor(live_server, newsroom, editor, tmp_path):
    token = api_key(editor)

    report = run_schemathesis(
        live_server.url, tmp_path, f"Authorization: Token {token}",
        only=WEBHOOKS, operations=OPERATIONS - WEBHOOK_OPERATIONS,
    )  # fmt: skip

    assert "Authentication failed" not in report


def test_no_check_finds_anything_in_the_webhooks_for_an_administrator(
    live_server, newsroom, tmp_path
):
    administrator = UserFactory(username="schemathesis-administrator", is_staff=True)
    administrator.groups.add(Group.objects.get(name=ADMINISTRATOR))
    token = api_key(administrator)

    report = run_schemathesis(
        live_server.url, tmp_path, f"Authorization: Token {token}",
        only=("--include-tag", "webhooks"), operations=WEBHOOK_OPERATIONS,
    )  # fmt: skip

    assert "Authentication failed" not in report
