"""The webhooks' lists take the same queries for a few rows and for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from articles.roles import ADMINISTRATOR
from tests.webhooks.conftest import run_worker, user_in
from webhooks import services
from webhooks.models import Endpoint

pytestmark = pytest.mark.django_db


def queries(get, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert get(url).status_code == 200
    return len(captured)


def more_endpoints_and_deliveries(receiver, n: int) -> Endpoint:
    for _ in range(n):
        endpoint, _ = services.create_endpoint(url=receiver.url, events=["article.published"])
        for _ in range(3):
            services.send_test(endpoint=endpoint)
    run_worker()
    return endpoint


def test_the_admin_lists_and_the_delivery_log_take_the_same_queries_few_or_many(client, receiver):
    client.force_login(user_in(ADMINISTRATOR))
    counts = []
    for n in (1, 12):
        endpoint = more_endpoints_and_deliveries(receiver, n)
        log = reverse("admin:webhooks_endpoint_deliveries", args=[endpoint.pk])
        services.send_test(endpoint=endpoint)  # one waiting, beside those delivered
        counts.append(
            (
                queries(client.get, reverse("admin:webhooks_endpoint_changelist")),
                queries(client.get, log),
                queries(client.get, reverse("admin:index")),
            )
        )
    assert counts[0] == counts[1]


def test_the_api_list_takes_the_same_queries_few_or_many(receiver):
    api = APIClient()
    api.force_authenticate(user_in(ADMINISTRATOR))
    api.get("/api/v1/webhooks/")  # the user's permissions are read once, then kept on it
    counts = []
    for n in (1, 12):
        more_endpoints_and_deliveries(receiver, n)
        counts.append(queries(api.get, "/api/v1/webhooks/"))
    assert counts[0] == counts[1]
