"""What each token scope lets its requests do: read only, write, or also publish."""

from django.core.exceptions import PermissionDenied

from accounts.models import ApiToken
from articles.services.policy import PUBLISH

Scope = ApiToken.Scope


def allows(scope: str, perm: str) -> bool:
    """Return True if a request made with a token of `scope` may use permission `perm`."""
    if scope == Scope.PUBLISH:
        return True
    if scope == Scope.WRITE:
        return perm != PUBLISH
    return perm.partition(".")[2].startswith("view_")


class TokenScopeBackend:
    """An authentication backend that only ever refuses: a permission outside the token's scope.

    Django asks every backend in turn and stops at the first that raises PermissionDenied,
    so listing this one first bounds what ModelBackend would grant to a token's requests.
    """

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        scope = getattr(user_obj, "api_token_scope", None)
        if scope is not None and not allows(scope, perm):
            raise PermissionDenied
        return False
