import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    PersonFactory,
    RelatedArticleFactory,
    RelatedHeadlineFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "admin:articles_article_changelist",
    "admin:articles_section_changelist",
    "admin:articles_tag_changelist",
    "admin:people_person_changelist",
]
ADD_PAGES = [name.replace("changelist", "add") for name in CHANGELISTS]


def fill(rich_article, n):
    for _ in range(n):
        article = rich_article(n)
        RelatedArticleFactory(from_article=article)
        RelatedHeadlineFactory(article=article)
    SectionFactory(parent=SectionFactory(parent=article.section))


@pytest.mark.parametrize("size", [1, 30])
def test_changelists_render_in_bounded_queries(
    editor_client, rich_article, django_assert_max_num_queries, subtests, size
):
    fill(rich_article, size)  # once for every changelist: the filling is the slow part
    for url_name in CHANGELISTS:
        with subtests.test(url_name=url_name), django_assert_max_num_queries(14):
            response = editor_client.get(reverse(url_name))
            assert response.status_code == 200


@pytest.mark.parametrize("url_name", ADD_PAGES)
def test_add_pages_render(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("size", [1, 30])
def test_article_change_page_renders_in_bounded_queries(
    editor_client, rich_article, django_assert_max_num_queries, size
):
    article = rich_article(size)
    RelatedArticleFactory(from_article=article)
    url = reverse("admin:articles_article_change", args=[article.pk])
    # 41: with whether the article is live (its "Live entries" link).
    with django_assert_max_num_queries(41):
        response = editor_client.get(url)
    assert response.status_code == 200
    assert article.headline in response.text


@pytest.mark.parametrize(
    ("url_name", "factory"),
    [
        ("admin:articles_section_change", SectionFactory),
        ("admin:articles_tag_change", TagFactory),
        ("admin:people_person_change", PersonFactory),
    ],
)
def test_other_change_pages_render(editor_client, url_name, factory):
    obj = factory()
    assert editor_client.get(reverse(url_name, args=[obj.pk])).status_code == 200


def test_person_page_lists_their_articles(editor_client, rich_article):
    article = rich_article(1)
    person = article.mentions.get().person
    response = editor_client.get(reverse("admin:people_person_change", args=[person.pk]))
    assert article.headline in response.text


def inline_management(prefix, total=1):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_an_editor_creates_an_article_with_its_relations_and_finds_it(editor_client):
    section = SectionFactory()
    person = PersonFactory(full_name="Priya Raman")
    tags = [TagFactory(kind=kind) for kind in ("topic", "place", "organisation", "series")]
    data = {
        "headline": "Night ferries return to the outlying islands",
        "slug": "night-ferries-return",
        "body": '<p>Boats run again.</p><script>alert("x")</script>',
        "section": section.pk,
        "status": "published",
        "published_at_0": "2026-01-05",
        "published_at_1": "08:00:00",
        "origin": "original",
        "language": "en",
        **inline_management("bylines"),
        "bylines-0-person": person.pk,
        "bylines-0-role": "author",
        "bylines-0-position": "0",
        **inline_management("mentions"),
        "mentions-0-person": person.pk,
        "mentions-0-role_phrase": "a ferry captain",
        "mentions-0-count": "2",
        "mentions-0-position": "0",
        **inline_management("tagged_items", total=len(tags)),
        **{f"tagged_items-{i}-tag": tag.pk for i, tag in enumerate(tags)},
        **inline_management("images"),
        "images-0-caption": "The first night boat leaves Central.",
        "images-0-credit": "Masthead",
        "images-0-alt_text": "A lit ferry at night",
        "images-0-position": "0",
        **inline_management("related_links", total=0),
        **inline_management("related_headlines", total=0),
    }
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    article = Article.objects.get(slug="night-ferries-return")
    assert "<script" not in article.body
    assert article.bylines.get().person == person
    assert article.mentions.get().role_phrase == "a ferry captain"
    assert {t.kind for t in article.tags.all()} == {"topic", "place", "organisation", "series"}
    assert article.images.get().caption.startswith("The first night boat")
    changelist = editor_client.get(reverse("admin:articles_article_changelist"), {"q": "ferries"})
    assert "Night ferries return" in changelist.text


def test_tag_kind_filter_narrows_the_changelist(editor_client, rich_article):
    article = rich_article(1)
    place = TagFactory(kind="place")
    article.tagged_items.create(tag=place)
    other = ArticleFactory()
    response = editor_client.get(
        reverse("admin:articles_article_changelist"), {"tag_kind": "place"}
    )
    assert article.headline in response.text
    assert other.headline not in response.text


def test_a_staff_member_without_permissions_cannot_see_articles(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 403
