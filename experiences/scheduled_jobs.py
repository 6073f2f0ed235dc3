"""The cards' scheduled job (`vita.scheduling`): the e-mail alerts on searches, handed to
the worker (hundreds of e-mails never hold the scheduler), as the Lettre's issues are."""

from datetime import time

from django.db import transaction

from experiences import alerts
from vita.scheduling import Daily, scheduled


@scheduled(
    "search-alerts",
    Daily(time(7, 0)),
    "Envoie à chaque alerte sur une recherche de fiches (chaque jour ou chaque semaine) les "
    "fiches publiées depuis son dernier envoi, une seule fois ; rien quand rien n'est nouveau.",
)
def queue_search_alerts() -> str:
    transaction.on_commit(alerts.send_search_alerts.enqueue)
    return "Envoi des alertes confié au worker."
