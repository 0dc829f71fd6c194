"""Members in each role, as the workflow tests make them."""

from tests.workflow.conftest import contributor, member, newsroom_editor, own_draft  # noqa: F401
