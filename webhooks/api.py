"""Endpoints in the API, for Administrators only: the same services as the admin.

The secret is in the answer to a create or a rotate, once; no other answer carries it.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import DjangoModelPermissions
from rest_framework.response import Response

from articles.api.serializers import SlugReference
from articles.models import Section, Tag
from core.api.fields import StrictModelSerializer
from core.api.viewsets import NewsroomViewSet

from . import kinds, services
from .models import Endpoint

# Marks the operations only Administrators may call (core/api/schema.py reads it).
ADMINISTRATORS_ONLY = {"x-administrators-only": True}


class AdministratorsOnly(DjangoModelPermissions):
    """Active staff with the endpoint permissions (Administrators), reads included."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_active and user.is_staff):
            return False
        return super().has_permission(request, view)


class EndpointSerializer(StrictModelSerializer):
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=[]), allow_empty=False,
        help_text="The events sent.",
    )  # fmt: skip
    section = SlugReference(
        slug_field="slug", queryset=Section.objects.all(), required=False, allow_null=True
    )
    topic = SlugReference(
        slug_field="slug", queryset=Tag.objects.all(), required=False, allow_null=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The kinds registered by every app's ready(), read when asked, not at import.
        self.fields["events"].child.choices = kinds.choices()

    class Meta:
        model = Endpoint
        fields = [
            "id", "url", "description", "events", "section", "topic", "payload_format",
            "active", "disabled_reason", "failing_since", "created_at",
        ]  # fmt: skip
        read_only_fields = ["disabled_reason", "failing_since", "created_at"]


class EndpointCreatedSerializer(EndpointSerializer):
    secret = serializers.CharField(read_only=True, help_text="Shown this once: keep it now.")

    class Meta(EndpointSerializer.Meta):
        fields = [*EndpointSerializer.Meta.fields, "secret"]


class SecretSerializer(serializers.Serializer):
    secret = serializers.CharField(read_only=True, help_text="Shown this once: keep it now.")


def _service(call, **arguments):
    try:
        return call(**arguments)
    except DjangoValidationError as error:
        raise ValidationError(error.message_dict) from error


@extend_schema(tags=["webhooks"], extensions=ADMINISTRATORS_ONLY)
@extend_schema_view(create=extend_schema(responses={201: EndpointCreatedSerializer}))
class EndpointViewSet(NewsroomViewSet):
    """Partners' webhook endpoints (Administrators only); see "Webhooks" in docs/api.md."""

    queryset = Endpoint.objects.select_related("section", "topic").order_by("pk")
    serializer_class = EndpointSerializer
    permission_classes = [AdministratorsOnly]
    filterset_class = None
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def create(self, request, *args, **kwargs):
        given = self.get_serializer(data=request.data)
        given.is_valid(raise_exception=True)
        endpoint, secret = _service(
            services.create_endpoint, user=request.user, **given.validated_data
        )
        data = {**EndpointSerializer(endpoint).data, "secret": secret}
        return Response(data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        _service(
            services.update_endpoint, endpoint=serializer.instance, user=self.request.user,
            **serializer.validated_data,
        )  # fmt: skip

    def perform_destroy(self, instance):
        services.delete_endpoint(endpoint=instance, user=self.request.user)

    @extend_schema(request=None, responses={200: SecretSerializer})
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def rotate(self, request, pk=None):
        """Give the endpoint a new secret; both sign deliveries for WEBHOOK_ROTATION_HOURS."""
        secret = services.rotate_secret(endpoint=self.get_object(), user=request.user)
        return Response({"secret": secret})
