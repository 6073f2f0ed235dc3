"""The writes of subscriptions: subscribe (double opt-in), confirm, unsubscribe (one
link per subscription, or everything of an account), purge, the mailing to a topic's
subscribers with its unsubscribe headers (RFC 2369, RFC 8058), and the alerts that are due
(`send_due_alerts`)."""

import enum
import logging
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from vita.models import Subscription
from vita.notifications import send_email, site_host, site_url
from vita.subscriptions.topics import get_topic

logger = logging.getLogger(__name__)

# How long a confirmation link is valid; unconfirmed subscriptions are purged after it, and
# unsubscribed ones (kept so that their link still says « désabonné ») after as long.
CONFIRMATION_DAYS = 7
_CONFIRMATION_SALT = "vita.subscriptions.confirm"
LIVE = [Subscription.State.PENDING, Subscription.State.ACTIVE]
# How far behind the present an alert's period ends (`settled_until`).
SETTLING = timedelta(minutes=5)


class Outcome(enum.Enum):
    DONE = "done"
    ALREADY = "already"  # clicked twice: nothing more to do
    EXPIRED = "expired"
    INVALID = "invalid"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _account_for(email: str):
    """The active account whose address this is, when exactly one has it."""
    accounts = list(
        get_user_model().objects.filter(email__iexact=email, is_active=True).only("pk")[:2]
    )
    return accounts[0] if len(accounts) == 1 else None


def signed_confirmation(subscription: Subscription) -> str:
    """The confirmation link's token: the stored one, signed with its date."""
    return signing.TimestampSigner(salt=_CONFIRMATION_SALT).sign(subscription.confirmation_token)


def confirmation_url(subscription: Subscription) -> str:
    return site_url(reverse("subscriptions:confirm", args=[signed_confirmation(subscription)]))


def unsubscribe_url(subscription: Subscription) -> str:
    return site_url(reverse("subscriptions:unsubscribe", args=[subscription.unsubscribe_token]))


def subscribe(email: str, topic: str, user=None, parameters: str = "", frequency: str = "") -> None:
    """Asks for a subscription of `email` to `topic`: a pending one, whose confirmation
    link is e-mailed after the commit. Returns nothing, so that the page says the same
    whether the address was already subscribed or not: an active subscription stays as
    it is; a pending one gets a new link (and the frequency asked last). `user`: the
    signed-in account, if any. `parameters` and `frequency`: a search alert's, its topic's
    app having checked them (the canonical query string of a valid search)."""
    found = get_topic(topic)
    if found is None:
        raise ValueError(f"Unknown subscription topic {topic!r}")
    if found.takes_parameters != bool(frequency) or (parameters and not found.takes_parameters):
        raise ValueError(f"Topic {topic!r}: a frequency and parameters are for alerts only")
    email = email.strip()
    now = timezone.now()
    with transaction.atomic():
        live = (
            Subscription.objects.select_for_update()
            .filter(email__iexact=email, topic=topic, parameters=parameters, state__in=LIVE)
            .first()
        )
        if live is not None and live.state == Subscription.State.ACTIVE:
            return
        if live is not None:
            live.confirmation_token = _new_token()
            live.confirmation_sent_at = now
            live.frequency = frequency
            live.save(update_fields=["confirmation_token", "confirmation_sent_at", "frequency"])
            subscription = live
        else:
            try:
                with transaction.atomic():  # two requests at once: the other one made it
                    subscription = Subscription.objects.create(
                        email=email,
                        topic=topic,
                        parameters=parameters,
                        frequency=frequency,
                        user=user if user is not None else _account_for(email),
                        confirmation_token=_new_token(),
                        unsubscribe_token=_new_token(),
                        confirmation_sent_at=now,
                    )
            except IntegrityError:
                return
        transaction.on_commit(lambda: _send_confirmation(subscription))


def subscription_name(subscription: Subscription) -> str:
    """The subscription's French name: its topic's label, or its search's description."""
    topic = get_topic(subscription.topic)
    return topic.name(subscription.parameters) if topic else subscription.topic


def subscription_link(subscription: Subscription) -> str:
    """The page a subscription follows (a search alert's search), as a full address; ""."""
    topic = get_topic(subscription.topic)
    if topic is None or topic.link is None:
        return ""
    return site_url(topic.link(subscription.parameters))


def _send_confirmation(subscription: Subscription) -> None:
    context = {
        "name": subscription_name(subscription),
        "frequency": subscription.get_frequency_display().lower(),
        "link": subscription_link(subscription),
        "confirm_url": confirmation_url(subscription),
        "days": CONFIRMATION_DAYS,
    }
    # A lost confirmation can be asked again: subscribing anew sends a new link.
    send_email(
        subscription.email,
        f"Confirmez votre abonnement à « {context['name']} »",
        render_to_string("subscriptions/confirmation_email.txt", context),
    )


