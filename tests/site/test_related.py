from datetime import timedelta

import pytest
from django.utils import timezone

from articles.services.related import next_in_section, related_articles, related_cards
from tests.factories import (
    ArticleFactory,
    MentionFactory,
    PersonFactory,
    RelatedArticleFactory,
    SectionFactory,
    TagFactory,
    TaggedArticleFactory,
)

pytestmark = pytest.mark.django_db


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


@pytest.fixture
def story():
    return ArticleFactory()


def sharing_person(story, **fields):
    other = ArticleFactory(**fields)
    person = PersonFactory()
    MentionFactory(article=story, person=person)
    MentionFactory(article=other, person=person)
    return other


def sharing_tag(story, **fields):
    other = ArticleFactory(**fields)
    tag = TagFactory()
    TaggedArticleFactory(content_object=story, tag=tag)
    TaggedArticleFactory(content_object=other, tag=tag)
    return other


def test_it_puts_the_editors_picks_first_in_their_order(story):
    ranked = sharing_person(story)
    first, second = ArticleFactory(), ArticleFactory()
    RelatedArticleFactory(from_article=story, to_article=second, position=2)
    RelatedArticleFactory(from_article=story, to_article=first, position=1)
    assert related_articles(story) == [first, second, ranked]


def test_it_ranks_shared_people_above_shared_tags_above_shared_section(story):
    same_section = ArticleFactory(section=story.section, published_at=hours_ago(0.1))
    tagged = sharing_tag(story, published_at=hours_ago(0.2))
    mentioned = sharing_person(story, published_at=hours_ago(0.3))
    assert related_articles(story) == [mentioned, tagged, same_section]


def test_it_ranks_more_shared_things_above_fewer(story):
    one_tag = sharing_tag(story, published_at=hours_ago(0.1))
    two_tags = sharing_tag(story, published_at=hours_ago(5))
    extra = TagFactory()
    TaggedArticleFactory(content_object=story, tag=extra)
    TaggedArticleFactory(content_object=two_tags, tag=extra)
    assert related_articles(story) == [two_tags, one_tag]


def test_it_breaks_ties_by_recency(story):
    older = ArticleFactory(section=story.section, published_at=hours_ago(9))
    newer = ArticleFactory(section=story.section, published_at=hours_ago(2))
    assert related_articles(story) == [newer, older]


def test_it_never_lists_the_article_itself_or_the_same_article_twice(story):
    twice = sharing_person(story, section=story.section)
    tag = TagFactory()
    TaggedArticleFactory(content_object=story, tag=tag)
    TaggedArticleFactory(content_object=twice, tag=tag)
    RelatedArticleFactory(from_article=story, to_article=twice)
    result = related_articles(story)
    assert result == [twice]


@pytest.mark.parametrize(
    "hidden",
    [
        {"draft": True},
        {"status": "review"},
        {"status": "unpublished"},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "review", "unpublished", "scheduled"],
)
def test_it_never_lists_what_the_public_may_not_see(story, hidden):
    picked = ArticleFactory(**hidden)
    RelatedArticleFactory(from_article=story, to_article=picked)
    shared = sharing_person(story, **hidden)
    same_section = ArticleFactory(section=story.section, **hidden)
    result = related_articles(story)
    assert picked not in result
    assert shared not in result
    assert same_section not in result


def test_it_ignores_unrelated_articles(story):
    ArticleFactory(section=SectionFactory())
    assert related_articles(story) == []


def test_it_honours_the_limit_with_picks_counted(story):
    picks = [ArticleFactory() for _ in range(3)]
    for position, pick in enumerate(picks):
        RelatedArticleFactory(from_article=story, to_article=pick, position=position)
    sharing_person(story)
    assert related_articles(story, limit=2) == picks[:2]
    assert related_articles(story, limit=0) == []


@pytest.mark.parametrize("size", [1, 30])
def test_it_runs_a_constant_number_of_queries(story, size, django_assert_max_num_queries):
    for _ in range(size):
        RelatedArticleFactory(from_article=story)
        sharing_person(story)
        sharing_tag(story)
    # The article's people and tags (free when prefetched), the ranking, the articles, bylines.
    with django_assert_max_num_queries(5):
        result = related_articles(story, limit=100)
        for article in result:
            # The listing reads the section path and bylines; neither may cost a query.
            assert article.section.path[-1] == article.section
            assert [byline.person.full_name for byline in article.bylines.all()] == []
    assert len(result) == 3 * size


def test_next_in_section_lists_the_newest_other_articles_of_the_section(story):
    old = ArticleFactory(section=story.section, published_at=hours_ago(30))
    new = ArticleFactory(section=story.section, published_at=hours_ago(3))
    ArticleFactory(section=story.section, draft=True)
    ArticleFactory()
    assert next_in_section(story) == [new, old]
    assert next_in_section(story, limit=1) == [new]


def test_cards_are_the_same_articles_in_the_same_order_without_their_bodies(story):
    ranked = [sharing_person(story), sharing_tag(story), ArticleFactory(section=story.section)]
    RelatedArticleFactory(from_article=story, to_article=ranked[2])

    cards = related_cards(story)

    assert cards == related_articles(story) and set(cards) == set(ranked)
    assert all("body" in card.get_deferred_fields() for card in cards)
