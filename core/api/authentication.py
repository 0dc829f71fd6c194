"""Token authentication that stops an address guessing tokens after a few wrong ones."""

from rest_framework.authentication import TokenAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class TokenFailures(SimpleRateThrottle):
    """Count wrong tokens per address within the `token-failures` rate."""

    scope = "token-failures"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def exhausted(self, request) -> bool:
        """Return True if this address has used up its wrong tokens for now."""
        if self.rate is None:
            return False
        self.key = self.get_cache_key(request, None)
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        return len(self.history) >= self.num_requests

    def record(self) -> None:
        """Remember one more wrong token from this address."""
        if self.rate is not None:
            self.throttle_success()


class GuardedTokenAuthentication(TokenAuthentication):
    """DRF's token authentication; wrong tokens are counted and, past the limit, refused."""

    def authenticate(self, request):
        if not self.presents_token(request):
            return None
        failures = TokenFailures()
        if failures.exhausted(request):
            raise Throttled(wait=failures.wait(), detail="Too many wrong tokens from here.")
        try:
            return super().authenticate(request)
        except AuthenticationFailed:
            failures.record()
            raise

    def presents_token(self, request) -> bool:
        """Return True if the request carries an Authorization header of this scheme."""
        words = get_authorization_header(request).split()
        return bool(words) and words[0].lower() == self.keyword.lower().encode()
