"""Tags and people that only unpublished work carries have no public page, feed or listing."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from articles.services.importing import import_article
from people.models import Person
from tests.factories import (
    ArticleFactory,
    MentionFactory,
    PersonFactory,
    SectionFactory,
    TagFactory,
    TaggedArticleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret_names():
    """Return a tag and a person that only a draft carries, and a tag and person in public."""
    draft = ArticleFactory(draft=True)
    secret_tag = TagFactory(name="Secret merger")
    secret_person = PersonFactory(full_name="Quiet Source")
    TaggedArticleFactory(content_object=draft, tag=secret_tag)
    MentionFactory(article=draft, person=secret_person)
    live = ArticleFactory()
    public_tag, public_person = TagFactory(name="Ferries"), PersonFactory(full_name="Open Voice")
    TaggedArticleFactory(content_object=live, tag=public_tag)
    MentionFactory(article=live, person=public_person)
    return secret_tag, secret_person, public_tag, public_person


def pages(tag, person) -> list[str]:
    return [
        tag.get_absolute_url(),
        person.get_absolute_url(),
        reverse("articles:feed-tag", kwargs={"slug": tag.slug}),
        reverse("articles:feed-person", kwargs={"slug": person.slug}),
    ]


def test_their_pages_and_feeds_are_not_found(client, secret_names):
    secret_tag, secret_person, public_tag, public_person = secret_names
    assert [client.get(url).status_code for url in pages(public_tag, public_person)] == [200] * 4
    assert [client.get(url).status_code for url in pages(secret_tag, secret_person)] == [404] * 4


def test_the_api_neither_lists_nor_shows_them(api, secret_names):
    secret_tag, secret_person, public_tag, public_person = secret_names
    tags = {tag["slug"] for tag in api.get("/api/v1/tags/").json()["results"]}
    people = {p["slug"] for p in api.get("/api/v1/people/").json()["results"]}
    assert tags == {public_tag.slug} and people == {public_person.slug}
    assert api.get(f"/api/v1/tags/{secret_tag.slug}/").status_code == 404
    assert api.get(f"/api/v1/people/{secret_person.slug}/").status_code == 404


def test_an_editor_still_finds_every_tag_and_person_in_the_api(editor, secret_names):
    client = APIClient()
    client.force_authenticate(editor)
    tags = {tag["slug"] for tag in client.get("/api/v1/tags/").json()["results"]}
    people = {p["slug"] for p in client.get("/api/v1/people/").json()["results"]}
    assert secret_names[0].slug in tags and secret_names[1].slug in people


def test_a_contributor_sees_the_names_on_their_own_drafts_only(contributor, member):
    own, colleagues = (
        ArticleFactory(draft=True, created_by=contributor),
        ArticleFactory(draft=True, created_by=member("Contributor", "colleague")),
    )
    mine, theirs = TagFactory(name="Mine"), TagFactory(name="Theirs")
    TaggedArticleFactory(content_object=own, tag=mine)
    TaggedArticleFactory(content_object=colleagues, tag=theirs)
    client = APIClient()
    client.force_authenticate(contributor)
    tags = {tag["slug"] for tag in client.get("/api/v1/tags/").json()["results"]}
    assert mine.slug in tags and theirs.slug not in tags


def test_people_made_by_importing_a_draft_stay_private(client, api, editor):
    text = (
        "Ferry fares rise next month\n\nBy Jo Writer\n\n"
        "Harbour Board chair Mina Okafor said on Monday that fares would rise by a tenth.\n"
    )
    SectionFactory()
    import_article(data=text.encode(), user=editor)
    made = Person.objects.filter(needs_review=True)
    assert made.exists()
    assert not api.get("/api/v1/people/").json()["results"]
    assert all(client.get(person.get_absolute_url()).status_code == 404 for person in made)
