"""System checks: what every process must share is not kept in one process's memory."""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.core.checks import Error, Tags, register

PER_PROCESS = (LocMemCache, DummyCache)


def shared_aliases() -> dict[str, str]:
    """Return what must be shared between processes, and the cache alias holding it."""
    stores = {"API throttle counts": settings.THROTTLE_CACHE_ALIAS}
    # On Redis the versions lie beside the pages (core/pagecache/store.py).
    pages_on_redis = isinstance(caches[settings.PAGE_CACHE_ALIAS], RedisCache)
    if settings.PAGE_CACHE and not pages_on_redis:
        stores["Page-cache tag versions"] = settings.PAGE_CACHE_VERSIONS_ALIAS
    return stores


@register(Tags.caches, deploy=True)
def shared_stores(app_configs, **kwargs):
    """Fail `check --deploy` when tag versions or throttle counts live in one process."""
    return [
        Error(
            f"{what} are kept in each process's memory (cache {alias!r}): "
            "a change or a count in one process is unseen by the others.",
            hint="Set REDIS_URL, or keep the 'shared' cache on Django's database cache "
            "(the default without Redis).",
            id="events.E001",
        )
        for what, alias in shared_aliases().items()
        if isinstance(caches[alias], PER_PROCESS)
    ]
