"""The library's scheduled jobs (`vita.scheduling`): each new issue of the Lettre VITA
mailed to its subscribers (`resources.mailings`)."""

from resources import mailings
from vita.scheduling import Every, scheduled


@scheduled(
    "mail-new-issues",
    Every(minutes=15),
    "Envoie aux abonnés de la Lettre VITA chaque nouveau numéro publié dans sa collection, "
    "une seule fois (les numéros des documents sources de 2008 ne sont pas envoyés).",
)
def mail_new_issues() -> str:
    return mailings.queue_new_issues()
