"""In real Chromium, under the strict Content-Security-Policy: every admin and public page
loads without a single violation, and the admin's rich-text editor still starts."""

from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import reverse

from images.renditions import ensure_renditions
from tests.browser.signing import sign_in
from tests.factories import (
    ArticleImageFactory,
    BylineFactory,
    ImageFactory,
    MentionFactory,
    RelatedArticleFactory,
    TaggedArticleFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# Links that change state or leave the pages under test.
SKIPPED = ("/admin/logout/", "/admin/r/", "/static/", "/media/", ".xml", "/feed", "/rss")


@pytest.fixture
def newsroom():
    """Make one published story with every relation and a library picture."""
    image = ImageFactory()
    ensure_renditions(image)
    article = ArticleImageFactory(image=image).article
    BylineFactory(article=article)
    MentionFactory(article=article)
    TaggedArticleFactory(content_object=article)
    RelatedArticleFactory(from_article=article)
    admin = UserFactory(username="chief", is_staff=True, is_superuser=True)
    admin.set_password("chief-password-1")
    admin.save()
    return article


def watch_violations(page) -> list[str]:
    """Collect every CSP violation Chromium reports on this page, as it reports them."""
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return found


def crawl(page, start: str, prefix: str, limit: int) -> list[str]:
    """Visit same-site pages under `prefix` breadth-first from `start`; return the visited."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(start))
    queue, seen = [start], set()
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        page.wait_for_load_state("load")
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        for href in hrefs:
            href = urldefrag(href).url.split("?")[0]
            path = href.removeprefix(origin)
            if href.startswith(origin + prefix) and not any(s in path for s in SKIPPED):
                queue.append(href)
    return sorted(seen)


def test_every_public_page_loads_without_a_csp_violation(page, live_server, newsroom):
    violations = watch_violations(page)
    response = page.goto(live_server.url + "/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    visited = crawl(page, live_server.url + "/", "/", limit=40)
    for extra in ("/search/?q=harbour", "/api/docs/", "/api/v1/articles/", "/no-such-page/"):
        page.goto(live_server.url + extra)
        page.wait_for_load_state("networkidle")
    assert page.locator("h1").count() == 1  # the 404 page rendered
    assert len(visited) >= 6, visited
    assert violations == [], "\n".join(violations)


def test_every_admin_page_loads_without_a_csp_violation_and_the_editor_starts(
    page, live_server, newsroom
):
    violations = watch_violations(page)
    sign_in(page, live_server.url, "chief", "chief-password-1")
    visited = crawl(page, live_server.url + "/admin/", "/admin/", limit=120)
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[newsroom.pk]))
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("Typed under the policy.")
    assert "Typed under the policy." in editor.inner_text()
    assert len(visited) >= 30, visited
    assert violations == [], "\n".join(violations)
