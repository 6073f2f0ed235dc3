"""Writes of support requests: a structure asks (`ask_for_support`), the animators assign
an expert, move the status, write notes and messages and count the days given; the
structure answers on its page (`write_message`). Every move is recorded (`StatusChange`,
and the request's history), and the structure is told by e-mail after the commit.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import IntegerField, Max
from django.db.models.functions import Cast, Substr
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from organisations.models import Organisation, Person
from resources.models import Theme
from support.models import (
    ExpertiseDays,
    NoteKind,
    StatusChange,
    SupportNote,
    SupportRequest,
    SupportStatus,
)
from territories.models import Departement, Region
from vita.notifications import animator_addresses, notify_animators, send_email, site_url

# One lock for the references of every year: two requests sent at once get two numbers.
_REFERENCE_LOCK = 0x41505055  # « APPU »
REFUSAL_NEEDS_A_MESSAGE = "Dites à la structure pourquoi sa demande est refusée (message)."
SAME_STATUS = "La demande est déjà dans l'état « {} »."
EMPTY_MESSAGE = "Écrivez votre message avant de l'envoyer."
WRONG_DEPARTEMENT = "Le département {} n'est pas dans la région {}."


@dataclass
class Asked:
    """What a structure sends (the form's cleaned data)."""

    organisation_name: str
    contact_name: str
    contact_email: str
    region: Region
    project: str
    need: str
    contact_phone: str = ""
    departement: Departement | None = None
    themes: list[Theme] = field(default_factory=list)


def next_reference(year: int) -> str:
    """« APPUI-2026-0007 »: the year's next number. Call inside a transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_REFERENCE_LOCK])
    prefix = f"APPUI-{year}-"
    last = SupportRequest.objects.filter(reference__startswith=prefix).aggregate(
        last=Max(Cast(Substr("reference", len(prefix) + 1), IntegerField()))
    )["last"]
    return f"{prefix}{(last or 0) + 1:04d}"


@transaction.atomic
def ask_for_support(asked: Asked, user=None) -> SupportRequest:
    """Store a structure's request, « reçue », and tell the structure (its reference and
    the private link of its page) and the animators, after the commit. The structure is
    the organisation the one matcher finds for the typed name, if any; a signed-in
    member's request is theirs (account and person)."""
    if asked.departement is not None and asked.departement.region_id != asked.region.pk:
        raise ValidationError(WRONG_DEPARTEMENT.format(asked.departement, asked.region))
    signed_in = user if user is not None and user.is_authenticated else None
    name = asked.organisation_name.strip()
    support_request = SupportRequest.objects.create(
        reference=next_reference(timezone.localdate().year),
        organisation_name=name,
        organisation=Organisation.objects.match(name),
        user=signed_in,
        person=Person.objects.filter(account=signed_in).first() if signed_in else None,
        contact_name=asked.contact_name.strip(),
        contact_email=asked.contact_email.strip(),
        contact_phone=asked.contact_phone.strip(),
        region=asked.region,
        departement=asked.departement,
        project=asked.project.strip(),
        need=asked.need.strip(),
        token=secrets.token_urlsafe(32),
    )
    support_request.themes.set(asked.themes)
    StatusChange.objects.create(
        request=support_request, to_status=SupportStatus.RECEIVED, changed_by=signed_in
    )
    transaction.on_commit(lambda: _confirm(support_request))
    transaction.on_commit(lambda: _tell_animators_of_new(support_request))
    return support_request


@transaction.atomic
def change_status(support_request: SupportRequest, status: str, by, message: str = ""):
    """Move the request to `status`, recorded (who, when); `message`, if any, is written
    on the request for the structure. The structure is e-mailed the new status. A refusal
    says why (a message)."""
    locked = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
    status = SupportStatus(status)
    if locked.status == status:
        raise ValidationError(SAME_STATUS.format(status.label))
    if status == SupportStatus.REFUSED and not message.strip():
        raise ValidationError(REFUSAL_NEEDS_A_MESSAGE)
    change = StatusChange.objects.create(
        request=locked, from_status=locked.status, to_status=status, changed_by=by
    )
    locked.status = status
    locked._change_reason = f"État : {change}"
    locked.save(update_fields=["status", "updated_at"])
    support_request.status = status
    note = _note(locked, NoteKind.MESSAGE, message, by) if message.strip() else None
    transaction.on_commit(lambda: _tell_requester_status(locked, note))
    return change


@transaction.atomic
def assign_expert(support_request: SupportRequest, expert: Person | None, by) -> None:
    """Name (or take back) the expert who accompanies the structure; the structure is
    told who it is."""
    locked = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
    if locked.expert_id == (expert.pk if expert else None):
        return
    locked.expert = expert
    locked._change_reason = f"Expert·e : {expert or 'aucun·e'}"
    locked.save(update_fields=["expert", "updated_at"])
    support_request.expert = expert
    if expert is not None:
        transaction.on_commit(lambda: _tell_requester_expert(locked))


def _note(support_request, kind, text, by, *, from_requester=False) -> SupportNote:
    return SupportNote.objects.create(
        request=support_request,
        kind=kind,
        text=text.strip(),
        written_by=by if by is not None and by.is_authenticated else None,
        from_requester=from_requester,
    )


