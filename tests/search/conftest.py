"""A small newsroom whose words are chosen so that the expected ranking is unambiguous."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, MentionFactory, PersonFactory, SectionFactory


@pytest.fixture
def days_ago():
    """Return a function giving the moment `n` days ago."""
    return lambda n: timezone.now() - timedelta(days=n)


@pytest.fixture
def newsroom(db, days_ago, committed):
    """Return a dict of articles: headline, standfirst, body, name matches, and a draft."""
    with committed():
        return build_newsroom(days_ago)


def build_newsroom(days_ago) -> dict:
    """Create the sections, the person and the articles of the newsroom."""
    business = SectionFactory(name="Business", slug="business")
    people = SectionFactory(name="People", slug="people-section")
    leung = PersonFactory(full_name="Priscilla Quennell Leung", slug="quennell", short_name="")
    named = ArticleFactory(
        headline="Lawmaker opens summit",
        standfirst="Delegates arrive.",
        body="<p>Guests met in the hall.</p>",
        section=people,
        published_at=days_ago(3),
    )
    MentionFactory(article=named, person=leung)
    return {
        "headline": ArticleFactory(
            headline="Green bonds draw record interest",
            standfirst="Investors queue for the sale.",
            body="<p>The sale closed early.</p>",
            section=business,
            published_at=days_ago(30),
        ),
        "body": ArticleFactory(
            headline="Harbour tunnel tolls rise",
            standfirst="Drivers will pay more.",
            body="<p>The treasury also plans to sell green bonds next year.</p>",
            section=business,
            published_at=days_ago(1),
        ),
        "bonds_apart": ArticleFactory(
            headline="Budget balances the books",
            standfirst="A cautious plan.",
            body="<p>The bonds market was calm and the park was green.</p>",
            section=business,
            published_at=days_ago(2),
        ),
        "named": named,
        "person": leung,
        "draft": ArticleFactory(headline="Green bonds secret plan", draft=True, section=business),
        "business": business,
    }
