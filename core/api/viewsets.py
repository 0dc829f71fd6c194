"""Base viewsets: clean input, 409 on delete of a record in use, validators on GET, id or slug."""

from django.db import transaction
from django.db.models import ProtectedError, Q
from rest_framework import status, viewsets
from rest_framework.exceptions import APIException, NotFound, ValidationError

from . import conditional
from .permissions import NewsroomModelPermissions

# The largest primary key the databases hold; a bigger number in a URL is simply not found.
BIGINT_MAX = 2**63 - 1


class InUse(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Still in use by articles or other records; remove those links first."
    default_code = "in_use"


def has_nul(values) -> bool:
    """Return True if any value contains a NUL character, which databases refuse."""
    return any("\x00" in str(value) for value in values)


class NewsroomViewSet(viewsets.ModelViewSet):
    """Shared behaviour: permissions, clean input, 409 on delete, validators on GET."""

    permission_classes = [NewsroomModelPermissions]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        params = [v for key in request.query_params for v in request.query_params.getlist(key)]
        if has_nul([*params, *request.query_params, *kwargs.values()]):
            raise ValidationError({"detail": "NUL characters are not allowed in the address."})

    def perform_destroy(self, instance):
        try:
            with transaction.atomic():
                instance.delete()
        except ProtectedError as error:
            raise InUse() from error

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        etag, last_modified = getattr(response, "validators", (None, None))
        etag = etag or conditional.body_etag(response.content)
        last_modified = last_modified or conditional.first_seen(etag)
        return conditional.conditional_response(
            request, response, etag=etag, last_modified=last_modified
        )


class IdOrSlugMixin:
    """Find a detail by its numeric id or, failing that, by its slug."""

    lookup_field = "slug"
    lookup_url_kwarg = "id_or_slug"
    lookup_value_regex = "[^/]+"

    def get_object(self):
        value = self.kwargs[self.lookup_url_kwarg]
        condition = Q(slug=value)
        if value.isascii() and value.isdigit() and int(value) <= BIGINT_MAX:
            condition |= Q(pk=int(value))
        matches = list(self.get_queryset().filter(condition)[:2])
        if not matches:
            raise NotFound()
        by_id = [obj for obj in matches if str(obj.pk) == value]
        obj = (by_id or matches)[0]
        self.check_object_permissions(self.request, obj)
        return obj
