"""Only Administrators see endpoints; the secret is shown once and never again, nor logged."""

import logging

import pytest
from django.urls import reverse

from accounts.models import AuditAction, AuditEntry
from articles.roles import ADMINISTRATOR, CONTRIBUTOR, EDITOR
from tests.webhooks.conftest import run_worker, user_in
from webhooks import services
from webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db


def pages(endpoint) -> list[str]:
    names = ["changelist", "add"]
    with_id = ["change", "history", "delete", "deliveries"]
    return [reverse(f"admin:webhooks_endpoint_{name}") for name in names] + [
        reverse(f"admin:webhooks_endpoint_{name}", args=[endpoint.pk]) for name in with_id
    ]


@pytest.mark.parametrize("role", [CONTRIBUTOR, EDITOR])
def test_a_contributor_or_an_editor_cannot_see_or_change_endpoints(client, role, receiver):
    endpoint, _ = services.create_endpoint(url=receiver.url, events=["article.published"])
    client.force_login(user_in(role))

    for url in pages(endpoint):
        assert client.get(url).status_code == 403, url
    for action in ("test", "redeliver", "rotate"):
        url = reverse(f"admin:webhooks_endpoint_{action}", args=[endpoint.pk])
        assert client.post(url).status_code == 403, url
    assert Endpoint.objects.get().sealed_secret == endpoint.sealed_secret
    assert not Delivery.objects.exists()


def test_the_secret_is_shown_once_and_never_again(client, receiver, caplog):
    caplog.set_level(logging.DEBUG)
    administrator = user_in(ADMINISTRATOR)
    client.force_login(administrator)
    form = {"url": receiver.url, "events": ["article.published"], "payload_format": "ninjs",
            "active": "on", "description": "Wire partner"}  # fmt: skip
    made = client.post(reverse("admin:webhooks_endpoint_add"), form)
    endpoint = Endpoint.objects.get()
    [first] = endpoint.signing_secrets()
    assert made.status_code == 200 and first in made.content.decode()
    assert "no-store" in made["Cache-Control"]

    services.send_test(endpoint=endpoint)
    run_worker()
    rotated = client.post(reverse("admin:webhooks_endpoint_rotate", args=[endpoint.pk]))
    endpoint.refresh_from_db()
    second, old = endpoint.signing_secrets()
    assert old == first and second in rotated.content.decode()

    later = [*pages(endpoint), reverse("admin:index"),
             reverse("admin:accounts_auditentry_changelist")]  # fmt: skip
    for url in later:
        page = client.get(url)
        assert page.status_code == 200, url
        for secret in (first, second, endpoint.sealed_secret):
            assert secret not in page.content.decode(), url
    for secret in (first, second):
        assert secret not in caplog.text
    audited = AuditEntry.objects.filter(target=receiver.url).values_list("action", flat=True)
    assert set(audited) == {AuditAction.WEBHOOK_CREATED, AuditAction.WEBHOOK_ROTATED}


def test_the_administrator_sees_the_log_and_queues_a_test_event(client, receiver):
    endpoint, _ = services.create_endpoint(url=receiver.url, events=["article.published"])
    client.force_login(user_in(ADMINISTRATOR))
    log = reverse("admin:webhooks_endpoint_deliveries", args=[endpoint.pk])

    answer = client.post(reverse("admin:webhooks_endpoint_test", args=[endpoint.pk]))
    run_worker()
    page = client.get(log).content.decode()

    assert answer.status_code == 302
    assert "webhook.test" in page and "200" in page and "Delivered" in page


def test_the_desk_tells_administrators_of_a_disabled_endpoint(client, receiver):
    endpoint, _ = services.create_endpoint(url=receiver.url, events=["article.published"])
    receiver.status = 410
    services.send_test(endpoint=endpoint)
    run_worker()
    client.force_login(user_in(ADMINISTRATOR))

    desk = client.get(reverse("admin:index")).content.decode()

    assert "Webhook endpoints disabled" in desk and "410 Gone" in desk


def test_a_bad_form_is_a_clear_error_and_writes_nothing(client):
    client.force_login(user_in(ADMINISTRATOR))
    form = {"url": "ftp://example.com/", "events": ["no.such"], "payload_format": "ninjs"}

    answer = client.post(reverse("admin:webhooks_endpoint_add"), form)

    assert answer.status_code == 200 and "errornote" in answer.content.decode()
    assert not Endpoint.objects.exists()


def test_add_webhook_prints_the_secret_once(capsys, receiver):
    from django.core.management import call_command

    call_command("add_webhook", receiver.url, "--event", "article.published",
                 "--event", "article.updated")  # fmt: skip
    endpoint = Endpoint.objects.get()

    out = capsys.readouterr()
    [secret] = endpoint.signing_secrets()
    assert out.out.strip() == secret and secret not in out.err
    assert endpoint.events == ["article.published", "article.updated"]


def test_the_secret_is_kept_encrypted(receiver):
    endpoint, secret = services.create_endpoint(url=receiver.url, events=["article.published"])
    stored = Endpoint.objects.filter(pk=endpoint.pk).values_list("sealed_secret", flat=True)

    assert secret not in stored.get() and secret[6:] not in stored.get()
    assert Endpoint.objects.get().signing_secrets() == [secret]


def test_a_secret_sealed_with_an_old_key_still_opens_after_a_key_change(receiver, settings):
    _, secret = services.create_endpoint(url=receiver.url, events=["article.published"])
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key-" + "x" * 50

    assert Endpoint.objects.get().signing_secrets() == [secret]


def test_the_administrator_changes_an_endpoint_and_enables_it_again(client, receiver):
    endpoint, _ = services.create_endpoint(url=receiver.url, events=["article.published"])
    Endpoint.objects.update(active=False, disabled_reason="It answered 410 Gone.")
    client.force_login(user_in(ADMINISTRATOR))
    form = {"url": receiver.url, "events": ["article.corrected"], "payload_format": "article",
            "active": "on", "description": "Back again"}  # fmt: skip

    answer = client.post(reverse("admin:webhooks_endpoint_change", args=[endpoint.pk]), form)
    endpoint.refresh_from_db()

    assert answer.status_code == 302
    assert endpoint.active and endpoint.disabled_reason == ""
    assert endpoint.events == ["article.corrected"] and endpoint.payload_format == "article"
