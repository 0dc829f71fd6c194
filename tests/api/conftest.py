"""Fixtures for API tests: clients for each kind of caller."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from rest_framework.test import APIClient

from articles.models import Article
from tests.factories import ArticleFactory, UserFactory, api_key


@pytest.fixture
def api(db):
    """Return an anonymous API client."""
    return APIClient()


@pytest.fixture
def editor_api(editor):
    """Return an API client authenticated with the editor's token."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(editor)}")
    return client


@pytest.fixture
def staff_without_permissions_api(db):
    """Return an API client for a staff member who holds no model permission."""
    client = APIClient()
    client.force_authenticate(UserFactory(username="staff-no-perms", is_staff=True))
    return client


@pytest.fixture
def non_staff_with_permissions_api(db):
    """Return an API client for a non-staff account that holds every article permission."""
    user = UserFactory(username="not-staff", is_staff=False)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def hidden_articles(db):
    """Return a draft, a scheduled and a withdrawn article."""
    return [
        ArticleFactory(draft=True, headline="Secret draft"),
        ArticleFactory(headline="Scheduled", published_at=timezone.now() + timedelta(days=1)),
        ArticleFactory(headline="Withdrawn", status=Article.Status.UNPUBLISHED),
    ]
