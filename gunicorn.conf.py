"""gunicorn's settings for `make serve` and the systemd unit (docs/deployment.md), each from the environment.

WEB_CONCURRENCY   worker processes (default: 2 per core + 1, at most 8)
GUNICORN_BIND     address to listen on (default 127.0.0.1:8000; behind a load balancer e.g. 0.0.0.0:8000)
GUNICORN_TIMEOUT  seconds a request may take before its worker is replaced (default 60: PDF papers take a while)
"""

import multiprocessing
import os

from strategy_portal import settings as portal_settings
from strategy_portal.logs import JSON_FORMATTER

wsgi_app = "strategy_portal.wsgi:application"
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
# On SIGTERM (systemctl stop/restart, a new deployment) running requests get this long to finish.
graceful_timeout = 30
# Longer than a load balancer's usual idle timeout, so the balancer, not gunicorn, closes idle connections.
keepalive = 75
# A worker is replaced now and then, so that a slow leak never grows unbounded; the jitter keeps them from all
# restarting at once.
max_requests = 2000
max_requests_jitter = 200
# systemd (or the container runtime) manages the processes; no control socket in the service user's home.
control_socket_disable = True

# Logs on standard error, like the portal's own. The portal logs every request itself (strategy_portal/logs.py:
# method, path, status, duration), so gunicorn's access log stays quiet; gunicorn's own messages (start, worker
# timeouts) come out in the portal's format: JSON unless LOG_FORMAT=text (the default with DEBUG on).
errorlog = "-"
if portal_settings.LOG_FORMAT == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": JSON_FORMATTER},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "json"}},
        "root": {"level": "INFO", "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
            "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
        },
    }
