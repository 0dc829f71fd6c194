"""The readers' search page and the admin's search box."""

import pytest
from django.urls import reverse

from tests.factories import (
    ArticleFactory,
    BylineFactory,
    MentionFactory,
    SectionFactory,
    TaggedArticleFactory,
)

URL = reverse("search:search")


def test_the_page_shows_highlighted_results(client, newsroom):
    response = client.get(URL, {"q": "green bonds"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Green bonds draw record interest" in page
    assert "<mark>green</mark> <mark>bonds</mark>" in page.lower()
    assert "secret plan" not in page


def test_a_draft_is_never_shown_to_a_reader(client, newsroom):
    response = client.get(URL, {"q": "secret"})

    assert "Green bonds secret plan" not in response.content.decode()
    assert "Nothing matches" in response.content.decode()


def test_an_empty_result_page_helps_and_counts_matches_outside_the_filters(client, newsroom):
    response = client.get(URL, {"q": "summit", "section": "business"})

    page = response.content.decode()
    assert "Nothing matches" in page
    assert "1 match without the filters" in page
    assert "Check the spelling" in page


def test_filters_by_topic_and_person_name_narrow_the_results(client, newsroom):
    TaggedArticleFactory(content_object=newsroom["body"]).tag.name  # noqa: B018

    response = client.get(URL, {"q": "lawmaker", "person": "Priscilla Quennell Leung"})

    assert list(response.context["page"].object_list) == [newsroom["named"]]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "bonds", "tag": "no-such-topic"},
        {"q": "bonds", "person": "Nobody Atall"},
        {"q": "bonds", "date_from": "2024-05-02", "date_to": "2024-05-01"},
        {"q": "bonds", "date_from": "yesterday"},
        {"q": "bonds", "section": "no-such-section"},
        {"q": "x" * 500},
    ],
)
def test_bad_parameters_get_a_clear_message_not_an_error(client, newsroom, params):
    response = client.get(URL, params)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["page"] is None


def test_pages_beyond_the_first_keep_the_query(client, db, committed):
    with committed():
        ArticleFactory.create_batch(25, headline="Dragon boat race")

    response = client.get(URL, {"q": "dragon", "page": "2"})

    page = response.context["page"]
    assert (page.number, len(page.object_list), page.paginator.count) == (2, 5, 25)
    assert "q=dragon&amp;page=1" in response.content.decode()


def test_a_reader_cannot_post(client, db):
    assert client.post(URL, {"q": "x"}).status_code == 405


@pytest.mark.parametrize("size", [1, 30])
def test_the_page_runs_a_constant_number_of_queries(
    client, db, django_assert_max_num_queries, size, committed
):
    section = SectionFactory()
    with committed():
        for _ in range(size):
            article = ArticleFactory(headline="Harbourfront promenade", section=section)
            BylineFactory(article=article)
            MentionFactory(article=article)
            TaggedArticleFactory(content_object=article)

    # Savepoint and release, the section filter, the query's words in the vocabulary, one
    # query per tier, the page's articles, their bylines and their people, snippets, the
    # people and topics named by the query, four for the facets, the section menu of the
    # form, and the layout's navigation (with, when the tag versions are in the database
    # cache, its versions read and added).
    with django_assert_max_num_queries(20):
        response = client.get(URL, {"q": "promenade", "section": section.slug})

    assert response.context["page"].paginator.count == size


def test_the_admin_search_uses_the_service_and_finds_drafts(editor_client, newsroom):
    response = editor_client.get(reverse("admin:articles_article_changelist"), {"q": "secret"})

    assert list(response.context["cl"].result_list) == [newsroom["draft"]]


def test_the_admin_search_finds_names_the_old_field_search_missed(editor_client, newsroom):
    response = editor_client.get(reverse("admin:articles_article_changelist"), {"q": "Quennell"})

    assert list(response.context["cl"].result_list) == [newsroom["named"]]


def test_the_admin_lists_search_results_best_match_first(editor_client, newsroom):
    # The body match is the newest article, so a date ordering would put it first.
    response = editor_client.get(reverse("admin:articles_article_changelist"), {"q": "green bonds"})

    results = list(response.context["cl"].result_list)
    assert results.index(newsroom["headline"]) < results.index(newsroom["body"])


def test_a_sorted_column_still_orders_the_admin_search_results(editor_client, newsroom):
    changelist = reverse("admin:articles_article_changelist")
    columns = editor_client.get(changelist).context["cl"].list_display
    # "-N" sorts column N, here the publication time, newest first.
    order = f"-{columns.index('published_at')}"
    response = editor_client.get(changelist, {"q": "green bonds", "o": order})

    results = [a for a in response.context["cl"].result_list if a.published_at]
    assert results == sorted(results, key=lambda a: a.published_at, reverse=True)
    assert results[0] == newsroom["body"]


def test_every_page_has_a_labelled_search_box_in_the_header(client, newsroom):
    page = client.get(reverse("articles:home")).content.decode()

    assert 'role="search"' in page
    assert f'action="{URL}"' in page
    assert '<label for="site-search-q"' in page


def test_the_page_says_when_more_articles_matched_than_it_lists(client, db, settings, committed):
    settings.SEARCH_DEPTH = 2
    with committed():
        for n in range(3):
            ArticleFactory(headline=f"Promenade works {n}")

    page = client.get(URL, {"q": "promenade"}).content.decode()

    assert "More than 2 results" in page
    assert "Every match was ranked; these are the best 2" in page


def test_the_admin_search_completes_the_last_word_as_editors_type(editor_client, newsroom):
    response = editor_client.get(reverse("admin:articles_article_changelist"), {"q": "tunnel tol"})

    assert list(response.context["cl"].result_list) == [newsroom["body"]]


def test_readers_complete_a_word_only_when_they_star_it(client, newsroom):
    unstarred = client.get(URL, {"q": "tunnel tol"}).content.decode()
    starred = client.get(URL, {"q": "tunnel tol*"}).content.decode()

    # Unstarred, "tol" matches nothing; the page says so and searches its suggestion.
    assert "Nothing matches “tunnel tol”. Showing results for" in unstarred
    assert "Harbour tunnel tolls rise" in starred
    assert "Nothing matches" not in starred


def test_results_show_their_bylines_escaped(client, db, committed):
    with committed():
        article = ArticleFactory(headline="Promenade reopens")
        BylineFactory(article=article, person__full_name="Ada <b>Lee</b>")

    page = client.get(URL, {"q": "promenade"}).content.decode()

    assert "By Ada &lt;b&gt;Lee&lt;/b&gt;" in page
