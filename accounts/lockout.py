"""The page django-axes shows instead of the login once a user name has failed too often from one address."""

from http import HTTPStatus

from axes.helpers import get_cool_off
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: tells how long to wait, in whole minutes, and whom to ask meanwhile."""
    minutes = max(1, round(get_cool_off(request).total_seconds() / 60))
    return render(request, "registration/lockout.html", {"minutes": minutes}, status=HTTPStatus.TOO_MANY_REQUESTS)
