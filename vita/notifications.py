"""The site's e-mails, one way to send them: to a person (`send_email`) or to the COORACE
animators (`notify_animators`); the console by default, SMTP through the settings.

What an e-mail tells is saved before it leaves: a mail server that fails is logged, never
raised, and the sender learns it from the returned value."""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage

from vita.roles import ANIMATEUR

logger = logging.getLogger(__name__)


def site_url(path: str) -> str:
    """The full address of a page of the site, for what is read outside it: e-mails,
    calendar files (`SITE_URL`, since a scheduled job has no request to ask)."""
    return settings.SITE_URL.rstrip("/") + path


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def animator_addresses() -> list[str]:
    """ANIMATOR_EMAILS when set, otherwise the active animators' own addresses."""
    if settings.ANIMATOR_EMAILS:
        return list(settings.ANIMATOR_EMAILS)
    users = get_user_model().objects.filter(is_active=True, groups__name=ANIMATEUR)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def send_email(
    to: str | list[str],
    subject: str,
    body: str,
    *,
    reply_to: list[str] | tuple[str, ...] = (),
    attachments: tuple[tuple[str, bytes | str, str], ...] = (),
) -> bool:
    """Send `body` to `to` under « [VITA] subject »; whether it left. `attachments`:
    (file name, content, MIME type) each."""
    subject = " ".join(subject.split())  # a header holds no line break
    message = EmailMessage(
        f"[VITA] {subject}",
        body,
        to=[to] if isinstance(to, str) else list(to),
        reply_to=list(reply_to) or None,
    )
    for attachment in attachments:
        message.attach(*attachment)
    try:
        message.send()
    except Exception:  # SMTP errors come in many classes; the data is saved either way
        logger.exception("Could not send « %s »", subject)
        return False
    return True


def notify_animators(subject: str, body: str, reply_to: str = "") -> int:
    """Sends `body` to the animators; the number of recipients (0: nobody told)."""
    recipients = animator_addresses()
    if not recipients:
        logger.warning("No animator address to send « %s » to (set ANIMATOR_EMAILS)", subject)
        return 0
    sent = send_email(recipients, subject, body, reply_to=[reply_to] if reply_to else ())
    return len(recipients) if sent else 0
