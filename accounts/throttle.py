"""How often a password-reset e-mail may be asked for: per address and per client, counted in the shared cache.

Every accepted request counts, whether or not a user has the address, so that the limit reveals nothing."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _within_limit(kind: str, value: str, limit: int) -> bool:
    """Count one request for `value`; True while the count in the current window is at most `limit`."""
    key = f"password-reset:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"
    window = int(settings.PASSWORD_RESET_THROTTLE_WINDOW.total_seconds())
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def password_reset_allowed(*, email: str, client_ip: str) -> bool:
    """Count a reset request; False when its client or its address has asked too often within the window."""
    if not _within_limit("client", client_ip, settings.PASSWORD_RESET_REQUESTS_PER_CLIENT):
        return False
    return _within_limit("email", email.strip().lower(), settings.PASSWORD_RESET_MAILS_PER_ADDRESS)
