"""The people endpoints: newsmakers and our journalists."""

from drf_spectacular.utils import extend_schema

from core.api.viewsets import IdOrSlugMixin, NewsroomViewSet
from people.models import Person

from .filters import PersonFilter
from .serializers import PersonSerializer


@extend_schema(tags=["people"])
class PersonViewSet(IdOrSlugMixin, NewsroomViewSet):
    """People in the news and on our staff; `name` looks them up by prefix."""

    queryset = Person.objects.prefetch_related("affiliations")
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