@transaction.atomic
def write_message(support_request: SupportRequest, text: str, by=None, *, from_requester=False):
    """A message on the request's page. From an animator, the structure is e-mailed it;
    from the structure, the animators are."""
    if not text.strip():
        raise ValidationError(EMPTY_MESSAGE)
    note = _note(support_request, NoteKind.MESSAGE, text, by, from_requester=from_requester)
    if from_requester:
        transaction.on_commit(lambda: _tell_animators_of_message(support_request, note))
    else:
        transaction.on_commit(lambda: _tell_requester_message(support_request, note))
    return note


def add_internal_note(support_request: SupportRequest, text: str, by) -> SupportNote:
    """A note for the animators only: the structure never sees it."""
    if not text.strip():
        raise ValidationError(EMPTY_MESSAGE)
    return _note(support_request, NoteKind.INTERNAL, text, by)


def record_days(
    support_request: SupportRequest, day: date, days: Decimal, expert: Person | None = None,
    note: str = "",
) -> ExpertiseDays:  # fmt: skip
    """A dated entry of days of expertise given (the request's expert by default)."""
    if days is None or days <= 0:
        raise ValidationError("Le nombre de jours doit être positif.")
    return ExpertiseDays.objects.create(
        request=support_request, day=day, days=days,
        expert=expert or support_request.expert, note=note.strip(),
    )  # fmt: skip


def forget_account(user) -> int:
    """An account is deleted: its requests are kept for the network's record (structure,
    territory, themes, project, need, status, expert, days given), without who asked:
    the contact's name, address and phone are cleared, the account and person unlinked,
    the structure's own messages deleted, and their history with them. Returns how many."""
    requests = SupportRequest.objects.filter(user=user)
    ids = list(requests.values_list("pk", flat=True))
    if not ids:
        return 0
    messages = SupportNote.objects.filter(request_id__in=ids, from_requester=True)
    message_ids = list(messages.values_list("pk", flat=True))
    messages.delete()
    SupportNote.history.filter(id__in=message_ids).delete()
    anonymous = {"user": None, "person": None, "contact_name": "Compte supprimé",
                 "contact_email": "", "contact_phone": ""}  # fmt: skip
    rows = list(SupportRequest.objects.filter(pk__in=ids))
    for row in rows:
        for name, value in anonymous.items():
            setattr(row, name, value)
        row.token = secrets.token_urlsafe(32)  # the old private link no longer opens it
    SupportRequest.objects.bulk_update(rows, [*anonymous, "token"])
    SupportRequest.history.filter(id__in=ids).update(**anonymous)
    StatusChange.objects.filter(request_id__in=ids, changed_by=user).update(changed_by=None)
    return len(ids)


# -- e-mails ---------------------------------------------------------------------------


def _send_to_requester(support_request: SupportRequest, subject: str, template: str, **context):
    if not support_request.contact_email:
        return
    body = render_to_string(
        template,
        {
            "request": support_request,
            "private_url": site_url(support_request.get_private_url()),
            "my_space_url": site_url(reverse("my_space")),
            **context,
        },
    )
    send_email(
        support_request.contact_email,
        f"{subject} ({support_request.reference})",
        body,
        reply_to=animator_addresses(),
    )


def _confirm(support_request):
    _send_to_requester(
        support_request, "Votre demande d'appui est reçue", "support/email/received.txt"
    )


def _tell_requester_status(support_request, note):
    _send_to_requester(
        support_request,
        f"Votre demande d'appui : {support_request.get_status_display().lower()}",
        "support/email/status.txt",
        note=note,
    )


def _tell_requester_expert(support_request):
    _send_to_requester(
        support_request, "Un expert du réseau vous accompagne", "support/email/expert.txt"
    )


def _tell_requester_message(support_request, note):
    _send_to_requester(
        support_request, "Un message sur votre demande d'appui", "support/email/message.txt",
        note=note,
    )  # fmt: skip


def _admin_url(support_request) -> str:
    return site_url(reverse("admin:support_supportrequest_change", args=[support_request.pk]))


def _tell_animators_of_new(support_request):
    themes = ", ".join(theme.name for theme in support_request.themes.all()) or "—"
    territory = support_request.region.name + (
        f", {support_request.departement}" if support_request.departement else ""
    )
    notify_animators(
        f"Demande d'appui {support_request.reference} : {support_request.organisation_name}",
        f"{support_request.contact_name} ({support_request.organisation_name}, {territory}) "
        f"demande un appui.\nThèmes : {themes}\n\nLe projet :\n{support_request.project}\n\n"
        f"Le besoin :\n{support_request.need}\n\nÀ étudier : {_admin_url(support_request)}",
        reply_to=support_request.contact_email,
    )


def _tell_animators_of_message(support_request, note):
    notify_animators(
        f"Message de {support_request.organisation_name} ({support_request.reference})",
        f"{note.text}\n\nLa demande : {_admin_url(support_request)}",
        reply_to=support_request.contact_email,
    )
