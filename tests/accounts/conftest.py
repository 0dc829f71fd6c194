"""Staff in the real roles, and codes computed the way an authenticator app computes them."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory


@pytest.fixture
def staff_in(db):
    """Return a function making a staff account (password "pw") in a real role's group."""

    def make(role: str, username: str = ""):
        user = UserFactory(username=username or f"staff-{role.lower()}", is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        return user

    return make
