"""E-mail alerts on a search of the cards: « M'alerter des nouvelles fiches ».

An alert is a subscription of the kernel (`vita.subscriptions`: double opt-in, one-click
unsubscribe) to the topic `alerte-fiches`, whose parameters are the search's canonical
query string (`selectors.CardSelection.query_string`) and whose frequency is daily or
weekly. This module gives the kernel what it cannot know: the alert's name (its filters,
as the list's chips say them), the search's page, and each e-mail's content: the cards
published since the previous e-mail (or since the confirmation), nothing when none is.
The scheduled job `search-alerts` (`scheduled_jobs.py`) queues the task
`send_search_alerts` for the worker; `vita.subscriptions.services.send_due_alerts` sends
each alert once."""

from __future__ import annotations

import logging
from datetime import datetime

from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from experiences.filters import CARD_FACETS
from experiences.selectors import CardSelection, card_selection, newest_cards
from vita.models import Subscription
from vita.notifications import site_url
from vita.subscriptions import services as subscriptions
from vita.subscriptions.topics import register

logger = logging.getLogger(__name__)

TOPIC = "alerte-fiches"
MAX_CARDS = 30  # an e-mail lists this many; the search's link gives the others


def selection_of(parameters: str, choices=None) -> CardSelection:
    return card_selection(QueryDict(parameters), choices=choices)


def title(selection: CardSelection) -> str:
    """« Nouvelles fiches — Région : Hauts-de-France, Groupe de travail / atelier : A2 … »"""
    if not selection.filters:
        return "Nouvelles fiches expériences"
    return "Nouvelles fiches — " + ", ".join(selection.filters)


def describe(parameters: str) -> str:
    """The alert's name, for the kernel's e-mails and pages."""
    return title(selection_of(parameters))


def search_path(parameters: str) -> str:
    """The list's page of the search an alert follows."""
    path = reverse("experiences:list")
    return f"{path}?{parameters}" if parameters else path


def register_topic():
    """Called by the app's `ready`: the kernel's topic, with this app's words."""
    return register(
        TOPIC,
        "Alerte sur les nouvelles fiches",
        "Les nouvelles fiches expériences d'une recherche, chaque jour ou chaque semaine.",
        describe=describe,
        link=search_path,
    )


def subscribe(email: str, selection: CardSelection, frequency: str, user=None) -> None:
    """Asks for an alert on a valid search (its canonical query string): pending until the
    e-mailed link is followed."""
    if selection.errors:
        raise ValueError("An alert follows a valid search only")
    subscriptions.subscribe(
        email, TOPIC, user=user, parameters=selection.query_string, frequency=frequency
    )


class _Composer:
    """Writes each alert's e-mail in one run, the facets' codes read once for all."""

    def __init__(self):
        self.choices = CARD_FACETS.choices()

    def __call__(self, subscription: Subscription, since: datetime, until: datetime):
        selection = selection_of(subscription.parameters, choices=self.choices)
        if selection.errors:  # a code removed since: a wider search would mislead
            logger.warning("Alert %s follows a search no longer valid", subscription.pk)
            return None
        cards = newest_cards(selection, since=since, until=until)
        listed = list(cards[: MAX_CARDS + 1])
        if not listed:
            return None
        total = len(listed) if len(listed) <= MAX_CARDS else cards.count()
        context = {
            "cards": [(card, site_url(card.get_absolute_url())) for card in listed[:MAX_CARDS]],
            "total": total,
            "more": total - min(total, MAX_CARDS),
            "filters": selection.filters,
            "search_url": site_url(search_path(subscription.parameters)),
            "since": timezone.localtime(since),
            "frequency": subscription.get_frequency_display().lower(),
        }
        noun = "nouvelle fiche" if total == 1 else "nouvelles fiches"
        what = ", ".join(selection.filters) if selection.filters else "toutes les fiches"
        subject = f"[VITA] {total} {noun} — {what}"
        if len(subject) > 150:
            subject = subject[:149] + "…"
        return subject, render_to_string("experiences/alert_email.txt", context)


def send_alerts(now: datetime | None = None) -> int:
    """Mails each due alert its new cards, once; the number of alerts mailed."""
    return subscriptions.send_due_alerts(TOPIC, _Composer(), now=now)


@task()
def send_search_alerts() -> None:
    """The worker's task, queued by the scheduled job `search-alerts`."""
    send_alerts()
