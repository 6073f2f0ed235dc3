"""At the same moment, on real transactions: two people take the last place (one gets
it, the other waits) and two schedulers send the reminders (each once)."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from events import services
from events.models import Registration
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

Status = Registration.Status


def _at_once(count, work):
    """Runs `work(n)` in `count` threads, each with its own connection, released together."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(n):
        try:
            barrier.wait(timeout=10)
            results[n] = work(n)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    return results


def test_two_people_taking_the_last_place_at_once_one_gets_it_the_other_waits():
    event = factories.EventFactory(capacity=3)
    factories.RegistrationFactory.create_batch(2, event=event)  # one place left

    for attempt in range(5):  # any interleaving the scheduler gives, five times over
        registrations = _at_once(
            2,
            lambda n, attempt=attempt: services.register(
                event, name=f"Personne {n}", email=f"p{n}-{attempt}@example.org"
            ),
        )
        statuses = sorted(registration.status for registration in registrations)
        assert statuses == [Status.WAITING, Status.CONFIRMED], statuses
        assert event.registrations.filter(status=Status.CONFIRMED).count() == 3
        for registration in registrations:  # the place is freed for the next attempt
            if registration.status == Status.CONFIRMED:
                Registration.objects.filter(pk=registration.pk).update(
                    status=Status.CANCELLED, cancelled_at=timezone.now(), confirmed_at=None
                )
            else:
                Registration.objects.filter(pk=registration.pk).update(
                    status=Status.CANCELLED, cancelled_at=timezone.now()
                )

    assert len([m for m in mail.outbox if "Liste d'attente" in m.subject]) == 5
    assert len([m for m in mail.outbox if "Inscription confirmée" in m.subject]) == 5


def test_two_schedulers_send_each_reminder_once():
    event = factories.EventFactory(starts_at=timezone.now() + timedelta(days=1))
    factories.RegistrationFactory.create_batch(
        6, event=event, confirmed_at=timezone.now() - timedelta(days=10)
    )

    counts = _at_once(4, lambda n: services.send_reminders())

    assert sum(counts) == 6
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        event.registrations.values_list("email", flat=True)
    )
    assert not event.registrations.filter(reminder_sent_at__isnull=True).exists()
