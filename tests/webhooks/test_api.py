"""Endpoints in the API: Administrators only; the secret in the answer to a create, once."""

import pytest
from rest_framework.test import APIClient

from accounts.models import AuditAction, AuditEntry
from articles.roles import ADMINISTRATOR, CONTRIBUTOR, EDITOR
from tests.factories import SectionFactory, api_key
from tests.webhooks.conftest import user_in
from webhooks import services
from webhooks.models import Endpoint

pytestmark = pytest.mark.django_db
WEBHOOKS = "/api/v1/webhooks/"


def client_of(role: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(user_in(role))}")
    return client


def test_an_administrator_makes_an_endpoint_and_sees_the_secret_once(receiver):
    client = client_of(ADMINISTRATOR)
    section = SectionFactory()
    given = {"url": receiver.url, "events": ["article.published"], "section": section.slug}

    made = client.post(WEBHOOKS, given, format="json")
    endpoint = Endpoint.objects.get()
    listed = client.get(WEBHOOKS)
    shown = client.get(f"{WEBHOOKS}{endpoint.pk}/")

    [secret] = endpoint.signing_secrets()
    assert made.status_code == 201 and made.json()["secret"] == secret
    assert made.json()["section"] == section.slug
    assert listed.status_code == 200 and shown.status_code == 200
    assert secret not in listed.content.decode() + shown.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.WEBHOOK_CREATED).count() == 1


def test_an_administrator_rotates_changes_and_deletes(receiver):
    client = client_of(ADMINISTRATOR)
    made = client.post(
        WEBHOOKS, {"url": receiver.url, "events": ["article.updated"]}, format="json"
    )
    address = f"{WEBHOOKS}{made.json()['id']}/"

    rotated = client.post(f"{address}rotate/")
    changed = client.patch(address, {"active": False}, format="json")
    endpoint = Endpoint.objects.get()
    gone = client.delete(address)

    assert endpoint.signing_secrets() == [rotated.json()["secret"], made.json()["secret"]]
    assert changed.status_code == 200 and not endpoint.active
    assert gone.status_code == 204 and not Endpoint.objects.exists()
    audited = AuditEntry.objects.filter(target=receiver.url).values_list("action", flat=True)
    assert sorted(audited) == sorted(
        [AuditAction.WEBHOOK_CREATED, AuditAction.WEBHOOK_ROTATED, AuditAction.WEBHOOK_DELETED]
    )


@pytest.mark.parametrize("role", [CONTRIBUTOR, EDITOR])
def test_a_contributor_or_an_editor_is_refused(role, receiver):
    client = client_of(role)
    endpoint, _ = services.create_endpoint(url=receiver.url, events=["article.updated"])

    assert client.get(WEBHOOKS).status_code == 403
    assert client.get(f"{WEBHOOKS}{endpoint.pk}/").status_code == 403
    assert client.post(WEBHOOKS, {"url": receiver.url, "events": ["article.updated"]},
                       format="json").status_code == 403  # fmt: skip
    assert client.post(f"{WEBHOOKS}{endpoint.pk}/rotate/").status_code == 403
    assert Endpoint.objects.get().sealed_secret == endpoint.sealed_secret


def test_an_anonymous_caller_must_authenticate():
    assert APIClient().get(WEBHOOKS).status_code == 401


@pytest.mark.parametrize(
    "given",
    [
        {"url": "ftp://example.com/", "events": ["article.published"]},
        {"url": "https://169.254.169.254/", "events": ["article.published"]},
        {"url": "https://example.com/", "events": ["no.such.event"]},
        {"url": "https://example.com/", "events": []},
        {"url": 5, "events": ["article.published"]},
    ],
)
def test_bad_input_is_a_400_and_writes_nothing(given, settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    answer = client_of(ADMINISTRATOR).post(WEBHOOKS, given, format="json")

    assert answer.status_code == 400
    assert not Endpoint.objects.exists()
