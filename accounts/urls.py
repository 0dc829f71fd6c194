"""The account's security pages, under the admin's address."""

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("enrol/", views.enrol, name="enrol"),
    path("security/", views.security, name="security"),
    path("security/recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("security/sign-out-everywhere/", views.sign_out_everywhere, name="sign-out-everywhere"),
]
