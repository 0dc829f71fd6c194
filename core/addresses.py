"""The client's address, read the same way by the API's throttles and the sign-in lockout."""

from rest_framework.throttling import BaseThrottle


def client_address(request) -> str:
    """Return the client's address, trusting as many X-Forwarded-For hops as API_NUM_PROXIES."""
    # DRF's reading honours NUM_PROXIES; sharing it means one setting describes the proxies.
    return BaseThrottle().get_ident(request)
