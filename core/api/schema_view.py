"""The OpenAPI schema's view, refusing what it cannot honour."""

from django.conf import settings
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SCHEMA_KWARGS, SpectacularAPIView

from .problems import problem_response

UNKNOWN_LANGUAGE = "The schema speaks only the languages it lists for `lang`."


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema; a `lang` it cannot speak is a 400, not the default language."""

    @extend_schema(**SCHEMA_KWARGS)  # described as drf-spectacular describes its own view
    def get(self, request, *args, **kwargs):
        lang = request.GET.getlist("lang")
        if len(lang) > 1 or (lang and lang[0] not in dict(settings.LANGUAGES)):
            # As a problem document: the schema's own renderers write only schemas.
            errors = {"lang": ["One of the language codes the schema lists, given once."]}
            return problem_response(request, 400, UNKNOWN_LANGUAGE, code="invalid", errors=errors)
        return super().get(request, *args, **kwargs)
