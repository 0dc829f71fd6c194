"""Liveness and readiness for load balancers; the outbox backlog on Administrators' desk."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles.roles import ADMINISTRATOR, CONTRIBUTOR, EDITOR
from events.services import record
from events.worker import Worker
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LIVE, READY = reverse("health-live"), reverse("health-ready")


def test_liveness_answers_while_the_process_does(client):
    assert client.get(LIVE).json() == {"status": "alive"}


def test_readiness_fails_until_a_worker_has_beaten(client):
    response = client.get(READY)
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "no worker has run"
    Worker("test").turn()
    response = client.get(READY)
    assert response.status_code == 200, response.json()
    assert set(response.json()["checks"].values()) == {"ok"}


def test_readiness_fails_when_the_worker_falls_silent(client, settings):
    Worker("test").turn()
    later = timezone.now() + timedelta(seconds=settings.HEALTH_WORKER_SECONDS + 1)
    with time_machine.travel(later):
        response = client.get(READY)
    assert response.status_code == 503
    assert response.json()["checks"]["worker"].startswith("silent for")


def test_readiness_fails_when_an_event_waits_too_long(client, settings, effect):
    effect("stuck", lambda events: 1 / 0, kinds=["topic.changed"])
    record("topic.changed", {"topic": 1})
    later = timezone.now() + timedelta(seconds=settings.HEALTH_OUTBOX_SECONDS + 1)
    with time_machine.travel(later):
        Worker("test").turn()  # the effect fails again; the worker itself is alive
        response = client.get(READY)
    assert response.status_code == 503
    assert response.json()["checks"]["outbox"].startswith("1 events waiting")
    assert response.json()["checks"]["worker"] == "ok"


def test_health_is_never_kept_by_the_page_cache(client):
    response = client.get(LIVE)
    assert "X-Page-Cache" not in response
    assert "no-cache" in response["Cache-Control"]


def desk(client, role):
    user = UserFactory(username=f"desk-{role}", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return client.get(reverse("admin:index")).content.decode()


def test_administrators_see_the_outbox_backlog_on_the_desk(client, effect):
    effect("stuck", lambda events: 1 / 0, kinds=["topic.changed"])
    record("topic.changed", {"topic": 1})
    Worker("test").turn()
    html = desk(client, ADMINISTRATOR)
    assert "Changes reaching readers" in html
    assert "ZeroDivisionError" in html


@pytest.mark.parametrize("role", [EDITOR, CONTRIBUTOR])
def test_other_roles_do_not_see_the_outbox(client, role):
    assert "Changes reaching readers" not in desk(client, role)
