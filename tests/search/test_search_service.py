"""Ranking, phrases, exclusions, prefixes, filters and visibility, on whichever database runs."""

from articles.models import Article
from search.service import search_articles
from tests.factories import ArticleFactory, SectionFactory, TaggedArticleFactory


def found(query, **kwargs):
    """Return the pks search_articles finds, in order."""
    return list(search_articles(query, **kwargs).articles.values_list("pk", flat=True))


def test_a_headline_match_ranks_above_a_body_match(newsroom):
    results = found("green bonds")

    assert results[0] == newsroom["headline"].pk
    assert set(results[1:]) == {newsroom["body"].pk, newsroom["bonds_apart"].pk}


def test_a_phrase_needs_its_words_together(newsroom):
    apart = newsroom["bonds_apart"].pk

    assert apart in found("green bonds")
    assert apart not in found('"green bonds"')
    assert set(found('"green bonds"')) == {newsroom["headline"].pk, newsroom["body"].pk}


def test_every_word_must_match(newsroom):
    assert found("green tunnel") == [newsroom["body"].pk]


def test_an_excluded_word_removes_articles(newsroom):
    assert found("green bonds -tunnel") == [newsroom["headline"].pk, newsroom["bonds_apart"].pk]


def test_a_starred_word_finds_the_words_it_begins(newsroom):
    assert found("harb*") == [newsroom["body"].pk]
    assert found("harb") == []


def test_search_as_you_type_completes_the_last_word(newsroom):
    assert found("tunnel tol", complete_last_word=True) == [newsroom["body"].pk]
    assert found("tunnel tol") == []


def test_a_persons_name_finds_the_articles_mentioning_them(newsroom):
    assert found("Quennell") == [newsroom["named"].pk]


def test_a_query_without_words_finds_nothing(newsroom):
    assert found("") == []
    assert found("-green") == []


def test_drafts_are_never_found_by_default(newsroom):
    assert newsroom["draft"].pk not in found("secret plan")
    assert found("secret plan") == []


def test_editors_can_search_drafts_with_their_own_queryset(newsroom):
    assert found("secret plan", queryset=Article.objects.all()) == [newsroom["draft"].pk]


def test_scheduled_articles_are_not_found_before_their_time(newsroom, days_ago, committed):
    with committed():
        scheduled = ArticleFactory(headline="Scheduled zeppelin story", published_at=days_ago(-1))

    assert found("zeppelin") == []
    assert found("zeppelin", queryset=Article.objects.all()) == [scheduled.pk]


def test_newest_order_puts_the_latest_first(newsroom):
    expected = [newsroom["body"].pk, newsroom["bonds_apart"].pk, newsroom["headline"].pk]

    assert found("bonds", order="newest") == expected


def test_recency_breaks_ties_between_equally_relevant_articles(db, days_ago, committed):
    with committed():
        old = ArticleFactory(headline="Typhoon signal raised", published_at=days_ago(400))
        new = ArticleFactory(headline="Typhoon signal raised", published_at=days_ago(2))

    assert found("typhoon") == [new.pk, old.pk]


def test_filters_narrow_by_section_tag_person_and_dates(newsroom, days_ago):
    tagged = TaggedArticleFactory(content_object=newsroom["headline"]).tag

    assert found("bonds", section=newsroom["business"])[0] == newsroom["headline"].pk
    assert found("summit", section=newsroom["business"]) == []
    assert found("bonds", tag=tagged) == [newsroom["headline"].pk]
    assert found("summit", person=newsroom["person"]) == [newsroom["named"].pk]
    assert found("bonds", person=newsroom["person"]) == []
    window = {"date_from": days_ago(2).date(), "date_to": days_ago(0).date()}
    assert set(found("bonds", **window)) == {newsroom["body"].pk, newsroom["bonds_apart"].pk}


def test_an_unknown_order_is_refused(newsroom):
    try:
        search_articles("bonds", order="random")
    except ValueError as error:
        assert "relevance" in str(error)
    else:
        raise AssertionError("an unknown order was accepted")


def test_snippets_mark_matched_words_and_escape_the_rest(db, committed):
    with committed():
        ArticleFactory(
            headline="Ferry news",
            body=(
                "<p>Fares &amp; <b>timetables</b> change as the ferry "
                "&lt;script&gt; fleet grows.</p>"
            ),
        )
    results = search_articles("ferry fleet")

    [article] = results.highlight(results.articles)

    assert "<mark>ferry</mark>" in article.snippet
    assert "<mark>fleet</mark>" in article.snippet
    assert "<script>" not in article.snippet
    assert "&amp;" in article.snippet


def test_the_best_older_match_comes_first_beyond_the_listed_depth(db, settings, committed):
    settings.SEARCH_DEPTH = 3
    # Added oldest first: the headline match is older than every body match.
    with committed():
        best = ArticleFactory(headline="Ferry fares", body="<p>Ferry fares rise.</p>")
        for n in range(4):
            ArticleFactory(headline=f"Item {n}", body="<p>The ferry sailed.</p>")

    results = search_articles("ferry")

    assert results.articles.first() == best
    assert len(results.ids) == 3
    assert not results.exact


def test_fewer_matches_than_the_depth_are_all_listed_and_counted_exactly(db, settings, committed):
    settings.SEARCH_DEPTH = 3
    with committed():
        body = ArticleFactory(headline="Item", body="<p>The ferry sailed.</p>")
        headline = ArticleFactory(headline="Ferry fares", body="<p>Fares rise.</p>")

    results = search_articles("ferry")

    assert list(results.articles) == [headline, body]
    assert results.exact


def test_the_emergency_cap_lists_fewer_when_set(db, settings, committed):
    settings.SEARCH_CANDIDATES = 2
    with committed():
        for n in range(3):
            ArticleFactory(headline=f"Ferry {n}")

    results = search_articles("ferry")

    assert len(results.ids) == 2
    assert results.capped


def test_filters_apply_before_the_pool_is_taken(db, settings, committed):
    settings.SEARCH_CANDIDATES = 2
    harbour = SectionFactory(slug="harbour-desk")
    with committed():
        wanted = [ArticleFactory(headline=f"Ferry {n}", section=harbour) for n in range(2)]
        for n in range(3):
            ArticleFactory(headline=f"Ferry news {n}")

    results = search_articles("ferry", section=harbour)

    assert set(results.articles) == set(wanted)
