"""On the demo newsroom every article page links its related coverage, people and topics."""

import pytest

from articles.models import Article
from seeds.loader import load_newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_newsroom()
    return list(
        Article.objects.published().prefetch_related("mentions__person", "tagged_items__tag")
    )


def test_every_demo_article_links_three_related_articles_its_people_and_topics(client, demo):
    # Loading the demo newsroom makes its image renditions, so it is loaded once here.
    assert len(demo) >= 10
    shortfalls = {}
    for article in demo:
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        missing = [
            thing.get_absolute_url()
            for thing in [m.person for m in article.mentions.all()]
            + [t.tag for t in article.tagged_items.all()]
            if f'href="{thing.get_absolute_url()}"' not in response.text
        ]
        related = [a for a in response.context["related"] if a.get_absolute_url() in response.text]
        if len(related) < 3 or missing:
            shortfalls[article.slug] = {"related": len(related), "missing": missing}
    assert shortfalls == {}
