"""The article form's tag picker: editors may create a tag by typing it, contributors may not."""

import pytest
from django.urls import reverse

from articles.models import Tag
from articles.roles import CONTRIBUTOR, EDITOR
from tests.factories import ArticleFactory, TagFactory
from tests.workflow.forms import change_form_data


def with_new_tag_row(data: dict, value: str) -> dict:
    """Return the form data with one more tag row holding `value`, as the picker sends it."""
    total = next(key for key in data if key.endswith("TOTAL_FORMS") and "tag" in key)
    prefix = total.removesuffix("-TOTAL_FORMS")
    index = int(data[total])
    data[total] = str(index + 1)
    data[f"{prefix}-{index}-tag"] = value
    return data


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.mark.django_db
def test_an_editor_creates_a_tag_by_typing_it_in_the_picker(client, sign_in):
    sign_in(EDITOR)
    article = ArticleFactory(draft=True)
    page = client.get(change_url(article))
    assert 'data-tags="true"' in page.text
    data = with_new_tag_row(change_form_data(page), "new:Lighthouses")

    response = client.post(change_url(article), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert [tag.name for tag in article.tags.all()] == ["Lighthouses"]


@pytest.mark.django_db
def test_a_typed_name_reuses_the_existing_tag_of_any_case(client, sign_in):
    sign_in(EDITOR)
    existing = TagFactory(name="Harbour works")
    article = ArticleFactory(draft=True)
    data = with_new_tag_row(change_form_data(client.get(change_url(article))), "new:harbour WORKS")
    assert client.post(change_url(article), data).status_code == 302
    assert list(article.tags.all()) == [existing] and Tag.objects.count() == 1


@pytest.mark.django_db
def test_a_contributor_only_picks_existing_tags(client, sign_in):
    contributor = sign_in(CONTRIBUTOR)
    existing = TagFactory(name="Ferries")
    article = ArticleFactory(draft=True, created_by=contributor)
    page = client.get(change_url(article))
    assert 'data-may-create="false"' in page.text
    assert "only an editor can create a new one" in page.text

    refused = client.post(
        change_url(article), with_new_tag_row(change_form_data(page), "new:Gulls")
    )
    assert refused.status_code == 200
    assert "Only an editor can create tags" in refused.text
    assert not Tag.objects.filter(name="Gulls").exists() and not article.tags.exists()

    picked = with_new_tag_row(change_form_data(page), str(existing.pk))
    assert client.post(change_url(article), picked).status_code == 302
    assert list(article.tags.all()) == [existing]


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["new:", "new:   ", "new:" + "x" * 101, "not-a-tag-id"])
def test_a_bad_tag_value_is_a_form_error_not_a_crash(client, sign_in, value):
    sign_in(EDITOR)
    article = ArticleFactory(draft=True)
    data = with_new_tag_row(change_form_data(client.get(change_url(article))), value)
    response = client.post(change_url(article), data)
    assert response.status_code == 200 and "errornote" in response.text
    assert not Tag.objects.exists()


@pytest.mark.django_db
def test_a_new_tag_shown_again_after_another_error_keeps_its_name(client, sign_in):
    sign_in(EDITOR)
    article = ArticleFactory(draft=True)
    data = with_new_tag_row(change_form_data(client.get(change_url(article))), "new:Night ferries")
    data["headline"] = ""
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "Night ferries" in response.text
