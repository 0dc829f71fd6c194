"""Each role × each action in the admin, table-driven: who may do what to whose article."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.services.revisions import save_with_revision, versions_of
from tests.factories import ArticleFactory, PersonFactory, SectionFactory, TagFactory, UserFactory
from tests.workflow.forms import change_form_data

pytestmark = pytest.mark.django_db
ROLES = ["Contributor", "Editor", "Administrator"]


def url(name, *args):
    return reverse(f"admin:articles_article_{name}", args=args)


def edit(client, article) -> bool:
    response = client.get(url("change", article.pk))
    if response.status_code != 200 or "adminform" not in response.context:
        return False
    data = change_form_data(response)
    data["headline"] = "Edited headline"
    client.post(url("change", article.pk), data)
    return Article.objects.get(pk=article.pk).headline == "Edited headline"


def transition(key, expected_status, **data):
    def attempt(client, article) -> bool:
        client.post(url("transition", article.pk, key), {"confirm": "yes", **data})
        return Article.objects.get(pk=article.pk).status == expected_status

    return attempt


def listed(client, article) -> bool:
    response = client.get(url("changelist"))
    return response.status_code == 200 and article.headline in response.text


def correct(client, article) -> bool:
    client.post(url("correction", article.pk), {"text": "A name was misspelt."})
    return article.corrections.exists()


def delete(client, article) -> bool:
    client.post(url("delete", article.pk), {"post": "yes"})
    return not Article.objects.filter(pk=article.pk).exists()


def restore(client, article) -> bool:
    version = article.revisions_for_test[-1]
    client.post(url("restore", article.pk, version.pk))
    return Article.objects.get(pk=article.pk).headline == "First headline"


def recover_list(client, article) -> bool:
    return client.get(url("recoverlist")).status_code == 200


def review_filter(client, article) -> bool:
    response = client.get(url("changelist"), {"workflow": "review"})
    return response.status_code == 200 and article.headline in response.text


def change_page(model):
    def attempt(client, article) -> bool:
        obj = {"people_person": PersonFactory, "articles_tag": TagFactory}.get(
            model, SectionFactory
        )()
        response = client.get(reverse(f"admin:{model}_change", args=[obj.pk]))
        # Contributors may look people and tags up (to pick them), but not change them.
        return response.status_code == 200 and 'name="_save"' in response.text

    return attempt


def users_page(client, article) -> bool:
    user = UserFactory()
    return client.get(reverse("admin:auth_user_change", args=[user.pk])).status_code == 200


SOON = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
# action: (whose article, its status, attempt, {role: allowed})
MATRIX = {
    "see own draft in the list": ("own", "draft", listed, (True, True, True)),
    "see a colleague's draft in the list": ("other", "draft", listed, (False, True, True)),
    "edit own draft": ("own", "draft", edit, (True, True, True)),
    "edit a colleague's draft": ("other", "draft", edit, (False, True, True)),
    "edit own article in review": ("own", "review", edit, (False, True, True)),
    "edit a published article": ("other", "published", edit, (False, True, True)),
    "submit own draft": ("own", "draft", transition("submit", "review"), (True, True, True)),
    "submit a colleague's draft": (
        "other",
        "draft",
        transition("submit", "review"),
        (False, True, True),
    ),
    "filter waiting for review": ("other", "review", review_filter, (False, True, True)),
    "return to draft": (
        "other",
        "review",
        transition("return-to-draft", "draft"),
        (False, True, True),
    ),
    "publish now": ("own", "review", transition("publish", "published"), (False, True, True)),
    "schedule": (
        "own",
        "review",
        transition("schedule", "published", at=SOON),
        (False, True, True),
    ),
    "unpublish": ("own", "published", transition("unpublish", "unpublished"), (False, True, True)),
    "add a correction": ("own", "published", correct, (False, True, True)),
    "delete an article": ("own", "draft", delete, (False, True, True)),
    "restore a revision of own draft": ("own", "draft", restore, (True, True, True)),
    "restore a revision of a colleague's article": (
        "other",
        "draft",
        restore,
        (False, True, True),
    ),
    "open the recover-deleted list": ("own", "draft", recover_list, (False, True, True)),
    "edit people": ("own", "draft", change_page("people_person"), (False, True, True)),
    "edit tags": ("own", "draft", change_page("articles_tag"), (False, True, True)),
    "edit sections": ("own", "draft", change_page("articles_section"), (False, True, True)),
    "manage users": ("own", "draft", users_page, (False, False, True)),
}


@pytest.fixture
def article_for(member):
    colleague = member("Contributor", "colleague")

    def make(user, whose, status):
        published_at = timezone.now() - timedelta(hours=1) if status == "published" else None
        article = ArticleFactory(
            status=status,
            published_at=published_at,
            created_by=user if whose == "own" else colleague,
            headline="First headline",
        )
        first = save_with_revision(article=article, user=colleague, comment="First")
        first.headline = f"Second headline {status} {whose}"
        save_with_revision(article=first, user=colleague, comment="Second")
        first.revisions_for_test = list(versions_of(first))
        return first

    return make


@pytest.mark.parametrize("role_index, role", list(enumerate(ROLES)))
@pytest.mark.parametrize("action", MATRIX)
def test_each_role_may_do_exactly_what_the_matrix_says(
    client, member, article_for, action, role_index, role
):
    whose, status, attempt, allowed = MATRIX[action]
    user = member(role)
    client.force_login(user)
    article = article_for(user, whose, status)

    assert attempt(client, article) is allowed[role_index]
