"""The page django-axes shows instead of the login once a user name has failed too often from one address."""

from http import HTTPStatus
from typing import Any

from axes.helpers import get_cool_off
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: tells how long to wait, in whole minutes, and whom to ask meanwhile."""
    minutes = max(1, round(get_cool_off(request).total_seconds() / 60))
    return render(request, "registration/lockout.html", {"minutes": minutes}, status=HTTPStatus.TOO_MANY_REQUESTS)
