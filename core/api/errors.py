"""How the API reports failures: every error is an RFC 9457 problem details document."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler as drf_exception_handler

from .problems import MEDIA_TYPE, problem

FIELDS_SUMMARY = "Some of the data is invalid: `errors` names each field and what is wrong."


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"

    def __init__(self):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_048_576
        super().__init__(f"The request body is larger than the {limit:.1f} MB the API accepts.")


def exception_handler(exc, context):
    """Answer as DRF does (status, headers), with a problem details body; 413 for big bodies."""
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context["request"]
    response.data = problem_from(exc, response.data, response.status_code, request.path)
    renderer = getattr(request, "accepted_renderer", None)
    if renderer is None or isinstance(renderer, JSONRenderer):
        # The browsable API keeps its HTML; JSON clients learn that this is a problem.
        response.content_type = MEDIA_TYPE
    return response


def problem_from(exc, data, status_code: int, path: str) -> dict:
    """Return the problem details for DRF's error `data` (a message, fields or a list)."""
    code = error_code(exc)
    if isinstance(data, dict) and set(data) == {"detail"}:
        return problem(status_code, str(data["detail"]), instance=path, code=code)
    if isinstance(data, list):
        data = {"non_field_errors": data}
    return problem(status_code, FIELDS_SUMMARY, instance=path, code=code, errors=data)


def error_code(exc) -> str:
    """Return the machine-readable code of an APIException, such as `precondition_failed`."""
    detail = getattr(exc, "detail", None)
    code = getattr(detail, "code", None)
    if isinstance(code, str):
        return code
    return getattr(exc, "default_code", "") or ""
