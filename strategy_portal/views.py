from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse
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
