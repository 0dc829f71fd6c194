"""Importing IPTC ninjs 2.x, and the round trip through the API's exporter."""

import json

from articles.api.ninjs import article_to_ninjs
from articles.models import Article, Byline
from articles.services.importing import import_article
from people.models import Person
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    MentionFactory,
    PersonFactory,
    TagFactory,
    TaggedArticleFactory,
)

DOCUMENT = {
    "standard": {"name": "ninjs", "version": "2.0"},
    "type": "text",
    "headlines": [{"role": "main", "value": "Night ferry returns to the harbour"}],
    "descriptions": [{"role": "summary", "value": "The service resumes after four years."}],
    "bodies": [{"role": "main", "contenttype": "text/html", "value": "<p>The ferry is back.</p>"}],
    "by": "Kevin Loh and Aminah Rahim",
    "people": [{"name": "Marcus Teoh Kah Wei", "rel": "mentioned"}],
    "organisations": [{"name": "Harbour Users Alliance"}],
    "places": [{"name": "Penang"}],
    "subjects": [{"name": "Ferries"}, {"name": "Not In The Vocabulary"}],
    "copyrightnotice": "Copyright 2025 Penang Daily Courier",
    "infosources": [{"name": "Penang Daily Courier", "role": "originator"}],
}


def test_a_ninjs_document_becomes_a_draft_with_the_same_shape(sections):
    for name in ["Harbour Users Alliance", "Penang", "Ferries"]:
        TagFactory(name=name, slug=name.lower().replace(" ", "-"))
    article = import_article(data=json.dumps(DOCUMENT).encode(), fmt="ninjs").article
    assert article.headline == "Night ferry returns to the harbour"
    assert article.standfirst == "The service resumes after four years."
    assert article.body == "<p>The ferry is back.</p>"
    assert [b.person.full_name for b in article.bylines.all()] == ["Kevin Loh", "Aminah Rahim"]
    assert [m.person.full_name for m in article.mentions.all()] == ["Marcus Teoh Kah Wei"]
    assert set(article.tags.values_list("name", flat=True)) == {
        "Harbour Users Alliance", "Penang", "Ferries"
    }  # fmt: skip
    assert article.source_name == "Penang Daily Courier"
    assert article.copyright_line == "Copyright 2025 Penang Daily Courier"
    assert Person.objects.get(full_name="Marcus Teoh Kah Wei").needs_review


def test_export_then_import_gives_back_the_same_article(sections):
    original = ArticleFactory(
        headline="Harbour night market opens",
        kicker="Waterfront",
        standfirst="Forty stalls on the first night.",
        body="<p>The market opened.</p><h2>Rents</h2><p>They are low.</p>",
        section=sections["business"],
    )
    BylineFactory(article=original, person__full_name="Kevin Loh")
    BylineFactory(
        article=original, person__full_name="Farah Idris", role=Byline.Role.ADDITIONAL_REPORTING
    )
    for name in ["Felicia Wong Sze Min", "Marcus Teoh Kah Wei"]:
        MentionFactory(article=original, person=PersonFactory(full_name=name))
    for name in ["Night markets", "Penang"]:
        TaggedArticleFactory(content_object=original, tag__name=name)
    document = json.dumps(article_to_ninjs(Article.objects.get(pk=original.pk)))

    copy = import_article(data=document.encode(), fmt="ninjs").article

    assert copy.pk != original.pk
    for field in ["headline", "kicker", "standfirst", "body"]:
        assert getattr(copy, field) == getattr(original, field), field

    def bylines(article):
        return [(b.person_id, b.role) for b in article.bylines.all()]

    def mentions(article):
        return [m.person_id for m in article.mentions.all()]

    assert bylines(copy) == bylines(original)
    assert mentions(copy) == mentions(original)
    assert set(copy.tags.all()) == set(original.tags.all())
