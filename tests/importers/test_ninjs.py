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
    for name, role, count in [
        ("Felicia Wong Sze Min", "a hawker who sells grilled squid", 2),
        ("Marcus Teoh Kah Wei", "harbour planner", 3),
    ]:
        MentionFactory(
            article=original, person=PersonFactory(full_name=name), role_phrase=role, count=count
        )
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
        return [(m.person_id, m.role_phrase, m.count) for m in article.mentions.all()]

    assert bylines(copy) == bylines(original)
    assert mentions(copy) == mentions(original)
    assert set(copy.tags.all()) == set(original.tags.all())


def contents(article: Article) -> dict:
    """Return what an article says and whom it names, without its own ids and filing."""
    article = Article.objects.get(pk=article.pk)
    fields = ["headline", "kicker", "standfirst", "dateline", "body"]
    fields += ["source_name", "copyright_line"]
    return {
        **{name: getattr(article, name) for name in fields},
        "bylines": [(b.person_id, b.role) for b in article.bylines.all()],
        "mentions": [(m.person_id, m.role_phrase, m.count) for m in article.mentions.all()],
        "tags": sorted(article.tags.values_list("pk", flat=True)),
    }


def test_a_plain_text_import_survives_export_and_import_as_ninjs(ferry_bytes, sections):
    for name in ["Penang", "Night markets", "Seaward Crossings"]:
        TagFactory(name=name, slug=name.lower().replace(" ", "-"))
    original = import_article(data=ferry_bytes, section_slug="business").article
    before = contents(original)
    assert any(role and count > 1 for _, role, count in before["mentions"])  # worth carrying
    assert before["tags"] and before["bylines"] and before["dateline"] == "GEORGE TOWN"
    document = json.dumps(article_to_ninjs(Article.objects.get(pk=original.pk)))

    outcome = import_article(data=document.encode(), fmt="ninjs", section_slug="business")

    assert outcome.created and outcome.article.pk != original.pk
    assert contents(outcome.article) == before


def test_the_mention_details_are_a_description_readers_skip_and_the_import_reads(sections):
    article = ArticleFactory(standfirst="")
    MentionFactory(article=article, person__full_name="Kah Wei Teoh", role_phrase="a planner")
    item = article_to_ninjs(Article.objects.get(pk=article.pk))
    (details,) = item["descriptions"]
    assert details["role"] == "masthead-mentions"
    assert details["contenttype"] == "application/json"
    entry = json.loads(details["value"])[0]
    assert entry["role"] == "a planner" and entry["count"] == 1

    copy = import_article(data=json.dumps(item).encode(), fmt="ninjs").article

    assert copy.standfirst == ""  # the details never pass for a summary
    assert copy.mentions.get().role_phrase == "a planner"


def test_malformed_mention_details_still_import_the_people(sections):
    document = {
        **DOCUMENT,
        "descriptions": [{"role": "masthead-mentions", "value": "{not json"}],
        "people": [{"name": "Marcus Teoh Kah Wei", "rel": "mentioned", "literal": "x"}],
    }
    article = import_article(data=json.dumps(document).encode(), fmt="ninjs").article
    mention = article.mentions.get()
    assert (mention.person.full_name, mention.role_phrase, mention.count) == (
        "Marcus Teoh Kah Wei",
        "",
        1,
    )
