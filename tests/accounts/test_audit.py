"""The audit log records sign-ins, lockouts, role changes, tokens, the workflow and archives."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from accounts.models import AuditAction, AuditEntry
from accounts.tokens import new_token, revoke_token
from articles.models import Article
from articles.roles import ADMINISTRATOR, CONTRIBUTOR, EDITOR
from articles.services import publishing
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("at", "id").values_list("action", flat=True))


def sign_in(client, username, password):
    return client.post(reverse("admin:login"), {"username": username, "password": password})


def test_sign_ins_failures_and_the_lockout_are_recorded(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    UserFactory(username="desk", is_staff=True)
    sign_in(client, "desk", "pw")
    client.logout()
    for _ in range(2):
        sign_in(client, "desk", "wrong")

    # django-axes announces the lockout while it counts the failure that causes it.
    assert actions() == [
        AuditAction.SIGNED_IN,
        AuditAction.SIGNED_OUT,
        AuditAction.SIGN_IN_FAILED,
        AuditAction.LOCKED_OUT,
        AuditAction.SIGN_IN_FAILED,
    ]
    assert set(AuditEntry.objects.values_list("actor_name", flat=True)) == {"desk"}
    # Each request's address; the test client's own sign-out is not a request.
    assert (
        AuditEntry.objects.exclude(action=AuditAction.SIGNED_OUT)
        .filter(address="127.0.0.1")
        .count()
        == 4
    )


def test_a_role_change_through_the_admin_names_who_made_it(client):
    chief = UserFactory(username="chief", is_staff=True)
    chief.groups.add(Group.objects.get(name=ADMINISTRATOR))
    reporter = UserFactory(username="reporter", is_staff=True)
    client.force_login(chief)
    AuditEntry.objects.all().delete()

    url = reverse("admin:auth_user_change", args=[reporter.pk])
    form = {
        "username": "reporter",
        "is_active": "on",
        "is_staff": "on",
        "groups": [Group.objects.get(name=EDITOR).pk],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
        "last_login_0": "",
        "last_login_1": "",
    }
    assert client.post(url, form).status_code == 302

    entry = AuditEntry.objects.get(action=AuditAction.GROUPS_CHANGED)
    assert entry.actor == chief and entry.target == "reporter"
    assert entry.details["groups"] == [EDITOR]


def test_tokens_created_and_revoked_are_recorded(editor):
    AuditEntry.objects.all().delete()  # the fixture's joining the Editor role
    token, _ = new_token(editor, name="Feed", scope="read")
    revoke_token(token=token, revoked_by=editor)
    assert actions() == [AuditAction.TOKEN_CREATED, AuditAction.TOKEN_REVOKED]


def test_publish_unpublish_and_delete_join_the_log(editor):
    AuditEntry.objects.all().delete()  # the fixture's joining the Editor role
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    article = publishing.publish(article=article, user=editor, anyway=True)
    publishing.unpublish(article=article, user=editor, note="Legal asked")
    Article.objects.get(pk=article.pk).delete()

    assert actions() == [AuditAction.PUBLISHED, AuditAction.UNPUBLISHED, AuditAction.DELETED]
    assert AuditEntry.objects.filter(actor=editor).count() == 2


def test_an_export_of_content_is_recorded(tmp_path):
    ArticleFactory()
    call_command("export_content", tmp_path / "archive.tar.gz")
    assert AuditEntry.objects.filter(action=AuditAction.EXPORTED).count() == 1


def test_only_administrators_read_the_log(client):
    for role, status in ((CONTRIBUTOR, 403), (EDITOR, 403), (ADMINISTRATOR, 200)):
        user = UserFactory(username=f"someone-{role}", is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        url = reverse("admin:accounts_auditentry_changelist")
        assert client.get(url, {"action": "signed-in"}).status_code == status, role


def test_entries_older_than_the_retention_are_pruned(settings, editor):
    from datetime import timedelta

    from django.utils import timezone

    settings.AUDIT_LOG_DAYS = 30
    old = AuditEntry.objects.create(
        action=AuditAction.SIGNED_IN, at=timezone.now() - timedelta(days=31)
    )
    recent = AuditEntry.objects.create(action=AuditAction.SIGNED_IN)
    call_command("prune_audit_log")
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert AuditEntry.objects.filter(pk=recent.pk).exists()
