"""E-mails to the COORACE animators (the console by default; SMTP through the settings)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage

from vita.roles import ANIMATEUR


def animator_addresses() -> list[str]:
    """ANIMATOR_EMAILS when set, otherwise the active animators' own addresses."""
    if settings.ANIMATOR_EMAILS:
        return list(settings.ANIMATOR_EMAILS)
    users = get_user_model().objects.filter(is_active=True, groups__name=ANIMATEUR)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def notify_animators(subject: str, body: str, reply_to: str = "") -> int:
    """Sends `body` to the animators; the number of recipients (0: nobody to tell)."""
    recipients = animator_addresses()
    if not recipients:
        return 0
    EmailMessage(
        f"[VITA] {subject}", body, to=recipients, reply_to=[reply_to] if reply_to else None
    ).send()
    return len(recipients)
