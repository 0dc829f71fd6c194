"""The live article's admin page as each role: the composer posts; who may not edit cannot."""

import pytest
from django.urls import reverse

from live.models import Entry, LiveCoverage
from tests.factories import ArticleFactory, LiveCoverageFactory

pytestmark = pytest.mark.django_db


def change_url(article) -> str:
    return reverse("admin:live_livecoverage_change", args=[article.pk])


def post_url(article) -> str:
    return reverse("admin:live_post", args=[article.pk])


@pytest.mark.parametrize("role", ["Editor", "Administrator"])
def test_an_editor_sees_the_composer_and_posts_an_entry(client, live_article, member, role):
    article = live_article(1)
    client.force_login(member(role))

    page = client.get(change_url(article))
    posted = client.post(
        post_url(article),
        {
            "entry-title": "Roads reopen",
            "entry-body": "<p>Roads reopen.</p>",
            "entry-key_event": "on",
        },
    )

    assert page.status_code == 200 and "data-live-composer" in page.content.decode()
    assert posted.status_code == 302 and posted["Location"] == change_url(article)
    entry = Entry.objects.get(title="Roads reopen")
    assert entry.key_event and entry.created_by.groups.filter(name=role).exists()


def test_the_composers_script_gets_the_new_entry_as_json(client, live_article, newsroom_editor):
    article = live_article(0)
    client.force_login(newsroom_editor)

    response = client.post(
        post_url(article), {"entry-body": "<p>Quick.</p>"}, headers={"accept": "application/json"}
    )

    assert response.status_code == 201
    assert f'data-entry="{response.json()["id"]}"' in response.json()["html"]


def test_an_empty_entry_is_refused_with_a_reason(client, live_article, newsroom_editor):
    article = live_article(0)
    client.force_login(newsroom_editor)

    response = client.post(
        post_url(article), {"entry-body": "<p> </p>"}, headers={"accept": "application/json"}
    )

    assert response.status_code == 400 and response.json()["errors"]
    assert not Entry.objects.filter(article=article).exists()


def test_a_contributor_reads_but_cannot_post_to_a_live_article_they_may_not_edit(
    client, live_article, contributor
):
    article = live_article(1)
    article.created_by = contributor
    article.save()  # their own, but published: no longer theirs to edit
    client.force_login(contributor)

    page = client.get(change_url(article))
    posted = client.post(post_url(article), {"entry-body": "<p>Mine.</p>"})

    assert page.status_code == 200
    assert "data-live-composer" not in page.content.decode()
    assert posted.status_code == 403
    assert Entry.objects.filter(article=article).count() == 1


def test_a_contributor_does_not_see_another_writers_live_article(client, live_article, contributor):
    article = live_article(1)
    client.force_login(contributor)

    assert client.get(change_url(article)).status_code in (302, 404)
    assert client.post(post_url(article), {"entry-body": "<p>x</p>"}).status_code == 404


def test_a_contributor_posts_to_their_own_draft(client, contributor):
    article = ArticleFactory(draft=True, created_by=contributor)
    LiveCoverageFactory(article=article)
    client.force_login(contributor)

    posted = client.post(post_url(article), {"entry-body": "<p>Drafted.</p>"})

    assert posted.status_code == 302
    assert Entry.objects.filter(article=article).count() == 1


def test_an_editor_starts_and_ends_coverage(client, newsroom_editor):
    article = ArticleFactory()
    client.force_login(newsroom_editor)

    client.post(reverse("admin:live_livecoverage_add"), {"article": article.pk})
    ended = client.post(reverse("admin:live_end", args=[article.pk]))

    coverage = LiveCoverage.objects.get(pk=article.pk)
    assert ended.status_code == 302 and not coverage.is_live
    assert client.post(post_url(article), {"entry-body": "<p>Late.</p>"}).status_code == 302
    assert not Entry.objects.filter(article=article).exists()


def test_an_editor_edits_an_entry_and_pins_it(client, live_article, newsroom_editor):
    article = live_article(1)
    entry = Entry.objects.get(article=article)
    client.force_login(newsroom_editor)

    edited = client.post(
        reverse("admin:live_entry_change", args=[entry.pk]),
        {"title": "Now", "body": "<p>Changed.</p>", "expected_version": entry.version},
    )
    pinned = client.post(reverse("admin:live_pin", args=[entry.pk]), {"pinned": "1"})

    entry.refresh_from_db()
    assert edited.status_code == 302 and pinned.status_code == 302
    assert entry.body == "<p>Changed.</p>" and entry.edited_at and entry.pinned


def test_an_edit_from_a_stale_form_is_refused(client, live_article, newsroom_editor):
    article = live_article(1)
    entry = Entry.objects.get(article=article)
    client.force_login(newsroom_editor)

    response = client.post(
        reverse("admin:live_entry_change", args=[entry.pk]),
        {"title": "Late", "body": "<p>Late.</p>", "expected_version": entry.version - 1},
    )

    assert response.status_code == 200 and "Someone else changed" in response.content.decode()
    entry.refresh_from_db()
    assert entry.title == ""
