"""The topics one may subscribe to, declared in code: a stable code (stored on each
subscription and used in addresses), a French label and a description. An app above the
kernel that sends a mailing registers its topic here with `register` (in its AppConfig's
`ready`, or below for the kernel's own)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    code: str
    label: str
    description: str


TOPICS: dict[str, Topic] = {}


def register(code: str, label: str, description: str) -> Topic:
    """Declares a topic; registering a code twice with other words is a programming error."""
    topic = Topic(code, label, description)
    if TOPICS.setdefault(code, topic) != topic:
        raise ValueError(f"Subscription topic {code!r} is already registered differently")
    return topic


def get_topic(code: str) -> Topic | None:
    return TOPICS.get(code)


LETTRE_VITA = register(
    "lettre-vita",
    "La Lettre VITA",
    "La lettre trimestrielle du centre de ressources : les nouvelles expériences, les "
    "travaux des groupes, les rencontres et les ressources à venir.",
)
