import sys

from django.core.exceptions import BadRequest
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
@transaction.non_atomic_requests
def healthz(request: HttpRequest) -> HttpResponse:
    """Public: 200 when the database answers, for load balancers and monitoring (GET or HEAD only).

    It answers over plain HTTP too (SECURE_REDIRECT_EXEMPT) for balancers that probe the app servers directly; the
    probe must send a Host header listed in ALLOWED_HOSTS.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """The answer to an error no view handled (handler500): the German 503 page, to be retried, when the database does
    not answer; otherwise the German 500 page. Both render without the request's context, so without the database."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The German 400 page (handler400), naming what was wrong where the portal's own check said it (BadRequest);
    other refusals (a forged host, too many fields) are not explained."""
    reason = str(exception) if type(exception) is BadRequest else ""
    return HttpResponseBadRequest(loader.render_to_string("400.html", {"reason": reason}))
