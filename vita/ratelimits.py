"""Rate limits of the public forms, per client address and per e-mail address given."""

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
