"""Sign in as the demo accounts: one per real role, each only in its role's group."""

import pytest
from django.contrib.auth import get_user_model

from articles.roles import top_up_roles
from seeds.accounts import DEMO_ACCOUNTS, ensure_demo_account

ACCOUNTS = {account.role: account for account in DEMO_ACCOUNTS}


@pytest.fixture
def demo_user(db):
    """Return a function giving the demo account of a role, created as `manage.py seed` does."""

    def of_role(role: str):
        top_up_roles()
        ensure_demo_account(ACCOUNTS[role])
        return get_user_model().objects.get(username=ACCOUNTS[role].username)

    return of_role


@pytest.fixture
def sign_in(client, demo_user):
    """Return a function that signs the test client in as the demo account of a role."""

    def as_role(role: str):
        user = demo_user(role)
        client.force_login(user)
        return user

    return as_role
