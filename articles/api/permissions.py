"""Who may do what to articles through the API: the admin's rules, in one place."""

from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission

from articles.services import policy


def can_see_unpublished(user) -> bool:
    """Return True if the user may read drafts, scheduled and withdrawn articles."""
    # The admin lets in active staff only, and shows a model to those who may view or change it.
    return bool(
        user
        and user.is_active
        and user.is_staff
        and (user.has_perm("articles.view_article") or user.has_perm("articles.change_article"))
    )


class ArticleRolePermission(BasePermission):
    """Apply the newsroom roles to article writes: 403 with the reason, as in the admin.

    Who may change an article's status is not decided here: the publishing services
    decide it when the write asks for a transition, and their refusal is the 403.
    """

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        if request.method == "DELETE" and not policy.can_edit_any(request.user):
            raise PermissionDenied("Only an editor can delete articles.")
        reason = policy.edit_refusal(request.user, obj)
        if reason:
            raise PermissionDenied(reason)
        return True
