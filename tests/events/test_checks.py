"""`check --deploy` fails when what every process must share lives in one process."""

import pytest
from django.core.checks import run_checks

from events.checks import shared_aliases

LOCAL = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "one-process"}


def deploy_errors() -> list[str]:
    return [message.id for message in run_checks(include_deployment_checks=True)]


def test_the_default_stores_are_shared(settings):
    settings.PAGE_CACHE = True
    assert "events.E001" not in deploy_errors()


@pytest.mark.parametrize("what", ["API throttle counts", "Page-cache tag versions"])
def test_a_store_in_one_process_memory_fails_the_deploy_check(settings, what):
    settings.PAGE_CACHE = True
    settings.CACHES = {**settings.CACHES, "pages": LOCAL}
    alias = shared_aliases()[what]
    settings.CACHES = {**settings.CACHES, alias: LOCAL}
    assert "events.E001" in deploy_errors()
