"""The topics one may subscribe to, declared in code: a stable code (stored on each
subscription and used in addresses), a French label and a description. An app above the
kernel that sends a mailing registers its topic here with `register` (in its AppConfig's
`ready`, or below for the kernel's own).

A topic may take parameters (a search alert: the search followed): its app then gives
`describe` (parameters → the subscription's French name, for its e-mails and pages) and
`link` (parameters → the page on the site, a path). Such a topic is subscribed to from its
app's own page, not from « S'abonner »; its mailings are sent by its app
(`services.send_due_alerts`), the kernel knowing nothing of what they hold."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    code: str
    label: str
    description: str
    describe: Callable[[str], str] | None = None
    link: Callable[[str], str] | None = None

    @property
    def takes_parameters(self) -> bool:
        return self.describe is not None

    def name(self, parameters: str = "") -> str:
        """What a subscription with these parameters is called: its topic's label, or for
        a topic that takes parameters the app's description of them."""
        return self.describe(parameters) if self.describe is not None else self.label


TOPICS: dict[str, Topic] = {}


def register(
    code: str,
    label: str,
    description: str,
    describe: Callable[[str], str] | None = None,
    link: Callable[[str], str] | None = None,
) -> Topic:
    """Declares a topic; registering a code twice with other words is a programming error."""
    topic = Topic(code, label, description, describe, link)
    if TOPICS.setdefault(code, topic) != topic:
        raise ValueError(f"Subscription topic {code!r} is already registered differently")
    return topic


def get_topic(code: str) -> Topic | None:
    return TOPICS.get(code)


def listed_topics() -> list[Topic]:
    """The topics « S'abonner » offers: those without parameters."""
    return [topic for topic in TOPICS.values() if not topic.takes_parameters]


LETTRE_VITA = register(
    "lettre-vita",
    "La Lettre VITA",
    "La lettre trimestrielle du centre de ressources : les nouvelles expériences, les "
    "travaux des groupes, les rencontres et les ressources à venir.",
)
