"""The reads of subscriptions: « Mon espace » and « Télécharger mes données »."""

from vita.subscriptions.services import LIVE, of_account
from vita.subscriptions.topics import get_topic


def live_subscriptions(user) -> list[dict]:
    """The account's pending and active subscriptions, with their topic's label."""
    return [
        {"subscription": subscription, "topic": get_topic(subscription.topic)}
        for subscription in of_account(user).filter(state__in=LIVE).order_by("topic", "email")
    ]


def subscription_data(user) -> list[dict]:
    """For « Télécharger mes données »: every subscription the site keeps for the account."""
    return [
        {
            "adresse": subscription.email,
            "abonnement": topic.label if (topic := get_topic(subscription.topic)) else "",
            "code": subscription.topic,
            "etat": subscription.get_state_display(),
            "demande_le": subscription.created_at,
            "confirme_le": subscription.confirmed_at,
            "desabonne_le": subscription.unsubscribed_at,
        }
        for subscription in of_account(user).order_by("created_at", "pk")
    ]
