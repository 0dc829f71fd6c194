import pytest

from tests.factories import ArticleFactory, PersonFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_published_articles_only(client):
    published = ArticleFactory()
    draft = ArticleFactory(draft=True)
    response = client.get("/")
    assert response.status_code == 200
    assert published.headline in response.text
    assert draft.headline not in response.text


def test_a_draft_article_answers_404(client):
    draft = ArticleFactory(draft=True)
    assert client.get(f"/{draft.section.slug}/{draft.pk}/{draft.slug}/").status_code == 404


def test_an_old_url_redirects_permanently_to_the_canonical_one(client):
    article = ArticleFactory(slug="old-slug")
    old_url = article.get_absolute_url()
    article.slug = "new-slug"
    article.section = SectionFactory(slug="elsewhere")
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == f"/elsewhere/{article.pk}/new-slug/"


def test_section_topic_and_person_pages_render(client):
    article = ArticleFactory()
    tag = TagFactory()
    article.tags.add(tag)
    person = PersonFactory()
    article.mentions.create(person=person)
    for url in (article.section.get_absolute_url(), tag.get_absolute_url(),
                person.get_absolute_url()):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200
        assert article.headline in response.text
