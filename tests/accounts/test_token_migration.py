"""Tokens made before scoped tokens keep working after the upgrade, now hashed."""

import secrets

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from rest_framework.test import APIClient

from accounts.models import ApiToken

pytestmark = pytest.mark.django_db(transaction=True)  # migrations alter the schema
BEFORE = [("accounts", "0001_initial")]
AFTER = [("accounts", "0002_existing_tokens")]


def test_an_old_plain_token_becomes_a_hashed_publish_token_that_still_signs_in(editor):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(
        [*BEFORE, ("authtoken", "0004_alter_tokenproxy_options")]
    ).apps
    old = old_apps.get_model("authtoken", "Token").objects.create(
        user_id=editor.pk,
        key=secrets.token_hex(20),  # as DRF made them
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    token = ApiToken.objects.get(user=editor)
    assert token.scope == ApiToken.Scope.PUBLISH and token.expires_at is not None
    assert old.key not in (token.key_hash, token.prefix)
    assert not old_apps.get_model("authtoken", "Token").objects.exists()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {old.key}")
    assert client.get("/api/v1/articles/").status_code == 200
    assert client.post("/api/v1/tags/", {}, format="json").status_code == 400  # may write
