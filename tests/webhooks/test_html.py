"""The webhooks' admin pages pass the Nu HTML Checker."""

import pytest
from django.urls import reverse

from articles.roles import ADMINISTRATOR
from tests.standards.vnu import check, require_vnu
from tests.webhooks.conftest import run_worker, user_in
from webhooks import services
from webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db


def test_the_secret_page_and_the_delivery_log_have_no_html_error(client, receiver, tmp_path):
    require_vnu()
    client.force_login(user_in(ADMINISTRATOR))
    form = {"url": receiver.url, "events": ["article.published"], "payload_format": "ninjs",
            "active": "on"}  # fmt: skip
    made = client.post(reverse("admin:webhooks_endpoint_add"), form)
    endpoint = Endpoint.objects.get()
    services.send_test(endpoint=endpoint)
    receiver.status = 503
    run_worker()
    Delivery.objects.update(state=Delivery.State.FAILED)
    pages = {
        "secret": made.content.decode(),
        "delivery log": client.get(
            reverse("admin:webhooks_endpoint_deliveries", args=[endpoint.pk])
        ).content.decode(),
        "endpoint": client.get(
            reverse("admin:webhooks_endpoint_change", args=[endpoint.pk])
        ).content.decode(),
    }
    assert "Redeliver" in pages["delivery log"] and "503" in pages["delivery log"]

    errors = check(pages, tmp_path)

    assert not errors, "\n".join(errors)
