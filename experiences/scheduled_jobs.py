"""The cards' scheduled job (`vita.scheduling`): the e-mail alerts on searches, queued for
the worker (hundreds of e-mails never hold the scheduler)."""

from datetime import time

from django_tasks import task

from experiences import alerts
from vita.scheduling import Daily, scheduled


@scheduled(
    "search-alerts",
    Daily(time(7, 0)),
    "Envoie à chaque alerte sur une recherche de fiches (chaque jour ou chaque semaine) les "
    "fiches publiées depuis son dernier envoi, une seule fois ; rien quand rien n'est nouveau.",
)
@task()
def send_search_alerts() -> str:
    return f"{alerts.send_alerts()} alerte(s) envoyée(s)."
