"""Each new issue of a mailed collection — the Lettre VITA — sent once to the subscribers
of its topic (`vita.subscriptions`: double opt-in, one-click unsubscribe).

**When.** Publishing an issue is the animators' decision to make it public (a draft, a
review, then « publié »): the subscribers get it then, without a second step to forget
or to take by mistake. A scheduled job (`resources/scheduled_jobs.py`, every 15 minutes)
finds the published issues that have no mailing yet; the delay lets an animator who
published by mistake unpublish it first.

**Once.** The job claims each issue by inserting its `IssueMailing` row, unique per topic
and issue, and queues a task for the worker (`send_issue`), so that hundreds of e-mails
never hold the scheduler. The task turns the row from « En attente » to « Envoi en cours »
by a conditional UPDATE: a task run twice, or two workers, send nothing the second time.
At most once: a worker stopped in the middle leaves « Envoi en cours » and nothing is sent
again (a half-sent issue sent again would reach some readers twice); the admin shows it.

**History.** The issues the import of the source documents brought (n°1 to 6, 2006-2007)
are the Lettre's past, not news: the job gives them a row « Non envoyé » and never mails
them. It knows them by their history (created by the import, `IMPORT_REASON`).
"""

from __future__ import annotations

import logging
import traceback

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from resources.models import AccessLevel, Availability, IssueMailing, Resource
from vita.history import CREATED, IMPORT_REASON
from vita.models import PublicationStatus
from vita.notifications import site_url
from vita.subscriptions.services import send_to_subscribers
from vita.subscriptions.topics import LETTRE_VITA, Topic, get_topic

logger = logging.getLogger(__name__)

# The collections whose new resources are mailed, by slug: the topic each goes to.
MAILED_COLLECTIONS = {"lettre-vita": LETTRE_VITA.code}
MAX_MESSAGE_CHARS = 5000


def topic_of(collection) -> Topic | None:
    """The subscription topic a collection's new resources are mailed to, if any."""
    code = MAILED_COLLECTIONS.get(collection.slug) if collection is not None else None
    return get_topic(code) if code else None


def issues_to_mail() -> QuerySet[Resource]:
    """Published resources of the mailed collections that have no mailing yet."""
    condition = Q()
    for slug, topic in MAILED_COLLECTIONS.items():
        condition |= Q(collection__slug=slug) & ~Exists(
            IssueMailing.objects.filter(resource=OuterRef("pk"), topic=topic)
        )
    return (
        Resource.objects.filter(condition, status=PublicationStatus.PUBLISHED)
        .exclude(access_level=AccessLevel.GROUP)
        .select_related("collection")
        .order_by("position", "pk")
    )


def _from_the_source_documents(resource: Resource) -> bool:
    return resource.history.filter(
        history_type=CREATED, history_change_reason=IMPORT_REASON
    ).exists()


def queue_new_issues() -> str:
    """Claims each issue to mail and queues its sending (after the commit); the issues of
    the source documents are recorded as not sent. Run by the scheduled job."""
    queued = history = 0
    for issue in issues_to_mail():
        topic = MAILED_COLLECTIONS[issue.collection.slug]
        imported = _from_the_source_documents(issue)
        status = IssueMailing.Status.NOT_SENT if imported else IssueMailing.Status.QUEUED
        try:
            with transaction.atomic():  # another run claimed it first: its row stands
                mailing = IssueMailing.objects.create(resource=issue, topic=topic, status=status)
        except IntegrityError:
            continue
        if imported:
            history += 1
        else:
            queued += 1
            transaction.on_commit(lambda pk=mailing.pk: send_issue.enqueue(pk))
    return (
        f"{queued} numéro(s) à envoyer ; {history} numéro(s) des documents sources non envoyé(s)."
    )


def issue_message(issue: Resource) -> tuple[str, str]:
    """The mailing's subject and text: the issue, what it holds, its page and its file."""
    has_file = bool(issue.file) and issue.availability == Availability.AVAILABLE
    context = {
        "issue": issue,
        "page_url": site_url(issue.get_absolute_url()),
        "file_url": site_url(reverse("resources:download", args=[issue.slug])) if has_file else "",
        "reserved": issue.access_level != AccessLevel.PUBLIC,
    }
    subject = f"[VITA] {issue.title}"
    if issue.version_label and issue.version_label not in issue.title:
        subject += f" — {issue.version_label}"
    return subject, render_to_string("resources/issue_email.txt", context)


@task()
def send_issue(mailing_id: int) -> None:
    """Sends a claimed issue to its topic's subscribers, once (see the module)."""
    started = IssueMailing.objects.filter(pk=mailing_id, status=IssueMailing.Status.QUEUED).update(
        status=IssueMailing.Status.SENDING
    )
    if not started:
        return  # sent, or being sent, by another run
    mailing = IssueMailing.objects.select_related("resource").get(pk=mailing_id)
    issue = mailing.resource
    if issue.status != PublicationStatus.PUBLISHED:
        _finish(
            mailing,
            IssueMailing.Status.FAILED,
            message="Dépublié avant l'envoi : rien n'est parti.",
        )
        return
    try:
        subject, body = issue_message(issue)
        sent = send_to_subscribers(mailing.topic, subject, body)
    except Exception:  # logged and kept on the row; never sent again (at most once)
        logger.exception("The mailing of %s failed", issue.slug)
        _finish(mailing, IssueMailing.Status.FAILED, message=traceback.format_exc())
        return
    _finish(mailing, IssueMailing.Status.SENT, recipients=sent)


def _finish(mailing: IssueMailing, status, recipients: int = 0, message: str = "") -> None:
    IssueMailing.objects.filter(pk=mailing.pk).update(
        status=status,
        sent_at=timezone.now() if status == IssueMailing.Status.SENT else None,
        recipients=recipients,
        message=message[-MAX_MESSAGE_CHARS:],
    )
