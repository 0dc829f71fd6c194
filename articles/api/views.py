"""API views: parse the request, apply the visibility rule, render."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from articles.models import Article, Section, Tag
from articles.services import publishing
from articles.services.concurrency import StaleArticleError
from articles.services.related import related_cards
from articles.services.revisions import recording
from core.api import conditional
from core.api.permissions import NewsroomModelPermissions
from core.api.viewsets import BIGINT_MAX, IdOrSlugMixin, NewsroomViewSet
from people.api.views import PersonViewSet
from search.service import answer

from . import search, transitions
from .filters import ArticleFilter, TagFilter
from .loading import article_queryset, readable_people, readable_tags, shown_articles
from .ninjs import article_to_ninjs
from .ninjs_document import NinjsSerializer
from .pagination import ArticlePages
from .permissions import ArticleRolePermission
from .serializers import (
    READABLE_FIELDS,
    ArticleDetailSerializer,
    ArticleSerializer,
    ArticleWriteSerializer,
    SectionSerializer,
    TagSerializer,
)

FIELDS_PARAMETER = OpenApiParameter(
    "fields",
    {"type": "array", "items": {"type": "string", "enum": sorted(READABLE_FIELDS)}},
    style="form",
    explode=False,  # one comma-separated value: ?fields=id,headline
    description="The names of the fields to return (a sparse fieldset); a list gives `body` "
    "only when it is named here.",
)


@extend_schema(tags=["sections"])
class SectionViewSet(IdOrSlugMixin, NewsroomViewSet):
    """Sections of the paper; articles of a section include its subsections'."""

    queryset = Section.objects.with_ancestors()
    serializer_class = SectionSerializer


@extend_schema(tags=["tags"])
class TagViewSet(IdOrSlugMixin, NewsroomViewSet):
    """Topics, places, organisations and series; `name` looks them up by prefix."""

    queryset = Tag.objects.all()
    serializer_class = TagSerializer
    filterset_class = TagFilter

    def get_queryset(self):
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return readable_tags(self.request.user)
        return super().get_queryset()


@extend_schema(tags=["people"])
class ReadablePersonViewSet(PersonViewSet):
    """People in the news and on our staff; `name` looks them up by prefix.

    Only people named in articles the caller may read are listed: someone who appears only
    in unpublished work has no public trace.
    """

    def get_queryset(self):
        people = super().get_queryset()
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return people & readable_people(self.request.user)
        return people


def requested_fields(request) -> frozenset[str] | None:
    """Return the sparse fieldset asked for with `fields=`, or None for every field."""
    given = request.query_params.getlist("fields")
    if not given:
        return None
    if len(given) > 1:
        raise ValidationError({"fields": "Give `fields` once, its names separated by commas."})
    names = frozenset(name.strip() for name in given[0].split(",") if name.strip())
    if not names:
        # An empty fieldset would answer objects with nothing in them.
        raise ValidationError({"fields": "Name at least one field, e.g. fields=id,headline."})
    unknown = sorted(names - READABLE_FIELDS)
    if unknown:
        raise ValidationError({"fields": f"Unknown field(s): {', '.join(unknown)}."})
    return names


WRITE_RESPONSES = {
    200: ArticleDetailSerializer,
    400: OpenApiResponse(description="Invalid data; the body names the fields."),
    412: OpenApiResponse(description="If-Match is stale: the article changed; nothing saved."),
    428: OpenApiResponse(description="If-Match is missing."),
}
TRANSITION_RESPONSES = {
    200: ArticleDetailSerializer,
    400: OpenApiResponse(description="This step does not apply to the article as it is now."),
    403: OpenApiResponse(description="Your role may not take this step; the body says why."),
    412: WRITE_RESPONSES[412],
}
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag from your last GET of this article.",
)
# Changing an article's fields needs If-Match (428 without it); other writes accept it.
IF_MATCH_REQUIRED = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag from your last GET of this article (428 without it).",
)


def step_endpoint(step: publishing.Step):
    """Return the action that takes workflow `step`: `POST /articles/{id}/{step.name}/`."""

    def take_step(self, request, pk=None):
        return self._transition(request, step.name)

    take_step.__name__ = step.name.replace("-", "_")
    take_step.__doc__ = step.service.__doc__  # the operation's description in the schema
    endpoint = action(
        detail=True,
        methods=["post"],
        url_path=step.name,
        filterset_class=None,
        pagination_class=None,
    )(take_step)
    body = transitions.TransitionInputSerializer if step.takes else None
    return extend_schema(request=body, parameters=[IF_MATCH], responses=TRANSITION_RESPONSES)(
        endpoint
    )


def with_step_endpoints(viewset):
    """Give `viewset` one action endpoint for each step of the workflow table."""
    for step in publishing.STEPS.values():
        endpoint = step_endpoint(step)
        setattr(viewset, endpoint.__name__, endpoint)
    return viewset


