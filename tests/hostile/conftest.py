"""API clients signed in with the newsroom's real roles, for the hostile-input tests."""

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from articles import roles
from tests.factories import UserFactory


@pytest.fixture
def role_api(db):
    """Return a factory of API clients authenticated as a member of the named role."""

    def make(role: str) -> APIClient:
        user = UserFactory(username=f"{role.lower()}-api", is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def api(db):
    """Return an anonymous API client."""
    return APIClient()


@pytest.fixture
def editor_api(role_api):
    return role_api(roles.EDITOR)


@pytest.fixture
def contributor_api(role_api):
    return role_api(roles.CONTRIBUTOR)
