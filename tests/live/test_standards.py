"""A live article's pages pass the Nu HTML Checker; its Atom feed passes the feed rules."""

import pytest
from django.urls import reverse

from live.models import Entry
from live.services import end_coverage
from tests.standards.feed_rules import feed_problems
from tests.standards.vnu import check, require_vnu

pytestmark = pytest.mark.django_db


def test_the_live_pages_have_no_html_error(client, live_article, newsroom_editor, tmp_path):
    require_vnu()
    article, ended = live_article(25), live_article(2)
    first = Entry.objects.filter(article=article).first()
    Entry.objects.filter(pk=first.pk).update(key_event=True, pinned=True, title="Bridge shut")
    end_coverage(coverage=ended.live_coverage, user=newsroom_editor)
    urls = {
        "live article": article.get_absolute_url(),
        "live article, page 2": article.get_absolute_url() + "?page=2",
        "ended live article": ended.get_absolute_url(),
    }
    pages = {name: client.get(url).content.decode() for name, url in urls.items()}
    client.force_login(newsroom_editor)
    admin = {
        "live admin page": reverse("admin:live_livecoverage_change", args=[article.pk]),
        "entry admin page": reverse("admin:live_entry_change", args=[first.pk]),
        "live admin list": reverse("admin:live_livecoverage_changelist"),
    }
    pages |= {name: client.get(url).content.decode() for name, url in admin.items()}

    errors = check(pages, tmp_path)

    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(errors)


def test_the_atom_feed_of_a_live_article_is_valid(client, live_article):
    article = live_article(3)

    response = client.get(reverse("live:feed", args=[article.pk]))

    assert response.status_code == 200
    assert feed_problems(response.content) == []
    assert response.content.count(b"<entry>") == 3