@extend_schema(tags=["articles"])
@with_step_endpoints
class ArticleViewSet(NewsroomViewSet):
    """Published articles for everyone; every status for staff who may view articles."""

    filterset_class = ArticleFilter
    pagination_class = ArticlePages
    lookup_value_regex = "[0-9]+"
    permission_classes = [NewsroomModelPermissions, ArticleRolePermission]

    def get_queryset(self):
        if self.action in ("list", "retrieve"):
            articles = self.shown_articles()
        else:
            articles = article_queryset(self.request.user)
        if self.request.query_params.get("order-by") == "oldest":
            return articles.order_by("sort_time", "pk")
        return articles.order_by("-sort_time", "-pk")

    def shown_articles(self):
        """Return the readable articles with what this list or detail shows, and no more."""
        names = self.get_serializer().shown
        many = self.action in ("list", "search")
        return shown_articles(self.request.user, names=names, many=many)

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return ArticleWriteSerializer
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer

    def get_serializer(self, *args, **kwargs):
        if self.action in ("list", "retrieve", "search"):
            kwargs["only"] = requested_fields(self.request)
        return super().get_serializer(*args, **kwargs)

    def get_object(self):
        value = self.kwargs["pk"]
        if int(value) > BIGINT_MAX:
            raise NotFound()
        # Found by its id alone: the list's filters do not apply, as for sections, tags and people.
        article = get_object_or_404(self.get_queryset(), pk=value)
        self.check_object_permissions(self.request, article)
        return article

    @extend_schema(parameters=[FIELDS_PARAMETER])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(parameters=[FIELDS_PARAMETER])
    def retrieve(self, request, *args, **kwargs):
        article = self.get_object()
        only = requested_fields(request)
        related = related_cards(article) if only is None or "related" in only else []
        context = {**self.get_serializer_context(), "related": related}
        response = Response(self.get_serializer(article, context=context).data)
        response.validators = (conditional.version_etag(article), article.updated_at)
        return response

    @extend_schema(
        parameters=[search.SearchParameters],
        responses={200: search.search_response(ArticleSerializer)},
        description="Every published match ranked (best first), with facets, a suggestion "
        "for unknown words and a fallback when nothing matches.",
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def search(self, request):
        asked = search.SearchParameters(data=request.query_params)
        asked.is_valid(raise_exception=True)
        text, page = asked.validated_data["q"], asked.validated_data["page"]
        found = answer(text, queryset=self.shown_articles(), **asked.search_arguments())
        start = (page - 1) * search.PAGE_SIZE
        shown = list(found.results.articles[start : start + search.PAGE_SIZE])
        data = search.answer_data(found, page, shown, self.serialized)
        return Response(data)

    def serialized(self, articles) -> list:
        """Return the articles as the list shows them."""
        return self.get_serializer(articles, many=True).data

    @extend_schema(
        responses={201: ArticleDetailSerializer, 400: WRITE_RESPONSES[400]},
    )
    def create(self, request, *args, **kwargs):
        writer = self.get_serializer(data=request.data)
        writer.is_valid(raise_exception=True)
        with recording(request.user, "Created through the API"):
            article = writer.save(created_by=request.user)
        return self.read_back(article, status.HTTP_201_CREATED)

    @extend_schema(parameters=[IF_MATCH_REQUIRED], responses=WRITE_RESPONSES)
    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        article = self.get_object()
        conditional.check_if_match(request, article)
        writer = self.get_serializer(article, data=request.data, partial=partial)
        writer.is_valid(raise_exception=True)
        with recording(request.user, "Changed through the API"):
            try:
                writer.save(expected_version=article.version)
            except StaleArticleError as error:
                raise conditional.PreconditionFailed() from error
        return self.read_back(article, status.HTTP_200_OK)

    @extend_schema(parameters=[IF_MATCH_REQUIRED], responses=WRITE_RESPONSES)
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(
        parameters=[IF_MATCH],
        responses={204: None, 412: WRITE_RESPONSES[412]},
    )
    def destroy(self, request, *args, **kwargs):
        article = self.get_object()
        if request.headers.get("If-Match"):
            conditional.check_if_match(request, article, version_required=False)
        self.perform_destroy(article)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _transition(self, request, name: str):
        """Take workflow step `name` through its publishing service, then read the article back."""
        article = self.get_object()
        if request.headers.get("If-Match"):
            conditional.check_if_match(request, article, version_required=False)
        arguments = transitions.action_arguments(name, request.data)
        service = publishing.STEPS[name].service
        transitions.run_transition(service, article=article, user=request.user, **arguments)
        return self.read_back(article, status.HTTP_200_OK)

    @extend_schema(
        responses={200: NinjsSerializer},
        description="The article as an IPTC ninjs 2.4 news item.",
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def ninjs(self, request, pk=None):
        article = self.get_object()
        response = Response(article_to_ninjs(article))
        response.validators = (conditional.version_etag(article), article.updated_at)
        return response

    def read_back(self, article, status_code):
        """Return the article as a reader sees it now, with its new ETag."""
        names = ArticleDetailSerializer.Meta.fields
        shown = shown_articles(self.request.user, names=names, many=False)
        fresh = shown.filter(pk=article.pk).first()
        fresh = fresh or Article.objects.get(pk=article.pk)
        context = {"related": related_cards(fresh)}
        data = ArticleDetailSerializer(fresh, context=context).data
        response = Response(data, status=status_code)
        response["ETag"] = conditional.version_etag(fresh)
        return response
