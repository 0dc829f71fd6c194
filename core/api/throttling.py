"""Rate limits that follow the settings at request time (they protect capacity)."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    """Limit anonymous clients by address."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class ClientThrottle(UserRateThrottle):
    """Limit signed-in clients by account (anonymous ones answer to AnonymousThrottle alone)."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        # DRF's UserRateThrottle also counts anonymous requests by address, against the
        # signed-in rate: an anonymous client would be held to the lower of the two.
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
