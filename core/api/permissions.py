"""The API's default permission: public reads, staff writes with the model's permissions."""

from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissions


class NewsroomModelPermissions(DjangoModelPermissions):
    """Let anyone read public data; let active staff write with the model's permissions."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        if not (user and user.is_authenticated and user.is_active and user.is_staff):
            return False
        return super().has_permission(request, view)