def for_confirmation(signed_token: str, *, lock: bool = False):
    """(None, the pending subscription) for a valid confirmation link; otherwise why not:
    (EXPIRED, None) past CONFIRMATION_DAYS, (ALREADY, it) once confirmed, (INVALID, None)."""
    try:
        token = signing.TimestampSigner(salt=_CONFIRMATION_SALT).unsign(
            signed_token, max_age=timedelta(days=CONFIRMATION_DAYS)
        )
    except signing.SignatureExpired:
        return Outcome.EXPIRED, None
    except signing.BadSignature:
        return Outcome.INVALID, None
    subscriptions = Subscription.objects.filter(confirmation_token=token)
    subscription = (subscriptions.select_for_update() if lock else subscriptions).first()
    if subscription is None or subscription.state == Subscription.State.UNSUBSCRIBED:
        return Outcome.INVALID, None
    if subscription.state == Subscription.State.ACTIVE:
        return Outcome.ALREADY, subscription
    return None, subscription


def confirm(signed_token: str) -> tuple[Outcome, Subscription | None]:
    """Follows a confirmation link: the subscription becomes active. A link is valid
    CONFIRMATION_DAYS; a second click changes nothing."""
    with transaction.atomic():
        refusal, subscription = for_confirmation(signed_token, lock=True)
        if refusal is not None:
            return refusal, subscription
        subscription.state = Subscription.State.ACTIVE
        subscription.confirmed_at = timezone.now()
        if subscription.user_id is None:
            subscription.user = _account_for(subscription.email)
        subscription.save(update_fields=["state", "confirmed_at", "user"])
    return Outcome.DONE, subscription


def find_by_unsubscribe_token(token: str) -> Subscription | None:
    return Subscription.objects.filter(unsubscribe_token=token).first()


def unsubscribe(token: str) -> tuple[Outcome, Subscription | None]:
    """Follows an unsubscribe link (the page's button, or a mail client's one-click POST):
    idempotent."""
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update().filter(unsubscribe_token=token).first()
        )
        if subscription is None:
            return Outcome.INVALID, None
        if subscription.state == Subscription.State.UNSUBSCRIBED:
            return Outcome.ALREADY, subscription
        subscription.state = Subscription.State.UNSUBSCRIBED
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["state", "unsubscribed_at"])
    return Outcome.DONE, subscription


def of_account(user):
    """An account's subscriptions: linked to it, or to its address."""
    condition = Q(user=user)
    if user.email:
        condition |= Q(email__iexact=user.email)
    return Subscription.objects.filter(condition)


def unsubscribe_all(user) -> int:
    """« Me désabonner de tout »: every live subscription of the account ends."""
    return (
        of_account(user)
        .filter(state__in=LIVE)
        .update(state=Subscription.State.UNSUBSCRIBED, unsubscribed_at=timezone.now())
    )


def purge(now=None) -> int:
    """Deletes subscriptions never confirmed within CONFIRMATION_DAYS, and unsubscribed ones
    as long after; the number deleted. Run by `manage.py purge_subscriptions`."""
    limit = (now or timezone.now()) - timedelta(days=CONFIRMATION_DAYS)
    deleted, _ = Subscription.objects.filter(
        Q(state=Subscription.State.PENDING, confirmation_sent_at__lt=limit)
        | Q(state=Subscription.State.UNSUBSCRIBED, unsubscribed_at__lt=limit)
    ).delete()
    return deleted


def _unsubscribe_mailbox() -> str:
    return settings.UNSUBSCRIBE_EMAIL or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def mailing_message(subscription: Subscription, subject: str, body: str) -> EmailMessage:
    """One subscriber's message: the body with its own unsubscribe link under it, and the
    headers that let a mail client unsubscribe in one click (RFC 2369, RFC 8058)."""
    topic = get_topic(subscription.topic)
    link = unsubscribe_url(subscription)
    footer = render_to_string(
        "subscriptions/mailing_footer.txt",
        {"name": subscription_name(subscription), "unsubscribe_url": link},
    )
    mailto = f"mailto:{_unsubscribe_mailbox()}?subject=unsubscribe-{subscription.unsubscribe_token}"
    return EmailMessage(
        " ".join(subject.split()),  # a header holds no line break
        body.rstrip() + "\n\n" + footer,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{link}>, <{mailto}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{topic.label} <{topic.code}.{site_host()}>",
        },
    )


