"""The admin, the API and the services all take their workflow steps from one table."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from articles.admin.workflow import BULK_STEPS, bulk_action
from articles.api.views import ArticleViewSet
from articles.models import Article
from articles.services.publishing import STEPS, Stage, available_steps, stage_of
from tests.workflow.stages import STEP_MISFITS, STEP_STARTS, arguments_for, article_at

pytestmark = pytest.mark.django_db


def admin_url(name, *args):
    return reverse(f"admin:articles_article_{name}", args=args)


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("stage", list(Stage))
def test_the_test_article_of_each_stage_stands_at_that_stage(stage):
    assert stage_of(article_at(stage)) == stage


def test_every_step_is_an_action_endpoint_of_the_api():
    endpoints = {extra.url_path for extra in ArticleViewSet.get_extra_actions()}
    assert set(STEPS) <= endpoints


def test_the_api_keeps_its_public_endpoint_names():
    assert list(STEPS) == ["submit", "return-to-draft", "publish", "schedule", "unpublish"]


def test_the_list_actions_keep_their_names():
    names = [bulk_action(STEPS[step]).__name__ for step in BULK_STEPS]
    assert names == [
        "submit_selected",
        "publish_selected",
        "schedule_selected",
        "unpublish_selected",
    ]


@pytest.mark.parametrize(("step", "stage"), STEP_STARTS)
def test_each_step_through_the_api_leaves_the_status_the_table_declares(
    newsroom_editor, step, stage
):
    article = article_at(stage)
    body = {key: value.isoformat() for key, value in arguments_for(step).items()}

    response = api_for(newsroom_editor).post(
        f"/api/v1/articles/{article.pk}/{step}/", body, format="json"
    )

    assert response.status_code == 200, response.json()
    article.refresh_from_db()
    assert article.status == STEPS[step].moves[stage]
    assert article.events.get().action == STEPS[step].event


@pytest.mark.parametrize(("step", "stage"), STEP_STARTS)
def test_each_step_through_the_admin_leaves_the_status_the_table_declares(
    client, newsroom_editor, step, stage
):
    article = article_at(stage)
    client.force_login(newsroom_editor)
    data = {key: value.strftime("%Y-%m-%dT%H:%M") for key, value in arguments_for(step).items()}

    response = client.post(admin_url("transition", article.pk, step), {"confirm": "yes", **data})

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == STEPS[step].moves[stage]


@pytest.mark.parametrize(("step", "stage"), STEP_MISFITS)
def test_a_service_refuses_its_step_from_a_stage_the_table_does_not_list(
    newsroom_editor, step, stage
):
    article = article_at(stage)

    with pytest.raises(ValidationError):
        STEPS[step].service(article=article, user=newsroom_editor, **arguments_for(step))

    assert not article.events.exists()


@pytest.mark.parametrize("stage", list(Stage))
def test_the_change_page_offers_the_steps_the_table_allows(client, newsroom_editor, stage):
    article = article_at(stage)
    client.force_login(newsroom_editor)

    response = client.get(admin_url("change", article.pk))

    offered = [name for name, _label in response.context["workflow_transitions"]]
    assert offered == [step.name for step in available_steps(newsroom_editor, article)]
    for name in offered:
        assert admin_url("transition", article.pk, name) in response.text


def test_a_contributor_is_offered_only_to_submit_their_own_draft(client, contributor):
    article = article_at(Stage.DRAFT, created_by=contributor)
    client.force_login(contributor)

    response = client.get(admin_url("change", article.pk))

    assert response.context["workflow_transitions"] == [("submit", "Submit for review")]


def test_a_contributor_sees_only_the_submit_action_on_the_list(client, contributor):
    client.force_login(contributor)

    response = client.get(admin_url("changelist"))

    actions = {name for name, _label in response.context["action_form"].fields["action"].choices}
    assert "submit_selected" in actions
    assert not actions & {"publish_selected", "schedule_selected", "unpublish_selected"}


def test_the_old_return_address_sends_an_editor_to_the_new_one(client, newsroom_editor):
    article = article_at(Stage.REVIEW)
    client.force_login(newsroom_editor)

    response = client.get(admin_url("transition", article.pk, "return"))

    assert response.status_code == 308
    assert response["Location"] == admin_url("transition", article.pk, "return-to-draft")


def test_a_confirmation_posted_to_the_old_return_address_still_returns_the_article(
    client, newsroom_editor
):
    article = article_at(Stage.REVIEW)
    client.force_login(newsroom_editor)

    client.post(
        admin_url("transition", article.pk, "return"),
        {"confirm": "yes", "note": "Needs a second source."},
        follow=True,
    )

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.events.get().note == "Needs a second source."


def test_the_api_schema_describes_every_step_with_its_service(client):
    paths = client.get("/api/schema/?format=json").json()["paths"]

    for name, step in STEPS.items():
        operation = paths[f"/api/v1/articles/{{id}}/{name}/"]["post"]
        assert operation["description"] == step.service.__doc__
