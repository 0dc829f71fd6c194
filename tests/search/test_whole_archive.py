"""Searching a whole archive: tiers, suggestions, fallbacks, facets, named pages, credits."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from articles.models import Byline
from search.models import Word
from search.service import answer, search_articles
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    MentionFactory,
    PersonFactory,
    SectionFactory,
    TagFactory,
    TaggedArticleFactory,
)

URL = reverse("search:search")
API_URL = "/api/v1/articles/search/"


def years_ago(n: int):
    return timezone.now() - timedelta(days=365 * n)


@pytest.fixture
def archive(db, committed):
    """Return articles about a harbour across years, with sections, topics and people."""
    ports, city = SectionFactory(name="Ports", slug="ports"), SectionFactory(name="City")
    harbour = TagFactory(name="Harbour", slug="harbour")
    captain = PersonFactory(full_name="Marisol Okonkwo-Byrne", slug="okonkwo-byrne")
    with committed():
        best = ArticleFactory(
            headline="Harbour dredging finally begins",
            body="<p>Dredgers arrived.</p>",
            section=ports,
            published_at=years_ago(6),
        )
        recent = [
            ArticleFactory(
                headline=f"Ferry timetable {n}",
                body="<p>Boats crossed the harbour before the university term.</p>",
                section=city,
                published_at=timezone.now() - timedelta(days=n + 1),
            )
            for n in range(3)
        ]
        TaggedArticleFactory(content_object=best, tag=harbour)
        MentionFactory(article=best, person=captain)
    return {"best": best, "recent": recent, "ports": ports, "harbour": harbour, "captain": captain}


def test_a_headline_match_from_years_ago_comes_before_this_weeks_body_matches(archive):
    found = list(search_articles("harbour").articles)

    assert found[0] == archive["best"]
    assert set(found[1:]) == set(archive["recent"])


def test_among_body_matches_the_newer_story_comes_first(archive):
    found = list(search_articles("boats").articles)

    assert found == sorted(archive["recent"], key=lambda a: a.published_at, reverse=True)


def test_an_unknown_word_gets_a_suggestion_from_the_archives_words_and_its_results(archive):
    found = answer("univercity")

    assert found.suggestion.text == "university"
    assert found.instead == "suggestion"
    assert set(found.results.articles) == set(archive["recent"])


def test_a_known_word_gets_no_suggestion(archive):
    assert answer("harbour").suggestion is None


def test_when_no_article_holds_every_word_any_word_is_searched(archive):
    found = answer("dredging timetable")

    assert found.instead == "any word"
    assert set(found.results.articles) == {archive["best"], *archive["recent"]}


def test_facets_count_sections_topics_people_and_years_of_the_matches(archive):
    facets = answer("harbour").facets()

    assert {(f.label, f.count) for f in facets.sections} == {("Ports", 1), ("City", 3)}
    assert [(f.value, f.count) for f in facets.topics] == [("harbour", 1)]
    assert [(f.value, f.count) for f in facets.people] == [("okonkwo-byrne", 1)]
    assert sum(f.count for f in facets.years) == 4
    assert str(timezone.localtime(archive["best"].published_at).year) in {
        f.value for f in facets.years
    }


def test_a_persons_and_a_topics_name_find_their_pages(archive):
    assert answer("Marisol Okonkwo-Byrne").people == [archive["captain"]]
    assert answer("harbour").topics == [archive["harbour"]]


def test_a_person_only_drafts_name_is_not_offered(db, committed):
    hidden = PersonFactory(full_name="Ignatius Vellacott-Prynne")
    with committed():
        MentionFactory(article=ArticleFactory(draft=True), person=hidden)

    assert answer("Ignatius Vellacott-Prynne").people == []


def test_the_vocabulary_counts_each_word_once_per_article_and_field(archive):
    harbour = Word.objects.get(word="harbour")

    assert (harbour.documents, harbour.headlines, harbour.titles) == (4, 1, 1)


def test_the_page_shows_the_fallback_and_facets_openly(client, archive):
    page = client.get(URL, {"q": "univercity"}).content.decode()

    assert "Showing results for “<strong>university</strong>”" in page
    assert "Refine by" in page
    assert "<details" in page  # the form's filters stay folded; facets are not


def test_the_page_links_each_facet_to_the_narrowed_search(client, archive):
    page = client.get(URL, {"q": "harbour"}).content.decode()

    assert "?q=harbour&amp;section=ports" in page
    assert "?q=harbour&amp;tag=harbour" in page
    assert "?q=harbour&amp;person=okonkwo-byrne" in page
    assert f'Topic: <a href="{archive["harbour"].get_absolute_url()}">' in page


def test_a_facet_link_narrows_the_results(client, archive):
    page = client.get(URL, {"q": "harbour", "section": "ports"}).content.decode()

    assert "1 result for" in page
    assert "Harbour dredging finally begins" in page


def test_results_credit_additional_reporting_apart_from_the_authors(client, db, committed):
    with committed():
        article = ArticleFactory(headline="Lighthouse keepers retire", ready=False)
        BylineFactory(article=article, person__full_name="Ottoline Fairweather-Quist")
        BylineFactory(
            article=article,
            person__full_name="Bartholomew Ashdown-Reyes",
            role=Byline.Role.ADDITIONAL_REPORTING,
            position=1,
        )

    page = client.get(URL, {"q": "lighthouse"}).content.decode()

    assert "By Ottoline Fairweather-Quist" in page
    assert "Additional reporting by Bartholomew Ashdown-Reyes" in page
    assert "By Ottoline Fairweather-Quist, Bartholomew" not in page


def test_the_api_answers_with_results_facets_and_a_suggestion(archive):
    response = APIClient().get(API_URL, {"q": "univercity"})

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["suggestion"] == "university"
    assert body["instead"] == "suggestion"
    assert body["count"] == 3 and body["exact"]
    assert {item["id"] for item in body["results"]} == {a.pk for a in archive["recent"]}
    assert {f["label"] for f in body["facets"]["sections"]} == {"City"}


def test_the_api_names_the_pages_of_a_person_searched_for(archive):
    body = APIClient().get(API_URL, {"q": "Marisol Okonkwo-Byrne"}).json()

    assert body["named"] == [
        {"kind": "person", "name": "Marisol Okonkwo-Byrne", "slug": "okonkwo-byrne"}
    ]


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "harbour", "section": "nowhere"}, {"q": "harbour", "topic": "nowhere"},
     {"q": "harbour", "page": "0"}, {"q": "x" * 201}, {"q": "harbour", "order": "oldest"}],
)  # fmt: skip
def test_the_api_refuses_bad_search_parameters_with_a_400(archive, params):
    assert APIClient().get(API_URL, params).status_code == 400


def test_the_api_never_finds_drafts(db, committed):
    with committed():
        ArticleFactory(headline="Quarantine pier plans", draft=True)

    assert APIClient().get(API_URL, {"q": "quarantine"}).json()["count"] == 0


def test_the_api_narrows_by_a_topic_and_takes_an_empty_filter_as_none(archive):
    api = APIClient()
    narrowed = api.get(API_URL, {"q": "harbour", "topic": "harbour", "section": ""}).json()

    assert [item["id"] for item in narrowed["results"]] == [archive["best"].pk]
    assert api.get(API_URL, {"q": ""}).json()["count"] == 0
