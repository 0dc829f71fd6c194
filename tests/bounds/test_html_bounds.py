"""HTML too deep or too long for the sanitiser is refused with a clear 400, quickly."""

import time

import pytest
from rest_framework.test import APIClient

from articles.models import Article
from articles.sanitize import MAX_HTML_CHARS, MAX_HTML_DEPTH, sanitize_html
from core.api import conditional
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db


def nested(levels: int, tag: str = "div") -> str:
    return f"<{tag}>" * levels + "x" + f"</{tag}>" * levels


@pytest.fixture
def contributor_api(contributor):
    client = APIClient()
    client.force_authenticate(contributor)
    return client


def test_a_body_of_a_hundred_thousand_nested_elements_is_refused_at_once(contributor_api):
    body = nested(100_000, "b")  # 700 kB: under the size limit, so the depth is what counts
    assert len(body) < MAX_HTML_CHARS
    data = {"headline": "Deep", "section": SectionFactory().slug, "body": body}
    started = time.process_time()  # this process's work (the client serves in it), not waits
    response = contributor_api.post("/api/v1/articles/", data, format="json")
    assert time.process_time() - started < 5
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert f"more than {MAX_HTML_DEPTH} levels" in str(response.json())
    assert not Article.objects.exists()


def test_a_body_over_the_size_limit_is_refused_on_edit(contributor_api, own_draft):
    body = "<p>" + "word " * (MAX_HTML_CHARS // 5) + "</p>"
    response = contributor_api.patch(
        f"/api/v1/articles/{own_draft.pk}/",
        {"body": body},
        format="json",
        HTTP_IF_MATCH=conditional.version_etag(own_draft),
    )
    assert response.status_code == 400
    assert "the limit is" in str(response.json())


def test_ordinary_nesting_and_unclosed_paragraphs_still_pass():
    body = "<ul>" + "<li><p>point <strong>one</strong></p></li>" * 2000 + "</ul>"
    assert sanitize_html(body).count("<li>") == 2000
    assert sanitize_html(nested(MAX_HTML_DEPTH - 1)) == "x"


def test_the_admin_form_shows_the_refusal_beside_the_body(editor_client):
    from django.urls import reverse

    from tests.factories import ArticleFactory
    from tests.workflow.forms import change_form_data

    article = ArticleFactory(draft=True)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(url))
    data["body"] = nested(MAX_HTML_DEPTH + 10)
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert f"more than {MAX_HTML_DEPTH} levels" in response.text
