"""Every public page type and the article admin form pass the Nu HTML Checker with no error."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import preview
from fronts.services import SlotChoice, write_front

from .vnu import check, require_vnu

pytestmark = pytest.mark.django_db


def public_pages(showcase) -> dict[str, str]:
    """Return {page name: URL} of one page of every public type."""
    story = showcase["story"]
    published = timezone.localtime(story.published_at)
    return {
        "home": reverse("articles:home"),
        "section": showcase["news"].get_absolute_url(),
        "subsection": showcase["city"].get_absolute_url(),
        "topic": showcase["topic"].get_absolute_url(),
        "person": showcase["writer"].get_absolute_url(),
        "article with figures": story.get_absolute_url(),
        "archive month": reverse("articles:archive", args=[published.year, published.month]),
        "archive index": reverse("articles:archive-index"),
        "search with results": reverse("search:search") + "?q=ferries",
        "shared preview": preview.share_path(showcase["draft_version"]),
    }


def admin_pages(showcase) -> dict[str, str]:
    """Return {page name: URL} of the article admin's add and change forms."""
    return {
        "admin add form": reverse("admin:articles_article_add"),
        "admin change form": reverse("admin:articles_article_change", args=[showcase["story"].pk]),
    }


def import_preview(client) -> str:
    """Return the editable import preview of one of the importer tests' stories."""
    copy = Path(__file__).parent.parent / "importers" / "fixtures" / "wire"
    text = (copy / "semicolon_credits.txt").read_text()
    response = client.post(
        reverse("admin:articles_article_import"), {"format": "text", "text": text}
    )
    assert "Create the draft" in response.content.decode()
    return response.content.decode()


def rendered(client, urls: dict[str, str], status: int = 200) -> dict[str, str]:
    """Return {page name: HTML} for each URL, checking the status first."""
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == status, f"{name}: {url} answered {response.status_code}"
        pages[name] = response.content.decode()
    return pages


def test_every_page_type_has_no_html_error(client, editor, showcase, tmp_path):
    require_vnu()
    # Curated fronts: the home and a section lead with the illustrated story's picture.
    for section in (None, showcase["news"]):
        write_front(section=section, slots=[SlotChoice(article=showcase["story"], place="lead")])
    pages = rendered(client, public_pages(showcase))
    pages |= rendered(client, {"404 page": "/no-such-page/"}, status=404)
    client.force_login(editor)
    pages |= rendered(client, admin_pages(showcase))
    pages["admin import preview"] = import_preview(client)
    assert "<picture>" in pages["article with figures"]
    assert "<picture>" in pages["home"] and "<picture>" in pages["section"]
    assert showcase["story"].headline in pages["search with results"]

    errors = check(pages, tmp_path)

    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(errors)
