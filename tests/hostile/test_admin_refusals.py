"""What the hostile-input matrix found in the admin, each answered now with a message."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse

from articles.models import Article, Section
from articles.roles import ADMINISTRATOR
from config.admin import MAX_QUERY_CHARS
from tests.factories import SectionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator_client(client):
    user = UserFactory(username="administrator-user", is_staff=True)
    user.groups.add(Group.objects.get(name=ADMINISTRATOR))
    client.force_login(user)
    return client


def test_an_overlong_admin_search_is_a_400_not_a_503(editor_client):
    # SQLite refuses a LIKE pattern of more than 50,000 bytes; that once read as an outage.
    response = editor_client.get(
        reverse("admin:articles_section_changelist"), {"q": "a" * 1_000_000}
    )
    assert response.status_code == 400
    assert f"more than {MAX_QUERY_CHARS:,} characters" in response.text


def test_a_date_filter_before_the_calendar_is_a_400_where_the_database_overflows(
    administrator_client,
):
    url = reverse("admin:axes_accessattempt_changelist")
    response = administrator_client.get(url, {"attempt_time__gte": "0001-01-01"})
    # PostgreSQL holds the date and lists nothing; on SQLite, moving it into UTC overflows.
    if connection.vendor == "postgresql":
        assert response.status_code == 200
    else:
        assert response.status_code == 400
        assert "outside the calendar" in response.text


@pytest.mark.parametrize("selected", ["ferries", "9" * 40, "1.5"])
def test_a_bulk_action_on_a_selection_that_names_no_row_is_a_400(editor_client, selected):
    section = SectionFactory()
    response = editor_client.post(
        reverse("admin:articles_section_changelist"),
        {"action": "delete_selected", "_selected_action": [selected, section.pk], "post": "yes"},
    )
    assert response.status_code == 400
    assert "cannot exist" in response.text
    assert Section.objects.filter(pk=section.pk).exists()


def test_an_article_form_with_text_for_its_section_is_shown_again_with_an_error(editor_client):
    response = editor_client.post(
        reverse("admin:articles_article_add"), {"headline": "Ferries", "section": "harbour"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Article.objects.exists()


def test_the_sign_in_attempts_clean_up_action_runs(administrator_client):
    attempt = AccessAttempt.objects.create(
        username="someone", ip_address="10.0.0.1", failures_since_start=1
    )
    response = administrator_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "cleanup_expired_attempts", "_selected_action": [attempt.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Cleaned up" in response.text
