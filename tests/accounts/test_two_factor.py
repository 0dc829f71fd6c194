"""Two-factor sign-in by role: enrolment at the next sign-in, codes, lockout, sessions."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditAction, AuditEntry
from accounts.twofactor import new_recovery_codes
from articles.roles import ADMINISTRATOR, CONTRIBUTOR, EDITOR
from tests.factories import authenticator_code as current_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def required(settings):
    settings.REQUIRE_2FA_ROLES = [EDITOR, ADMINISTRATOR]


def sign_in(client, user):
    return client.post(reverse("admin:login"), {"username": user.username, "password": "pw"})


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def test_a_required_role_without_a_factor_is_taken_to_enrolment(client, staff_in, required):
    editor = staff_in(EDITOR)
    sign_in(client, editor)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:enrol"))
    enrol = client.get(response["Location"])
    assert enrol.status_code == 200 and b"authenticator app" in enrol.content


def test_enrolling_with_the_first_code_shows_recovery_codes_then_opens_the_desk(
    client, staff_in, required
):
    editor = staff_in(EDITOR)
    sign_in(client, editor)
    client.get(reverse("accounts:enrol"))
    device = TOTPDevice.objects.get(user=editor, confirmed=False)

    response = client.post(reverse("accounts:enrol"), {"code": current_code(device)})

    assert response.status_code == 200 and len(response.context["codes"]) == 10
    assert client.get(reverse("admin:index")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_role_not_required_signs_in_with_its_password_alone(client, staff_in, required):
    contributor = staff_in(CONTRIBUTOR)
    sign_in(client, contributor)
    assert client.get(reverse("admin:index")).status_code == 200


def test_an_unverified_session_reads_the_api_as_a_stranger(client, staff_in, required):
    editor = staff_in(EDITOR)
    enrolled(editor)
    sign_in(client, editor)

    response = client.post("/api/v1/tags/", {"name": "Ferries"}, content_type="application/json")

    assert response.status_code in {401, 403}
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 302


def test_wrong_codes_lock_the_account_out_like_wrong_passwords(
    client, staff_in, required, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    editor = staff_in(EDITOR)
    enrolled(editor)
    sign_in(client, editor)
    answers = [
        client.post(reverse("accounts:verify"), {"code": "000000"}).status_code for _ in range(3)
    ]

    assert answers == [200, 200, 429]
    assert AuditEntry.objects.filter(action=AuditAction.SECOND_FACTOR_FAILED).count() == 3
    # Locked out: the right password no longer signs in either.
    assert sign_in(client, editor).status_code == 429


def test_a_recovery_code_works_once(client, staff_in, required):
    editor = staff_in(EDITOR)
    enrolled(editor)
    code = new_recovery_codes(editor)[0]

    sign_in(client, editor)
    assert client.post(reverse("accounts:verify"), {"code": code}).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    client.post(reverse("admin:logout"))

    sign_in(client, editor)
    again = client.post(reverse("accounts:verify"), {"code": code})
    assert again.status_code == 200 and "not right" in again.content.decode()


def test_an_idle_session_ends(client, staff_in, settings):
    import time_machine
    from django.utils import timezone

    settings.ADMIN_IDLE_MINUTES = 30
    sign_in(client, staff_in(EDITOR))
    assert client.get(reverse("admin:index")).status_code == 200
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=31)):
        response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_signing_out_everywhere_ends_other_sessions(client, staff_in):
    from django.test import Client

    editor = staff_in(EDITOR)
    elsewhere = Client()
    sign_in(elsewhere, editor), sign_in(client, editor)
    assert elsewhere.get(reverse("admin:index")).status_code == 200

    client.post(reverse("accounts:sign-out-everywhere"))

    assert elsewhere.get(reverse("admin:index")).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 302


def test_an_administrator_signs_another_account_out_everywhere(client, staff_in):
    from django.test import Client

    editor, chief = staff_in(EDITOR), staff_in(ADMINISTRATOR)
    desk = Client()
    sign_in(desk, editor)
    sign_in(client, chief)
    changelist = reverse("admin:auth_user_changelist")
    data = {"action": "sign_out_everywhere", "_selected_action": [editor.pk]}
    assert client.post(changelist, data).status_code == 200  # asks first
    assert desk.get(reverse("admin:index")).status_code == 200
    client.post(changelist, {**data, "confirmed": "yes"})
    assert desk.get(reverse("admin:index")).status_code == 302


def test_the_security_pages_open_for_every_role(client, staff_in):
    for role in (CONTRIBUTOR, EDITOR, ADMINISTRATOR):
        client.force_login(staff_in(role))
        for name in ("accounts:security", "accounts:enrol"):
            assert client.get(reverse(name)).status_code == 200, (role, name)


def test_security_txt_follows_the_settings(client, settings):
    settings.SECURITY_TXT_CONTACTS = ["mailto:security@news.example"]
    response = client.get("/.well-known/security.txt")
    lines = response.content.decode().splitlines()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    assert "Contact: mailto:security@news.example" in lines
    assert any(line.startswith("Expires: ") and line.endswith("Z") for line in lines)
