"""The kernel's scheduled jobs (`vita.scheduling`): personal data the « Données
personnelles » page says is kept for a limited time, deleted when that time is over."""

from datetime import time
from importlib import import_module

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone

from vita.scheduling import Daily, Every, scheduled
from vita.subscriptions import services as subscriptions


@scheduled(
    "purge-login-failures",
    Every(minutes=15),
    "Efface les échecs de connexion une fois le blocage levé (une heure), comme le dit la "
    "page « Données personnelles » : identifiant essayé, adresse IP et date.",
)
def purge_login_failures() -> str:
    count, _ = AccessAttempt.objects.filter(
        attempt_time__lte=timezone.now() - get_cool_off()
    ).delete()
    return f"{count} échec(s) de connexion effacé(s)."


@scheduled(
    "purge-expired-sessions",
    Daily(time(4, 0)),
    "Efface les sessions expirées (qui relient un navigateur à un compte).",
)
def purge_expired_sessions() -> str:
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return "Sessions expirées effacées."


@scheduled(
    "purge-subscriptions",
    Daily(time(4, 15)),
    "Efface les abonnements jamais confirmés après sept jours, et les désabonnements sept "
    "jours après, comme le dit la page « Données personnelles ».",
)
def purge_subscriptions() -> str:
    return f"{subscriptions.purge()} abonnement(s) effacé(s)."
