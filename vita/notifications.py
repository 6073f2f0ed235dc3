"""E-mails to the COORACE animators (the console by default; SMTP through the settings)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage

from vita.roles import ANIMATEUR

logger = logging.getLogger(__name__)


def animator_addresses() -> list[str]:
    """ANIMATOR_EMAILS when set, otherwise the active animators' own addresses."""
    if settings.ANIMATOR_EMAILS:
        return list(settings.ANIMATOR_EMAILS)
    users = get_user_model().objects.filter(is_active=True, groups__name=ANIMATEUR)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def notify_animators(subject: str, body: str, reply_to: str = "") -> int:
    """Sends `body` to the animators; the number of recipients (0: nobody told). What the
    e-mail tells is already saved: a mail server that fails is logged, not raised."""
    recipients = animator_addresses()
    if not recipients:
        logger.warning("No animator address to send « %s » to (set ANIMATOR_EMAILS)", subject)
        return 0
    message = EmailMessage(
        "[VITA] " + " ".join(subject.split()),  # a header holds no line break
        body,
        to=recipients,
        reply_to=[reply_to] if reply_to else None,
    )
    try:
        message.send()
    except Exception:  # SMTP errors come in many classes; the data is saved either way
        logger.exception("Could not send « %s » to the animators", subject)
        return 0
    return len(recipients)
