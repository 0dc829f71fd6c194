"""Members in each role and an anonymous API client, as the workflow and API tests make them."""

from tests.api.conftest import api  # noqa: F401
from tests.workflow.conftest import contributor, member  # noqa: F401
