"""Two people edit the same article in the admin: the second save is refused, nothing is lost."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from articles.services.revisions import save_with_revision
from tests.factories import ArticleFactory, BylineFactory
from tests.workflow.forms import change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(member):
    first, second = Client(), Client()
    alice = member("Editor", "alice")
    alice.first_name, alice.last_name = "Alice", "Chan"
    alice.save()
    first.force_login(alice)
    second.force_login(member("Editor", "bob"))
    return first, second


@pytest.fixture
def story(newsroom_editor):
    article = ArticleFactory(headline="Ferry fares rise", body="<p>Fares rise by a tenth.</p>")
    BylineFactory(article=article)
    # A first revision, as every save through the newsroom tools records one.
    return save_with_revision(article=article, user=newsroom_editor, comment="First draft")


def test_the_second_save_is_refused_names_the_first_and_keeps_the_second_text(two_editors, story):
    first, second = two_editors
    url = reverse("admin:articles_article_change", args=[story.pk])
    alice_data, bob_data = change_form_data(first.get(url)), change_form_data(second.get(url))

    alice_data["headline"] = "Ferry fares rise sharply"
    assert first.post(url, alice_data).status_code == 302
    bob_data["body"] = "<p>Bob's careful rewrite of the fares story.</p>"
    refused = second.post(url, bob_data)

    assert refused.status_code == 200
    assert "Alice Chan saved this article at" in refused.text
    assert "NOT saved" in refused.text
    assert "What they changed" in refused.text
    assert '[added: </span> sharply<span class="visually-hidden">]</span></ins>' in refused.text
    assert refused.context["adminform"].form["body"].value() == bob_data["body"]
    story.refresh_from_db()
    assert story.headline == "Ferry fares rise sharply"
    assert story.body == "<p>Fares rise by a tenth.</p>"


def test_saving_again_after_seeing_the_conflict_keeps_the_second_text(two_editors, story):
    first, second = two_editors
    url = reverse("admin:articles_article_change", args=[story.pk])
    alice_data, bob_data = change_form_data(first.get(url)), change_form_data(second.get(url))
    alice_data["headline"] = "Ferry fares rise sharply"
    first.post(url, alice_data)
    bob_data["body"] = "<p>Bob's careful rewrite of the fares story.</p>"

    refused = second.post(url, bob_data)
    accepted = second.post(url, change_form_data(refused))

    assert accepted.status_code == 302
    story.refresh_from_db()
    assert story.body == "<p>Bob's careful rewrite of the fares story.</p>"
    assert story.version == 4


def test_a_form_without_its_version_is_refused(two_editors, story):
    first, _ = two_editors
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = change_form_data(first.get(url))
    del data["expected_version"]
    data["headline"] = "Sneaky"

    assert first.post(url, data).status_code == 200
    assert Article.objects.get(pk=story.pk).headline == "Ferry fares rise"
