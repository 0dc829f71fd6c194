"""Rate limits that follow the settings at request time (they protect capacity)."""

from django.conf import settings
from django.core.cache import caches
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class SharedCounts:
    """Count in THROTTLE_CACHE_ALIAS, which every process sees: a per-process count is no limit."""

    @property
    def cache(self):
        return caches[settings.THROTTLE_CACHE_ALIAS]


class AnonymousThrottle(SharedCounts, AnonRateThrottle):
    """Limit anonymous clients by address."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class ClientThrottle(SharedCounts, UserRateThrottle):
    """Limit signed-in clients by account (anonymous ones answer to AnonymousThrottle alone)."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        # DRF's UserRateThrottle also counts anonymous requests by address, against the
        # signed-in rate: an anonymous client would be held to the lower of the two.
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
