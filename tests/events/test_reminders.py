"""The reminders (events.services.send_reminders, the scheduled job « event-reminders »):
sent once, two days before, to those who hold a place."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events import services
from events.models import Registration
from tests import factories
from vita import scheduling
from vita.models import ScheduledRun

pytestmark = pytest.mark.django_db

Status = Registration.Status
LONG_AGO = timezone.now() - timedelta(days=20)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def send(now=None):
        with django_capture_on_commit_callbacks(execute=True):
            return services.send_reminders(now)

    return send


def test_a_reminder_is_sent_once_two_days_before(run):
    event = factories.EventFactory(starts_at=timezone.now() + timedelta(days=3))
    registration = factories.RegistrationFactory(event=event, confirmed_at=LONG_AGO)

    assert run() == 0  # three days before: not yet
    in_time = timezone.now() + timedelta(days=1, hours=1)
    assert run(in_time) == 1
    assert run(in_time) == 0
    assert run(in_time + timedelta(minutes=15)) == 0

    [message] = mail.outbox
    assert message.to == [registration.email]
    assert message.subject == f"[VITA] Rappel : {event.title}"
    assert registration.token in message.body
    registration.refresh_from_db()
    assert registration.reminder_sent_at is not None


def test_no_reminder_for_the_waiting_the_cancelled_nor_a_cancelled_event(run):
    soon = timezone.now() + timedelta(days=1)
    event = factories.EventFactory(starts_at=soon)
    factories.RegistrationFactory(event=event, status=Status.WAITING)
    factories.RegistrationFactory(event=event, status=Status.CANCELLED)
    cancelled_event = factories.EventFactory(starts_at=soon, cancelled_at=timezone.now())
    factories.RegistrationFactory(event=cancelled_event, confirmed_at=LONG_AGO)
    draft = factories.EventFactory(starts_at=soon, status="draft")
    factories.RegistrationFactory(event=draft, confirmed_at=LONG_AGO)
    past = factories.EventFactory(starts_at=timezone.now() - timedelta(hours=1))
    factories.RegistrationFactory(event=past, confirmed_at=LONG_AGO)

    assert run() == 0
    assert mail.outbox == []


def test_who_got_a_place_within_the_two_days_is_not_reminded(run):
    event = factories.EventFactory(starts_at=timezone.now() + timedelta(days=1))
    factories.RegistrationFactory(event=event, confirmed_at=timezone.now() - timedelta(hours=2))

    assert run() == 0


def test_a_reminder_that_fails_is_tried_again(run, monkeypatch):
    event = factories.EventFactory(starts_at=timezone.now() + timedelta(days=1))
    registration = factories.RegistrationFactory(event=event, confirmed_at=LONG_AGO)
    monkeypatch.setattr("events.emails.send_reminder", lambda registration: False)
    run()
    registration.refresh_from_db()
    assert registration.reminder_sent_at is None

    monkeypatch.undo()
    assert run() == 1
    assert len(mail.outbox) == 1


def test_the_reminders_are_a_scheduled_job(django_capture_on_commit_callbacks):
    event = factories.EventFactory(starts_at=timezone.now() + timedelta(days=1))
    factories.RegistrationFactory(event=event, confirmed_at=LONG_AGO)
    [job] = [job for job in scheduling.registered_jobs() if job.name == "event-reminders"]

    with django_capture_on_commit_callbacks(execute=True):
        [done] = scheduling.run_due_jobs(jobs=[job])

    assert done.status == ScheduledRun.Status.SUCCEEDED
    assert ScheduledRun.objects.get(job="event-reminders").message == "1 rappel(s) envoyé(s)."
    assert len(mail.outbox) == 1
