"""The events' scheduled job (`vita.scheduling`): the reminders before an event."""

from events import services
from vita.scheduling import Every, scheduled


@scheduled(
    "event-reminders",
    Every(minutes=15),
    "Envoie le rappel aux inscrits deux jours avant un événement, une seule fois par inscription.",
)
def send_event_reminders() -> str:
    return f"{services.send_reminders()} rappel(s) envoyé(s)."
