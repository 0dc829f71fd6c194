"""In real Chromium, as the demo Administrator: make an endpoint, keep its secret, test it.

Only clicks and typing. The secret is shown once, on the page that answers the form; the
endpoint's later pages never show it. The test event reaches a real receiver on loopback,
which verifies its signature with the secret read from the page.
"""

import pytest
from playwright.sync_api import expect

from seeds.accounts import ensure_demo_accounts
from tests.browser.axe import violations
from tests.browser.signing import sign_in
from tests.webhooks.conftest import run_worker, running_receiver
from webhooks.models import Endpoint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def receiver():
    with running_receiver() as receiver:
        yield receiver


def test_an_administrator_makes_an_endpoint_sees_the_secret_once_and_sends_a_test(
    page, live_server, receiver
):
    ensure_demo_accounts()
    sign_in(page, live_server.url, "administrator")

    page.get_by_role("link", name="Endpoints").first.click()
    page.get_by_role("link", name="Add endpoint").click()
    page.get_by_label("URL").fill(receiver.url)
    page.get_by_label("Article published").check()
    page.get_by_label("Article corrected").check()
    page.get_by_role("button", name="Save", exact=True).click()

    secret_box = page.get_by_label("Signing secret")
    secret = secret_box.input_value()
    endpoint = Endpoint.objects.get()
    assert endpoint.signing_secrets() == [secret] and endpoint.events == [
        "article.published",
        "article.corrected",
    ]
    assert violations(page) == []
    receiver.secrets.append(secret)

    page.get_by_role("link", name="Go to its delivery log").click()
    page.get_by_role("button", name="Send a test event").click()
    expect(page.get_by_text("A test event is queued")).to_be_visible()
    run_worker()
    page.reload()

    expect(page.get_by_role("cell", name="Delivered")).to_be_visible()
    assert violations(page) == []
    assert receiver.forged == 0 and [m["type"] for m in receiver.accepted] == ["webhook.test"]
    page.get_by_role("link", name=endpoint.url[:40]).first.click()
    assert secret not in page.content()
