"""No request forgery: private, loopback, link-local and multicast addresses are refused."""

import pytest
from django.core.exceptions import ValidationError

from tests.webhooks.conftest import run_worker
from webhooks import network, services
from webhooks.models import Attempt, Delivery

pytestmark = pytest.mark.django_db
REFUSED = [
    "127.0.0.1", "10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fc00::1", "ff02::1", "::ffff:127.0.0.1",
    "::ffff:169.254.169.254",
]  # fmt: skip


@pytest.fixture
def nothing_allowed(settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = []


@pytest.mark.parametrize("address", REFUSED)
def test_a_private_address_is_refused_when_saved(nothing_allowed, address):
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(ValidationError):
        services.create_endpoint(url=f"https://{host}/hooks", events=["article.published"])


@pytest.mark.parametrize("address", REFUSED)
def test_a_private_address_is_refused_when_connecting(nothing_allowed, address):
    with pytest.raises(network.RefusedAddress):
        network.resolve(address, 443)


def test_a_public_address_is_not_refused(nothing_allowed):
    network.check_url("https://93.184.215.14/hooks")
    assert not network.refused(network.ipaddress.ip_address("2a00:1450:4001:80e::200e"))


def test_a_name_that_resolves_to_loopback_is_refused_when_sending(nothing_allowed, receiver):
    # Saved as a name (not checked then), refused at connection time: DNS rebinding.
    url = receiver.url.replace("127.0.0.1", "localhost")
    endpoint, _ = services.create_endpoint(url=url, events=["article.published"])
    services.send_test(endpoint=endpoint)
    run_worker()

    assert receiver.requests == 0
    assert "RefusedAddress" in Attempt.objects.get().error
    assert Delivery.objects.get().state == Delivery.State.PENDING


def test_an_allowed_network_is_let_through(receiver, settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    endpoint, secret = services.create_endpoint(url=receiver.url, events=["article.published"])
    receiver.secrets.append(secret)
    services.send_test(endpoint=endpoint)
    run_worker()

    assert receiver.requests == 1 and receiver.forged == 0


def test_http_is_refused_unless_allowed(settings):
    settings.WEBHOOK_ALLOW_HTTP = False
    with pytest.raises(ValidationError):
        services.create_endpoint(url="http://93.184.215.14/", events=["article.published"])
