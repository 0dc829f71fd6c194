"""Renamed people, topics and sections keep their former names and answer at their old slugs."""

import pytest
from django.urls import reverse

from articles.models import FormerSectionSlug, Tag
from articles.services.import_lookups import Newsroom
from articles.services.people import merge_people
from articles.services.tags import merge_tags
from people.models import FormerPersonSlug, Person
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    BylineFactory,
    MentionFactory,
    PersonFactory,
    SectionFactory,
    TaggedArticleFactory,
)

pytestmark = pytest.mark.django_db


def test_a_renamed_person_keeps_the_old_name_as_an_alias_and_the_old_slug():
    person = PersonFactory(full_name="Johnny Ng Kit-chong", slug="johnny-ng-kit-chong")
    person.full_name, person.slug = "Johnny Ng", "johnny-ng"
    person.save()
    person.refresh_from_db()
    assert person.alias_list == ["Johnny Ng Kit-chong"]
    assert FormerPersonSlug.objects.get(slug="johnny-ng-kit-chong").person == person


def test_a_save_that_changes_neither_name_nor_slug_records_nothing():
    person = PersonFactory(full_name="Ada Lim", slug="ada-lim")
    person.description = "harbour pilot"
    person.save()
    assert person.alias_list == [] and not FormerPersonSlug.objects.exists()


def test_the_old_person_page_and_feed_answer_301_with_the_query_kept(client):
    person = PersonFactory(slug="old-name")
    MentionFactory(person=person)
    person.slug = "new-name"
    person.save()
    page = client.get("/person/old-name/?mentions_page=1")
    assert page.status_code == 301 and page["Location"] == "/person/new-name/?mentions_page=1"
    atom = client.get(reverse("articles:feed-person-atom", kwargs={"slug": "old-name"}))
    assert atom.status_code == 301
    assert atom["Location"] == reverse("articles:feed-person-atom", kwargs={"slug": "new-name"})


def test_a_former_slug_of_someone_not_public_is_a_404_not_a_pointer(client):
    person = PersonFactory(slug="quiet-old")  # no public article names them
    person.slug = "quiet-new"
    person.save()
    assert client.get("/person/quiet-old/").status_code == 404


def test_a_renamed_section_answers_301_on_its_page_and_feed(client):
    section = SectionFactory(slug="hk")
    ArticleFactory(section=section)
    section.name, section.slug = "Hong Kong", "hong-kong"
    section.save()
    assert FormerSectionSlug.objects.filter(section=section, slug="hk").exists()
    page = client.get(reverse("articles:section", kwargs={"slug": "hk"}))
    assert page.status_code == 301 and page["Location"] == section.get_absolute_url()
    feed = client.get(reverse("articles:feed-section", kwargs={"slug": "hk"}))
    assert feed["Location"] == reverse("articles:feed-section", kwargs={"slug": "hong-kong"})


def test_merging_tags_moves_every_former_slug_to_the_survivor(client):
    kept, merged = Tag.objects.create(name="Housing"), Tag.objects.create(name="Homes")
    merged.name, merged.slug = "Home building", "home-building"
    merged.save()  # "homes" is now a former slug of the merged tag
    TaggedArticleFactory(tag=kept)
    merge_tags(target=kept, duplicates=[kept, merged])
    for old in ("homes", "home-building"):
        response = client.get(reverse("articles:tag", kwargs={"slug": old}))
        assert response.status_code == 301 and response["Location"] == kept.get_absolute_url()
    assert {"Homes", "Home building"} <= set(Tag.objects.get(pk=kept.pk).alias_list)


def test_a_live_slug_wins_over_a_former_one(client):
    first = PersonFactory(slug="shared")
    MentionFactory(person=first)
    first.slug = "first-now"
    first.save()
    second = PersonFactory(slug="shared")
    MentionFactory(person=second)
    response = client.get("/person/shared/")
    assert response.status_code == 200 and second.full_name in response.text


@pytest.mark.parametrize("preload", [False, True])
def test_the_importer_knows_a_person_by_a_former_name(preload):
    person = PersonFactory(full_name="Johnny Ng Kit-chong")
    person.full_name = "Johnny Ng"
    person.save()
    newsroom = Newsroom(preload=preload)
    assert newsroom.people_named({"johnny ng kit-chong"}) == [person]


def test_the_preview_offers_people_with_similar_names_best_first():
    close = PersonFactory(full_name="Priscilla Leung")
    PersonFactory(full_name="Leung Chun-ying")
    PersonFactory(full_name="Wong Kam-sing")  # another surname: never offered
    offered = Newsroom().similar_people({"Priscilla Leung Mei-fun": "Leung"})
    people = [person for person, _ in offered["Priscilla Leung Mei-fun"]]
    assert people[0] == close and all("Leung" in p.full_name for p in people)
    scores = [score for _, score in offered["Priscilla Leung Mei-fun"]]
    assert scores == sorted(scores, reverse=True)


def test_merging_people_moves_their_rows_and_keeps_names_and_slugs(client):
    kept = PersonFactory(full_name="Johnny Ng Kit-chong", slug="johnny-ng-kit-chong")
    twin = PersonFactory(
        full_name="Johnny Ng", slug="johnny-ng-kit-chong-2", aliases="Ng Kit-chong"
    )
    both = ArticleFactory()
    both.bylines.all().delete()
    BylineFactory(article=both, person=kept)
    BylineFactory(article=both, person=twin)  # the same role twice: one byline stays
    MentionFactory(article=both, person=kept, count=2)
    MentionFactory(article=both, person=twin, count=3)
    only_twin = ArticleFactory()
    MentionFactory(article=only_twin, person=twin)
    AffiliationFactory(person=twin)

    assert merge_people(target=kept, duplicates=[kept, twin]) == 2
    assert not Person.objects.filter(pk=twin.pk).exists()
    assert list(both.bylines.values_list("person", flat=True)) == [kept.pk]
    assert both.mentions.get().count == 5 and only_twin.mentions.get().person == kept
    assert kept.affiliations.count() == 1
    kept.refresh_from_db()
    assert kept.alias_list == ["Johnny Ng", "Ng Kit-chong"]
    old = client.get("/person/johnny-ng-kit-chong-2/")
    assert old.status_code == 301 and old["Location"] == "/person/johnny-ng-kit-chong/"
