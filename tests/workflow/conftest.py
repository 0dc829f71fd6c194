"""Newsroom members in each role, made from the groups the roles migration creates."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import ArticleFactory, UserFactory

ROLES = ["Contributor", "Editor", "Administrator"]


@pytest.fixture
def member(db):
    """Return a factory making a staff user in the named role."""

    def make(role: str, username: str | None = None):
        user = UserFactory(username=username or role.lower(), is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def contributor(member):
    return member("Contributor")


@pytest.fixture
def newsroom_editor(member):
    return member("Editor")


@pytest.fixture
def administrator(member):
    return member("Administrator")


@pytest.fixture
def own_draft(contributor):
    """Return a draft written by the contributor."""
    return ArticleFactory(draft=True, created_by=contributor)
