"""Repeated wrong admin passwords lock the username out from that address until unlocked."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")


@pytest.fixture
def desk():
    user = UserFactory(username="desk", is_staff=True)
    user.set_password("right-password-1")
    user.save()
    return user


def sign_in(client, password, username="desk", address="203.0.113.7"):
    data = {"username": username, "password": password, "next": "/admin/"}
    return client.post(LOGIN, data, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_account_out_even_with_the_right_one(client, desk):
    codes = [sign_in(client, f"guess-{n}").status_code for n in range(5)]
    locked = sign_in(client, "right-password-1")

    assert codes == [200, 200, 200, 200, 429]
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_says_why_for_how_long_and_who_can_unlock(client, desk):
    for n in range(5):
        sign_in(client, f"guess-{n}")

    page = sign_in(client, "right-password-1").content.decode()

    assert "Too many wrong passwords for “desk”" in page
    assert "Try again in 15 minutes" in page
    assert "Access attempts" in page


def test_another_address_can_still_sign_in_as_the_same_user(client, desk):
    for n in range(5):
        sign_in(client, f"guess-{n}")

    response = sign_in(Client(), "right-password-1", address="198.51.100.4")

    assert response.status_code == 302


def test_an_administrator_unlocks_the_account_in_the_admin(client, desk):
    for n in range(5):
        sign_in(client, f"guess-{n}")
    attempt = AccessAttempt.objects.get(username="desk")
    admin = Client()
    admin.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))

    admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )

    assert not AccessAttempt.objects.exists()
    assert sign_in(client, "right-password-1").status_code == 302


def test_a_right_password_before_the_limit_clears_the_count(client, desk):
    for n in range(4):
        sign_in(client, f"guess-{n}")
    assert sign_in(client, "right-password-1").status_code == 302
    client.logout()

    codes = [sign_in(client, f"again-{n}").status_code for n in range(4)]

    assert codes == [200] * 4
