import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.models import Article, ArticleImage
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    BylineFactory,
    MentionFactory,
    RelatedArticleFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def assert_refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_a_published_article_needs_a_publish_time():
    assert_refused(lambda: ArticleFactory(status=Article.Status.PUBLISHED, published_at=None))


def test_the_status_must_be_a_known_one():
    assert_refused(lambda: ArticleFactory(status="lost"))


def test_an_article_has_at_most_one_lead_image():
    image = ArticleImageFactory(is_lead=True)
    ArticleImageFactory(article=image.article, is_lead=False)
    # Written directly: the factory replaces a lead, the database must refuse a second one.
    assert_refused(lambda: ArticleImage.objects.create(article=image.article, is_lead=True))


def test_a_person_has_one_byline_per_role():
    byline = BylineFactory()
    assert_refused(lambda: BylineFactory(article=byline.article, person=byline.person))


def test_a_person_is_mentioned_once_per_article_with_a_count():
    mention = MentionFactory(count=3)
    assert_refused(lambda: MentionFactory(article=mention.article, person=mention.person))
    assert_refused(lambda: MentionFactory(count=0))


def test_an_article_is_not_related_to_itself():
    article = ArticleFactory()
    assert_refused(lambda: RelatedArticleFactory(from_article=article, to_article=article))


def test_tag_kind_must_be_a_known_one():
    assert_refused(lambda: TagFactory(kind="mood"))


def test_section_slugs_are_unique():
    SectionFactory(slug="world")
    assert_refused(lambda: SectionFactory(slug="world"))


def test_the_same_source_text_cannot_be_imported_twice():
    ArticleFactory(source_fingerprint="abc")
    ArticleFactory(source_fingerprint="")
    ArticleFactory(source_fingerprint="")
    assert_refused(lambda: ArticleFactory(source_fingerprint="abc"))


def test_section_path_and_name_show_the_hierarchy():
    news = SectionFactory(name="News")
    city = SectionFactory(name="Hong Kong", parent=news)
    politics = SectionFactory(name="Politics", parent=city)
    assert politics.path == [news, city, politics]
    assert str(politics) == "News › Hong Kong › Politics"


def test_sections_nest_at_most_three_deep():
    a = SectionFactory()
    b = SectionFactory(parent=a)
    c = SectionFactory(parent=b)
    with pytest.raises(ValidationError, match="at most 3"):
        SectionFactory.build(parent=c).clean()


def test_a_section_cannot_sit_inside_its_own_child():
    parent = SectionFactory()
    child = SectionFactory(parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError, match="inside itself"):
        parent.clean()


def test_a_section_cannot_take_a_reserved_slug():
    with pytest.raises(ValidationError, match="reserved"):
        SectionFactory.build(slug="admin").clean()


def test_article_url_carries_section_id_and_slug():
    article = ArticleFactory(section=SectionFactory(slug="world"), slug="ferries")
    assert article.get_absolute_url() == f"/world/{article.pk}/ferries/"


def test_tag_aliases_are_read_one_per_line():
    tag = TagFactory(aliases="NPC\n  National People's Congress \n\n")
    assert tag.alias_list == ["NPC", "National People's Congress"]
