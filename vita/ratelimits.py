"""Rate limits of the public forms, per client address and per e-mail address given."""

import ipaddress

from django.conf import settings
from django_ratelimit.core import is_ratelimited

TOO_MANY = "Trop de demandes envoyées depuis votre adresse : réessayez dans une heure."


def public_form_limited(request, group: str, email: str = "") -> bool:
    """Counts this submission and says whether it goes over PUBLIC_FORM_RATE."""
    by_address = is_ratelimited(
        request, group=group, key="ip", rate=settings.PUBLIC_FORM_RATE, increment=True
    )
    by_email = bool(email) and is_ratelimited(
        request,
        group=group,
        key=lambda _group, _request: email.lower(),
        rate=settings.PUBLIC_FORM_RATE,
        increment=True,
    )
    return by_address or by_email


def client_ip(request) -> str:
    """The client's address: behind a reverse proxy, the one it writes in CLIENT_IP_HEADER
    (the last of a list: the proxy appends what it saw); otherwise REMOTE_ADDR. Used by
    django-ratelimit (RATELIMIT_IP_META_KEY)."""
    header = settings.CLIENT_IP_HEADER
    if header:
        candidates = request.META.get(header, "").split(",")
        try:
            return str(ipaddress.ip_address(candidates[-1].strip()))
        except ValueError:
            pass  # absent or not an address: the connection's own
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - a key, not a bind
