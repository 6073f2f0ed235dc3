"""Each new issue of the Lettre VITA mailed to its subscribers (`resources.mailings`):
once, to the confirmed ones only, by a task the scheduled job queues."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command

from resources import mailings
from resources.models import IssueMailing
from tests import factories, files
from vita.models import PublicationStatus
from vita.scheduling import registered_jobs, run_due_jobs

# The worker opens and closes its own connections: real transactions, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

AT_9_07 = datetime(2027, 3, 15, 9, 7, tzinfo=UTC)


def _job():
    (job,) = [job for job in registered_jobs() if job.name == "mail-new-issues"]
    return job


def _run(now=AT_9_07):
    """The scheduler's pass over the job, then the worker's over what it queued."""
    runs = run_due_jobs(now, [_job()])
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    return runs


@pytest.fixture
def lettre(settings):
    settings.SITE_URL = "https://vita.example.org"
    return factories.CollectionFactory(name="Lettre VITA", slug="lettre-vita")


def _issue(lettre, number=7, **fields):
    return factories.ResourceFactory(
        title=f"Lettre VITA n°{number}",
        slug=f"lettre-vita-n{number}",
        kind="lettre",
        collection=lettre,
        position=number,
        version_label="mars 2027",
        description="- Entretien avec Léa Martin : « Coopérer sur un territoire rural »",
        **fields,
    )


def test_a_new_issue_reaches_each_confirmed_subscriber_once(lettre, mailoutbox):
    confirmed = [factories.SubscriptionFactory(email=f"lecteur{n}@example.org") for n in (1, 2)]
    factories.SubscriptionFactory(email="en-attente@example.org", state="pending")
    factories.SubscriptionFactory(email="parti@example.org", state="unsubscribed")
    issue = _issue(lettre, file=files.upload("lettre-7.pdf", files.PDF))

    (run,) = _run()

    assert run.status == "succeeded" and "1 numéro(s) à envoyer" in run.message
    assert sorted(message.to[0] for message in mailoutbox) == [s.email for s in confirmed]
    message = mailoutbox[0]
    assert message.subject == "[VITA] Lettre VITA n°7 — mars 2027"
    assert "Un nouveau numéro est paru : Lettre VITA n°7 (mars 2027)." in message.body
    assert "Entretien avec Léa Martin" in message.body
    assert "https://vita.example.org/ressources/lettre-vita-n7/\n" in message.body
    assert "Télécharger le numéro (PDF" in message.body
    assert "https://vita.example.org/ressources/lettre-vita-n7/telecharger/" in message.body
    # The mechanism's own unsubscribe link and one-click headers, each reader's own.
    assert "Pour vous désabonner : https://vita.example.org/abonnements/desabonnement/" in (
        message.body
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    mailing = IssueMailing.objects.get()
    assert (mailing.resource, mailing.topic, mailing.status) == (issue, "lettre-vita", "sent")
    assert mailing.recipients == 2 and mailing.sent_at is not None

    # The next occurrences, a task run again: nothing more.
    assert _run(AT_9_07 + timedelta(minutes=15))[0].message.startswith("0 numéro(s)")
    mailings.send_issue.call(mailing.pk)
    assert len(mailoutbox) == 2 and IssueMailing.objects.count() == 1


def test_an_issue_goes_out_once_it_is_published_and_not_before(lettre, mailoutbox):
    factories.SubscriptionFactory(email="lecteur@example.org")
    issue = _issue(lettre, status=PublicationStatus.DRAFT)
    factories.ResourceFactory(title="Un guide hors de la Lettre")  # not of the collection

    _run()
    assert mailoutbox == [] and not IssueMailing.objects.exists()

    issue.status = PublicationStatus.PUBLISHED
    issue.save()
    _run(AT_9_07 + timedelta(minutes=15))
    assert [message.to for message in mailoutbox] == [["lecteur@example.org"]]
    assert "Télécharger" not in mailoutbox[0].body  # no file: the page's link only


def test_an_issue_unpublished_before_its_task_runs_is_not_sent(lettre, mailoutbox):
    factories.SubscriptionFactory(email="lecteur@example.org")
    issue = _issue(lettre)
    run_due_jobs(AT_9_07, [_job()])  # queued, not yet sent
    issue.status = PublicationStatus.DRAFT
    issue.save()

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert mailoutbox == []
    mailing = IssueMailing.objects.get()
    assert mailing.status == "failed" and "Dépublié" in mailing.message
    # Published again: it stays as it was decided, nothing goes out later by surprise.
    issue.status = PublicationStatus.PUBLISHED
    issue.save()
    _run(AT_9_07 + timedelta(minutes=15))
    assert mailoutbox == []


def test_two_runs_at_once_claim_an_issue_once(lettre, mailoutbox):
    """The row is the claim: a second pass finds the issue taken and queues nothing."""
    factories.SubscriptionFactory(email="lecteur@example.org")
    _issue(lettre)

    assert mailings.queue_new_issues().startswith("1 ")
    assert mailings.queue_new_issues().startswith("0 ")
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert len(mailoutbox) == 1
