"""In real Chromium: enrolling and signing in with an authenticator app, a recovery code and a
passkey (through Chromium's virtual authenticator), and the lockout after wrong codes."""

import re
from base64 import b32decode
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from playwright.sync_api import expect

from accounts.models import AuditAction, AuditEntry
from articles.roles import EDITOR
from seeds.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, ensure_demo_accounts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EDITOR_NAME = next(account.username for account in DEMO_ACCOUNTS if account.role == EDITOR)


@pytest.fixture
def editors_need_a_second_factor(settings):
    ensure_demo_accounts()
    settings.REQUIRE_2FA_ROLES = [EDITOR]


def send_password(page, base_url: str) -> None:
    page.goto(base_url + reverse("admin:login"))
    page.fill("#id_username", EDITOR_NAME)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")


def code_for(secret: str) -> str:
    """Compute the code an authenticator app holding the typed-in key shows now."""
    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{TOTP(key).token():06d}"


def give_code(page, code: str, button: str) -> None:
    page.get_by_label(re.compile("Code")).fill(code)
    page.get_by_role("button", name=button).click()


def sign_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Logged out")).to_be_visible()


def test_an_editor_enrols_an_app_then_signs_in_with_codes_and_a_recovery_code_once(
    page, live_server, editors_need_a_second_factor
):
    send_password(page, live_server.url)
    page.wait_for_url(re.compile(r"/admin/account/enrol/"))
    secret = page.locator("#totp-secret").inner_text()
    give_code(page, code_for(secret), "Turn on")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name=re.compile("continue")).click()
    page.wait_for_url(re.compile(r"/admin/$"))
    sign_out(page)

    send_password(page, live_server.url)
    page.wait_for_url(re.compile(r"/admin/account/verify/"))
    give_code(page, codes[0], "Confirm")
    page.wait_for_url(re.compile(r"/admin/$"))
    sign_out(page)

    send_password(page, live_server.url)
    give_code(page, codes[0], "Confirm")
    expect(page.get_by_text("That code is not right")).to_be_visible()
    # A code of the next period: the app's code at enrolment may not be used twice.
    with time_machine.travel(timezone.now() + timedelta(seconds=60)):
        give_code(page, code_for(secret), "Confirm")
        page.wait_for_url(re.compile(r"/admin/$"))


def test_wrong_codes_lock_the_editor_out(page, live_server, editors_need_a_second_factor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    send_password(page, live_server.url)
    page.wait_for_url(re.compile(r"/admin/account/enrol/"))
    give_code(page, code_for(page.locator("#totp-secret").inner_text()), "Turn on")
    page.get_by_role("link", name=re.compile("continue")).click()
    sign_out(page)

    send_password(page, live_server.url)
    for _ in range(3):
        give_code(page, "000000", "Confirm")
    expect(page.get_by_text(re.compile("paused|locked", re.I)).first).to_be_visible()
    send_password(page, live_server.url)
    expect(page).not_to_have_url(re.compile(r"/admin/$"))


def test_an_editor_registers_a_passkey_and_signs_in_with_it(
    browser, live_server, editors_need_a_second_factor
):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    try:
        send_password(page, live_server.url)
        page.wait_for_url(re.compile(r"/admin/account/enrol/"))
        page.get_by_role("button", name="Register a passkey").click()
        expect(page.get_by_text("Registration successful")).to_be_visible()
        page.get_by_role("link", name=re.compile("recovery codes")).click()
        page.wait_for_url(re.compile(r"/admin/account/security/"))
        expect(page.get_by_text(re.compile("Passkey"))).to_be_visible()
        sign_out(page)

        send_password(page, live_server.url)
        page.wait_for_url(re.compile(r"/admin/account/verify/"))
        page.get_by_role("button", name="Use a passkey").click()
        page.wait_for_url(re.compile(r"/admin/$"))
        expect(page.get_by_role("heading", name="Desk")).to_be_visible()
        used = AuditEntry.objects.filter(action=AuditAction.SECOND_FACTOR_USED)
        assert list(used.values_list("details__kind", flat=True)) == ["passkey"]
    finally:
        context.close()
