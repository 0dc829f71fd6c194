"""System checks: what every process must share is not kept in one process's memory."""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import Error, Tags, register

PER_PROCESS = (LocMemCache, DummyCache)


@register(Tags.caches, deploy=True)
def shared_stores(app_configs, **kwargs):
    """Fail `check --deploy` when tag versions or throttle counts live in one process."""
    errors = []
    stores = {
        "the page cache's tag versions": settings.PAGE_CACHE_VERSIONS_ALIAS,
        "the API throttles' counts": settings.THROTTLE_CACHE_ALIAS,
    }
    if not settings.PAGE_CACHE:
        stores.pop("the page cache's tag versions")
    for what, alias in stores.items():
        if isinstance(caches[alias], PER_PROCESS):
            errors.append(
                Error(
                    f"{what.capitalize()} are kept in each process's memory (cache {alias!r}), "
                    "so a change or a count in one process is unseen by the others.",
                    hint="Set REDIS_URL, or leave the cache on Django's database cache "
                    "(the default without Redis).",
                    id="events.E001",
                )
            )
    return errors