def send_to_subscribers(topic: str, subject: str, body: str) -> int:
    """Sends a mailing to the topic's active subscribers, each message with its own
    unsubscribe link and headers; the number sent. A message the mail server refuses is
    logged and the others still go."""
    if get_topic(topic) is None:
        raise ValueError(f"Unknown subscription topic {topic!r}")
    subscribers = Subscription.objects.filter(topic=topic, state=Subscription.State.ACTIVE)
    sent = 0
    with get_connection() as connection:
        for subscription in subscribers.order_by("pk").iterator():
            message = mailing_message(subscription, subject, body)
            message.connection = connection
            try:
                sent += message.send()
            except Exception:  # one refused address stops no other
                logger.exception("Could not send « %s » to a subscriber", subject)
    return sent


# -- alerts: a topic with parameters, mailed at each subscription's frequency ---------------

# How long after the previous mailing (or the confirmation) an alert is due again. The job
# runs once a day at a fixed hour: a daily alert is due at each run (the hour keeps a
# second run the same morning from mailing again; an alert confirmed the evening before
# gets the next morning's cards), a weekly one every seventh run, half a day's margin
# absorbing how late in its run each sending was made.
ALERT_INTERVALS = {
    Subscription.Frequency.DAILY: timedelta(hours=1),
    Subscription.Frequency.WEEKLY: timedelta(days=6, hours=12),
}

# What an alert's app writes for one subscription: (subject, body) of what is new among
# its parameters' items between `since` and `until`, or None when nothing is.
Compose = Callable[[Subscription, datetime, datetime], "tuple[str, str] | None"]


def due_alerts(topic: str, now: datetime):
    """The active subscriptions of `topic` whose frequency makes them due at `now`."""
    condition = Q()
    for frequency, interval in ALERT_INTERVALS.items():
        condition |= Q(frequency=frequency, since__lte=now - interval)
    return (
        Subscription.objects.filter(topic=topic, state=Subscription.State.ACTIVE)
        .annotate(since=Coalesce(F("last_sent_at"), F("confirmed_at")))
        .filter(condition)
    )


def send_due_alerts(topic: str, compose: Compose, now: datetime | None = None) -> int:
    """Mails each due alert of `topic` what is new since its previous mailing (or its
    confirmation); the number of alerts with news (each mailed after the commit). An
    alert with nothing new gets nothing and stays due, its next mailing still telling
    everything since the last one.

    Once and only once, however many schedulers or workers run: the due subscriptions
    are locked and skipped by any other run (`FOR UPDATE SKIP LOCKED`), marked sent
    (`last_sent_at`) in the same transaction, and a marked one is not due again before its
    interval. The e-mails leave after the commit; one the server refuses is unmarked, to
    be tried at the next run."""
    if get_topic(topic) is None:
        raise ValueError(f"Unknown subscription topic {topic!r}")
    now = now or timezone.now()
    until = settled_until(now)
    with transaction.atomic():
        due = list(due_alerts(topic, now).select_for_update(skip_locked=True).order_by("pk"))
        messages = []
        for subscription in due:
            composed = compose(subscription, subscription.since, until)
            if composed is not None:
                messages.append((subscription, *composed))
        Subscription.objects.filter(pk__in=[m[0].pk for m in messages]).update(last_sent_at=until)
        transaction.on_commit(lambda: _send_alerts(messages, until))
    return len(messages)


def settled_until(now: datetime) -> datetime:
    """The end of an alert's period: a few minutes before `now`, or before the start of
    the oldest transaction still running on the database if earlier. A record is dated
    inside the transaction that writes it (a card's `published_at`, by the application's
    clock) and seen only once it commits: one dated before a run but committed after it
    would fall before the next period and never be told. So the period stops where
    everything dated is committed, with `SETTLING` for the time between the dating and
    the transaction's first statement and between the two clocks; what comes later is
    told next time, never lost."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT min(xact_start) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND backend_type = 'client backend'"
        )
        (oldest,) = cursor.fetchone()
    return min(now, oldest or now) - SETTLING


def _send_alerts(messages: list[tuple[Subscription, str, str]], marked_at: datetime) -> None:
    with get_connection() as mail_connection:
        for subscription, subject, body in messages:
            message = mailing_message(subscription, subject, body)
            message.connection = mail_connection
            try:
                message.send()
            except Exception:  # unmarked: what it would have told is told next time
                logger.exception("Could not send an alert to a subscriber")
                Subscription.objects.filter(pk=subscription.pk, last_sent_at=marked_at).update(
                    last_sent_at=subscription.last_sent_at
                )
