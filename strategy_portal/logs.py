"""One structured log line per request (method, path, status, duration), for the operators' log collection.

Django itself logs only failed requests (django.request); gunicorn's access log is left off so that each request is
logged once, with the same JSON formatter as everything else (settings.LOGGING).
"""

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

logger = logging.getLogger("strategy_portal.requests")

# python-json-logger: one JSON object per line with time (ISO 8601, UTC), level, logger, message and the record's
# extra fields. settings.LOGGING and gunicorn.conf.py both use it.
JSON_FORMATTER = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": ["levelname", "name", "message"],
    "rename_fields": {"levelname": "level", "name": "logger"},
    "timestamp": "time",
}

# Load balancers probe every few seconds: their requests would drown the others.
QUIET_PATHS = {"/healthz"}


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.monotonic()
        response = self.get_response(request)
        if request.path not in QUIET_PATHS:
            duration_ms = round((time.monotonic() - started) * 1000, 1)
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                },
            )
        return response
