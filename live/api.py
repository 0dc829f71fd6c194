"""The API of a live article's entries: a list read with a `since` cursor, and the writes.

`GET /api/v1/articles/<id>/live-entries/?since=<entry id>` lists the entries posted after
that one, oldest first, a page at a time (`next` names the cursor to ask with next); without
`since`, the newest page, newest first. Answers carry an ETag (a 304 for a client that
holds it); anonymous ones come from the page cache until an entry changes. Writes go through
live/services.py, with the article's edit rule.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from articles.models import Article
from articles.services import policy
from core.api.viewsets import BIGINT_MAX, NewsroomViewSet
from core.pagecache.tags import record
from core.site import absolute_url
from people.models import Person

from . import services
from .models import Entry
from .pagecache import live_tag
from .selectors import authors_of, with_authors

PAGE_SIZE = 50


class EntryAuthorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="full_name")


class EntrySerializer(serializers.Serializer):
    """An entry as the API shows it."""

    id = serializers.IntegerField(read_only=True)
    article = serializers.IntegerField(source="article_id", read_only=True)
    published_at = serializers.DateTimeField(read_only=True)
    edited_at = serializers.DateTimeField(read_only=True, allow_null=True)
    title = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True)
    key_event = serializers.BooleanField(read_only=True)
    pinned = serializers.BooleanField(read_only=True)
    version = serializers.IntegerField(read_only=True)
    authors = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    def get_authors(self, entry) -> list[dict]:
        return [{"id": p.pk, "name": p.full_name} for p in authors_of(entry)]

    def get_url(self, entry) -> str:
        return absolute_url(entry.get_absolute_url())


class EntryInputSerializer(serializers.Serializer):
    """What a client sends to post or change an entry."""

    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    body = serializers.CharField(max_length=1_000_000)
    key_event = serializers.BooleanField(required=False, default=False)
    pinned = serializers.BooleanField(required=False, default=False)
    authors = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), many=True, required=False, default=list
    )


class LiveEntryViewSet(NewsroomViewSet):
    """The entries of one live article."""

    serializer_class = EntrySerializer
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "put", "delete", "head", "options"]
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI schema's look at the view
            return Entry.objects.none()
        return with_authors(Entry.objects.filter(article_id=self.article.pk))

    @cached_property
    def article(self) -> Article:
        """Return the live article if the caller may read it; a 404 otherwise."""
        pk = int(self.kwargs["article_pk"])
        if pk > BIGINT_MAX:
            raise NotFound()
        articles = policy.readable_articles(self.request.user, Article.objects.all())
        article = get_object_or_404(articles.filter(live_coverage__isnull=False), pk=pk)
        record(live_tag(article.pk))
        return article

    def list(self, request, *args, **kwargs):
        since = request.query_params.get("since")
        entries = self.get_queryset()
        if since is None:
            rows = list(entries.order_by("-published_at", "-pk")[:PAGE_SIZE])
            more = False
        else:
            if not since.isdecimal() or int(since) > BIGINT_MAX:
                raise ValidationError({"since": "An entry id (a whole number) is expected."})
            found = list(entries.filter(Q(pk__gt=int(since))).order_by("pk")[: PAGE_SIZE + 1])
            rows, more = found[:PAGE_SIZE], len(found) > PAGE_SIZE
        newest = max((row.pk for row in rows), default=int(since or 0))
        data = {
            "results": EntrySerializer(rows, many=True).data,
            "since": newest,
            "more": more,
            "ended": not self.article.live_coverage.is_live,
        }
        return Response(data)

    def retrieve(self, request, *args, **kwargs):
        return Response(EntrySerializer(self.get_object()).data)

    def create(self, request, *args, **kwargs):
        given = self.valid_input()
        entry = self.write(
            lambda: services.post_entry(article=self.article, user=request.user, **given)
        )
        return Response(self.shown(entry), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        entry = self.get_object()
        given = self.valid_input()
        given.pop("pinned")
        entry = self.write(lambda: services.edit_entry(entry=entry, user=request.user, **given))
        return Response(self.shown(entry))

    def destroy(self, request, *args, **kwargs):
        entry = self.get_object()
        self.write(lambda: services.delete_entry(entry=entry, user=request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)

    def valid_input(self) -> dict:
        serializer = EntryInputSerializer(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def write(self, action):
        """Run a service call, answering its refusals as 403, 400 or 409."""
        try:
            return action()
        except DjangoPermissionDenied as refusal:
            raise PermissionDenied(str(refusal)) from refusal
        except DjangoValidationError as error:
            raise ValidationError({"detail": error.messages}) from error
        except services.StaleEntryError as error:
            raise ValidationError({"detail": [str(error)]}, code="conflict") from error

    def shown(self, entry: Entry) -> dict:
        return EntrySerializer(with_authors(Entry.objects.filter(pk=entry.pk)).get()).data
