"""The API's token authentication: hashed, scoped, expiring keys, with guessing throttled."""

from rest_framework.exceptions import AuthenticationFailed, PermissionDenied
from rest_framework.permissions import SAFE_METHODS

from accounts import tokens
from accounts.models import ApiToken
from core.addresses import client_address
from core.api.authentication import GuardedTokenAuthentication


class ScopedTokenAuthentication(GuardedTokenAuthentication):
    """`Authorization: Token <key>`: the user of a usable token, bounded by its scope."""

    def authenticate_credentials(self, key):
        token = tokens.token_for_key(key)
        if token is None or not token.user.is_active:
            raise AuthenticationFailed("Invalid, expired or revoked token.")
        # Read by accounts.scopes.TokenScopeBackend whenever a permission is checked.
        token.user.api_token_scope = token.scope
        return token.user, token

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            _, token = result
            if token.scope == ApiToken.Scope.READ and request.method not in SAFE_METHODS:
                raise PermissionDenied("This token may only read.")
            tokens.note_use(token, client_address(request))
        return result
