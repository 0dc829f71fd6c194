"""A contributor sees in the admin only the articles they may edit or that are public.

Three doors once showed the headlines of colleagues' drafts: a person's change page, a
related-link row saved with another article's id, and the import page's "imported before".
"""

from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Article, RelatedArticle, RelatedHeadline
from tests.factories import ArticleFactory, MentionFactory, PersonFactory
from tests.importers.previewing import URL, confirm, preview
from tests.workflow.forms import change_form_data

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "importers" / "fixtures"


@pytest.fixture
def colleagues_draft(member):
    return ArticleFactory(
        draft=True, headline="Secret takeover talks", created_by=member("Contributor", "colleague")
    )


def test_a_persons_page_lists_only_what_the_contributor_may_read(
    client, contributor, colleagues_draft
):
    person = PersonFactory()
    own = ArticleFactory(draft=True, headline="My own draft", created_by=contributor)
    public = ArticleFactory(headline="Already out")
    for article in (colleagues_draft, own, public):
        MentionFactory(article=article, person=person)
    client.force_login(contributor)

    page = client.get(reverse("admin:people_person_change", args=[person.pk])).text

    assert "My own draft" in page and "Already out" in page
    assert "Secret takeover talks" not in page


def test_an_editor_sees_every_article_naming_the_person(client, newsroom_editor, colleagues_draft):
    person = PersonFactory()
    MentionFactory(article=colleagues_draft, person=person)
    client.force_login(newsroom_editor)
    page = client.get(reverse("admin:people_person_change", args=[person.pk])).text
    assert "Secret takeover talks" in page


@pytest.mark.parametrize(
    ("prefix", "field"), [("related_links", "to_article"), ("related_headlines", "target")]
)
def test_a_related_row_naming_a_colleagues_draft_is_refused_and_shows_nothing(
    client, contributor, own_draft, colleagues_draft, prefix, field
):
    client.force_login(contributor)
    url = reverse("admin:articles_article_change", args=[own_draft.pk])
    data = change_form_data(client.get(url))
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data[f"{prefix}-{index}-{field}"] = str(colleagues_draft.pk)
    data[f"{prefix}-{index}-position"] = "0"
    if prefix == "related_headlines":
        data[f"{prefix}-{index}-title"] = "Anything"

    response = client.post(url, data)

    assert response.status_code == 200  # the form again, with the error beside the row
    assert "Select a valid choice" in response.text
    assert "Secret takeover talks" not in response.text
    assert not RelatedArticle.objects.exists() and not RelatedHeadline.objects.exists()


def test_a_public_article_may_still_be_linked(client, contributor, own_draft):
    public = ArticleFactory(headline="Out in the open")
    client.force_login(contributor)
    url = reverse("admin:articles_article_change", args=[own_draft.pk])
    data = change_form_data(client.get(url))
    data.update(
        {"related_links-TOTAL_FORMS": "1", "related_links-0-to_article": str(public.pk)}
        | {"related_links-0-position": "0"}
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert own_draft.related_links.get().to_article == public


def test_the_import_page_does_not_name_a_colleagues_earlier_import(client, editor, contributor):
    from tests.factories import SectionFactory

    SectionFactory(slug="news")
    text = (FIXTURES / "penang_ferry_markets.txt").read_text()
    client.force_login(editor)
    confirm(client, text)
    imported = Article.objects.get()
    imported.headline = "Renamed by the desk"
    imported.save()
    client.force_login(contributor)

    page = preview(client, text=text).content.decode()
    confirmed = preview(client, text=text, confirm="1")

    assert "imported before" in page and "Renamed by the desk" not in page
    assert confirmed.status_code == 302 and confirmed.url == URL
    assert Article.objects.count() == 1
