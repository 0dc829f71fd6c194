"""How the API reports failures that Django raises before a view can answer."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.views import exception_handler as drf_exception_handler


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"

    def __init__(self):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_048_576
        super().__init__(f"The request body is larger than the {limit:.1f} MB the API accepts.")


def exception_handler(exc, context):
    """Answer an oversized body with a JSON 413, then as DRF answers everything else."""
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    return drf_exception_handler(exc, context)
