"""Every public page costs the same number of queries with 1 or 30 of each relation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from images.renditions import ensure_renditions
from people.models import Person
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    BylineFactory,
    ImageFactory,
    MentionFactory,
    PersonFactory,
    RelatedArticleFactory,
    RelatedHeadlineFactory,
    SectionFactory,
    TagFactory,
    TaggedArticleFactory,
)

pytestmark = pytest.mark.django_db
SIZES = [1, 30]

# The counts measured at size 30 (listed in the README's "Reading the site"), so a page
# that starts to query once per item fails here.
LIMITS = {
    # The first reader's: the kept parts (articles/story.py), the navigation and the lists
    # beside it (articles/kept.py) are rendered, each reading its tags' versions and adding
    # the new ones (2 queries each, none on Redis, where the versions lie beside the pages);
    # the lists also read which lists the article is on (its topics, people and sections)
    # and when the next scheduled story goes public (they are kept no longer).
    # Figures from the picture library add one query (their renditions).
    "article": 24,
    # Home: the front's slots, the newest, bylines, lead pictures and their renditions (when
    # from the library), the sections, then the newest ids of the section fronts, their
    # cards and bylines; and the versions of the kept lists' tags and the next scheduled
    # story's time.
    "home": 15,
    # Its front: slots, the top and its bylines and pictures, then the list; the section's
    # own id for its list tag, the versions of the kept lists' tags, the next scheduled
    # story's time.
    "section": 13,
    # Topic, person and archive lists show each card's lead picture: its rows and, when
    # any comes from the library, their renditions (two queries per list at most).
    "topic": 6,
    "person": 13,
    "archive": 7,  # with the nearest earlier and later months that have articles
    "feed": 6,  # the items' lead pictures: one query, and one more for library renditions
    "sitemap": 4,
    "news_sitemap": 3,
}
# The next reader's, the parts and lists kept (articles/kept.py): the page's own record(s),
# and one read of the versions per kept part (none on Redis). Pages keeping nothing whole
# cost what they cost the first reader.
KEPT_LIMITS = {**LIMITS, "article": 4, "home": 2, "section": 4, "person": 4}


@pytest.fixture
def world(rich_article):
    """Return a builder of a newsroom with `n` of every relation around one article."""

    def build(n):
        section = SectionFactory(parent=SectionFactory(parent=SectionFactory()))
        article = rich_article(n, section=section)
        reporter = PersonFactory(kind=Person.Kind.CONTRIBUTOR)
        tag = article.tagged_items.first().tag
        for _ in range(n):
            other = ArticleFactory(section=section)
            BylineFactory(article=other, person=reporter)
            MentionFactory(article=other, person=reporter)
            TaggedArticleFactory(content_object=other, tag=tag)
            BylineFactory(article=other)
            RelatedArticleFactory(from_article=article, to_article=other)
            RelatedHeadlineFactory(article=article, target=other)
            TagFactory()
            SectionFactory(parent=section.parent)
        return article, reporter, tag

    return build


def pages(article, reporter, tag):
    now = article.published_at
    return {
        "article": article.get_absolute_url(),
        "home": "/",
        "section": article.section.parent.parent.get_absolute_url(),
        "topic": tag.get_absolute_url(),
        "person": reporter.get_absolute_url(),
        "archive": f"/archive/{now.year}/{now.month}/",
        "feed": f"/feeds/person/{reporter.slug}/",
        "sitemap": "/sitemap-articles.xml",
        "news_sitemap": "/news-sitemap.xml",
    }


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.parametrize("size", SIZES)
def test_each_page_type_runs_a_constant_number_of_queries(client, world, size):
    counts = {kind: count_queries(client, url) for kind, url in pages(*world(size)).items()}
    over = {kind: (n, LIMITS[kind]) for kind, n in counts.items() if n > LIMITS[kind]}
    assert over == {}


@pytest.mark.parametrize("size", SIZES)
def test_the_next_reader_is_served_the_kept_lists(client, world, size):
    urls = pages(*world(size))
    for url in urls.values():
        client.get(url)
    counts = {kind: count_queries(client, url) for kind, url in urls.items()}
    over = {kind: (n, KEPT_LIMITS[kind]) for kind, n in counts.items() if n > KEPT_LIMITS[kind]}
    assert over == {}


@pytest.mark.parametrize("size", SIZES)
def test_each_sitemap_part_runs_a_constant_number_of_queries(client, world, size):
    world(size)
    parts = ["articles", "sections", "topics", "people"]
    counts = {part: count_queries(client, f"/sitemap-{part}.xml") for part in parts}
    assert max(counts.values()) <= LIMITS["sitemap"], counts


@pytest.mark.parametrize("size", SIZES)
def test_the_article_page_stays_within_its_budget(
    client, world, size, django_assert_max_num_queries
):
    article, _, _ = world(size)
    with django_assert_max_num_queries(LIMITS["article"]):
        client.get(article.get_absolute_url())


@pytest.mark.parametrize("figures", [1, 5])
def test_library_pictures_add_a_fixed_number_of_queries(client, world, figures, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    article, _, _ = world(1)
    images = [ImageFactory(file__width=320, file__height=200) for _ in range(figures + 1)]
    for image in images:
        ensure_renditions(image)
    ArticleImageFactory(article=article, image=images[0], is_lead=True)
    article.body = "".join(
        f'<figure data-image-id="{image.pk}">'
        f'<img src="{image.file.url}" data-file="{image.pk}" alt="A figure">'
        "<figcaption>Caption</figcaption></figure>"
        for image in images[1:]
    )
    article.save()
    count = count_queries(client, article.get_absolute_url())
    response = client.get(article.get_absolute_url())
    assert response.text.count("<picture>") == figures + 1
    assert count <= LIMITS["article"]  # the article page budget, library pictures included
