"""Rate limits per client address: the public forms (and per e-mail address given),
searches, downloads and exports. The counts live in the cache (Redis when REDIS_URL is set)."""

import ipaddress

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

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


def search_rate(group, request):
    """SEARCH_RATE for a request that searches words; a plain list is not counted."""
    return settings.SEARCH_RATE if request.GET.get("q", "").strip() else None


def _setting(name):
    return lambda group, request: getattr(settings, name)


# View decorators: over the rate, django-ratelimit raises, and its middleware answers
# with `too_many_requests` (RATELIMIT_VIEW).
limit_searches = ratelimit(group="search", key="ip", rate=search_rate, block=True)
limit_lookups = ratelimit(group="lookup", key="ip", rate=_setting("LOOKUP_RATE"), block=True)
limit_downloads = ratelimit(
    group="download", key="ip", rate=_setting("DOWNLOAD_RATE"), block=True, method="GET"
)
# HEAD too: it makes the whole file as GET does (a PDF dossier takes seconds).
limit_exports = ratelimit(
    group="export", key="ip", rate=_setting("EXPORT_RATE"), block=True, method=("GET", "HEAD")
)


def too_many_requests(request, exception=None):
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response
