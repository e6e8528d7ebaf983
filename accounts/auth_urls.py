"""Django's login, logout and password routes (names without a namespace, as Django's templates expect them), the
password reset replaced by the throttled one."""

from django.contrib.auth import urls as django_auth_urls
from django.urls import URLPattern, path

from accounts.views.account import ThrottledPasswordResetView

urlpatterns = [
    path("password_reset/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    *(
        pattern
        for pattern in django_auth_urls.urlpatterns
        if not (isinstance(pattern, URLPattern) and pattern.name == "password_reset")
    ),
]
