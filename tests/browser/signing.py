"""Signing in to the admin in the browser, as a person does: the login page's form."""

import re

from django.urls import reverse

from seeds.accounts import DEMO_PASSWORD, DEMO_USERNAME


def sign_in(page, base_url: str, username: str = DEMO_USERNAME, password: str = DEMO_PASSWORD):
    """Fill in and send the admin's login form; wait for the desk."""
    page.goto(base_url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
