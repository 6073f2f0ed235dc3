"""The reads of subscriptions: « Mon espace » and « Télécharger mes données »."""

from vita.subscriptions.services import LIVE, of_account, subscription_link, subscription_name
from vita.subscriptions.topics import get_topic


def live_subscriptions(user) -> list[dict]:
    """The account's pending and active subscriptions, with their name (a search alert's
    names its search) and the page they follow, if any."""
    return [
        {
            "subscription": subscription,
            "topic": get_topic(subscription.topic),
            "name": subscription_name(subscription),
            "link": subscription_link(subscription),
        }
        for subscription in of_account(user)
        .filter(state__in=LIVE)
        .order_by("topic", "parameters", "email")
    ]


def subscription_data(user) -> list[dict]:
    """For « Télécharger mes données »: every subscription the site keeps for the account."""
    return [
        {
            "adresse": subscription.email,
            "abonnement": subscription_name(subscription),
            "code": subscription.topic,
            "recherche": subscription.parameters,
            "frequence": subscription.get_frequency_display(),
            "etat": subscription.get_state_display(),
            "demande_le": subscription.created_at,
            "confirme_le": subscription.confirmed_at,
            "dernier_envoi_le": subscription.last_sent_at,
            "desabonne_le": subscription.unsubscribed_at,
        }
        for subscription in of_account(user).order_by("created_at", "pk")
    ]
