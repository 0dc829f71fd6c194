"""Property-based contract test: every operation of /api/schema/, anonymous and signed in.

Schemathesis reads the OpenAPI schema the API publishes, generates requests for every
operation (a bounded number each, to keep the run short) and checks that none gets a
server error and that every response matches the schema and its declared content type.
"""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from tests.factories import RelatedArticleFactory, SectionFactory

EXAMPLES_PER_OPERATION = 5
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Stop the app closing the test's database connection after each request."""
    # Django's own test client does the same: the test's transaction must outlive requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def newsroom(rich_article):
    """Give the generated requests something to find: articles with every relation."""
    section = SectionFactory(slug="news")
    first, second = rich_article(2, section=section), rich_article(1, section=section)
    RelatedArticleFactory(from_article=first, to_article=second)


@pytest.fixture
def editor_token(editor, newsroom):
    """Return the editor's API token header."""
    return {"Authorization": f"Token {Token.objects.create(user=editor).key}"}


def served_schema() -> dict:
    """Return the schema exactly as /api/schema/?format=json renders it."""
    # Built in-process: collection runs before the test database exists, and the view
    # itself would open a transaction. A test below proves the two are the same document.
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


schema = schemathesis.openapi.from_dict(served_schema())
schema.app = get_wsgi_application()
schema.location = "/api/schema/"
# The coverage phase sends every boundary case of every parameter (hundreds per operation);
# bounded random generation keeps the whole run near a minute.
schema.config.phases.update(phases=["examples", "fuzzing"])
bounded = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@schema.parametrize()
@bounded
def test_no_anonymous_request_errors_or_breaks_the_schema(db, case, newsroom):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@bounded
def test_no_editor_request_errors_or_breaks_the_schema(db, case, editor_token):
    case.call_and_validate(headers=editor_token, checks=CHECKS)


def test_the_tested_schema_is_the_one_served_at_api_schema(client, db):
    response = client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    assert response.json() == served_schema()
    assert len(list(schema.get_all_operations())) >= 25
