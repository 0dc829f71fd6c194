"""Error pages that say what went wrong in words a reader can act on."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.shortcuts import render
from django.views import defaults


def bad_request(request, exception, template_name="400.html"):
    """Answer a body over the size limit with 413 and the limit; anything else as Django does."""
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_048_576
        return render(request, "413.html", {"limit_mb": f"{limit:.1f}"}, status=413)
    return defaults.bad_request(request, exception, template_name)


def bench_ceiling(request):
    """Return a fixed string: the benchmark's ceiling, routed only when BENCH_CEILING is set."""
    return HttpResponse("ok", content_type="text/plain")
