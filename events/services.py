"""Writes of the events: registering, cancelling a registration, moving the waiting list
up, cancelling an event, and the reminders.

**One place, one person.** Every write that gives or frees a place first locks the
event's row (`SELECT … FOR UPDATE`): two people taking the last place at once are served
one after the other, so one gets it and the other waits. A full event is not a refusal:
the registration waits in line, in the order it came (`created_at`, then `id`), and the
first in line gets the next place freed — by a cancellation or a larger capacity — and
is told by e-mail.

**Refusals** (`RegistrationRefused`, a `ValidationError`) are French sentences for the
page, and write nothing: an event cancelled, over, closed, without registrations, of an
audience the person is not in, or an address already registered.

**E-mails** (`events.emails`) leave after the commit: a rolled-back write sends nothing.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format

from events import emails
from events.models import Event, Registration
from vita.models import PublicationStatus
from workgroups.audiences import audience_line, may_see

logger = logging.getLogger(__name__)

# The reminder leaves this long before the event starts (`send_reminders`).
REMINDER_BEFORE = timedelta(days=2)

Status = Registration.Status

CANCELLED = "Cet événement est annulé : il ne reçoit plus d'inscriptions."
OVER = "Cet événement a déjà eu lieu : les inscriptions sont closes."
NOT_TAKEN = "Cet événement ne prend pas d'inscriptions en ligne."
NOT_PUBLISHED = "Cet événement n'est pas publié."
ALREADY = (
    "Cette adresse e-mail est déjà inscrite à cet événement (ou sur sa liste d'attente). "
    "Le message reçu à l'inscription donne le lien pour la retrouver ou l'annuler."
)
ALREADY_CANCELLED = "Cette inscription est déjà annulée."
OVER_FOR_CANCELLING = "Cet événement a eu lieu : l'inscription ne peut plus être annulée."
EVENT_ALREADY_CANCELLED = "Cet événement est déjà annulé."


class RegistrationRefused(ValidationError):
    """Why nobody may register (or cancel) now, in French."""


def closed_message(event: Event) -> str:
    when = date_format(timezone.localtime(event.registration_closes_at), "j F Y à H\\hi")
    return f"Les inscriptions à cet événement sont closes depuis le {when}."


def audience_message(event: Event, user) -> str:
    line = audience_line(event.audience, event.working_group)
    if user is None or not user.is_authenticated:
        return f"{line} : connectez-vous avec votre compte pour vous inscrire."
    return f"{line} : votre compte ne permet pas de vous inscrire à cet événement."


def registration_refusal(event: Event, user=None, now=None) -> str:
    """Why `user` (None: someone not signed in) cannot register for `event` now (empty:
    they can). A full event is no refusal: the registration waits."""
    now = now or timezone.now()
    if event.status != PublicationStatus.PUBLISHED:
        return NOT_PUBLISHED
    if event.is_cancelled:
        return CANCELLED
    if not event.takes_registrations:
        return NOT_TAKEN
    if event.starts_at <= now:
        return OVER
    if event.registration_closes_at is not None and event.registration_closes_at <= now:
        return closed_message(event)
    if not may_see(_user(user), event.audience, event.working_group):
        return audience_message(event, user)
    return ""


def _user(user):
    return user if user is not None else AnonymousUser()


def confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=Status.CONFIRMED).count()


def places_left(event: Event) -> int | None:
    """Places still free (None: no limit)."""
    if event.capacity is None:
        return None
    return max(event.capacity - confirmed_count(event), 0)


def waiting_rank(registration: Registration) -> int | None:
    """Its rank on the waiting list, from 1 (None: it does not wait)."""
    if registration.status != Status.WAITING:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=Status.WAITING
    ).filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, id__lt=registration.id)
    )
    return ahead.count() + 1


def _locked(event: Event) -> Event:
    return (
        Event.objects.select_for_update(of=("self",))
        .select_related("working_group")
        .get(pk=event.pk)
    )


def register(
    event: Event,
    *,
    name: str = "",
    email: str = "",
    organisation_name: str = "",
    note: str = "",
    user=None,
) -> Registration:
    """Register someone: a place while places remain (and nobody waits), else a rank on
    the waiting list. A signed-in member's registration keeps their account, person and
    structure; what the form leaves empty is taken from them. E-mails the confirmation
    (with the iCal file) or the waiting-list notice (with the rank) after the commit."""
    account = user if user is not None and user.is_authenticated else None
    person = getattr(account, "person", None) if account is not None else None
    organisation = person.organisation if person is not None else None
    name = (
        " ".join(name.split())
        or (person.full_name if person else "")
        or (account.get_full_name() if account else "")
    )
    email = email.strip() or (account.email if account else "") or (person.email if person else "")
    organisation_name = " ".join(organisation_name.split()) or (
        organisation.name if organisation else ""
    )
    if not name or not email:
        raise RegistrationRefused("Donnez votre nom et votre adresse e-mail pour vous inscrire.")
    with transaction.atomic():
        event = _locked(event)
        refusal = registration_refusal(event, account)
        if refusal:
            raise RegistrationRefused(refusal)
        active = event.registrations.filter(status__in=Registration.ACTIVE)
        if active.filter(email__iexact=email).exists():
            raise RegistrationRefused(ALREADY)
        now = timezone.now()
        has_place = event.capacity is None or (
            active.filter(status=Status.CONFIRMED).count() < event.capacity
            and not active.filter(status=Status.WAITING).exists()
        )
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event,
                    status=Status.CONFIRMED if has_place else Status.WAITING,
                    confirmed_at=now if has_place else None,
                    name=name[:200],
                    email=email,
                    organisation_name=organisation_name[:255],
                    organisation=organisation,
                    person=person,
                    user=account,
                    note=note.strip(),
                    token=secrets.token_urlsafe(32),
                )
        except IntegrityError:  # the unique address, whatever wrote it first
            raise RegistrationRefused(ALREADY) from None
        if has_place:
            transaction.on_commit(lambda: emails.send_confirmation(registration))
        else:
            rank = waiting_rank(registration)
            transaction.on_commit(lambda: emails.send_waiting(registration, rank))
    return registration


def cancel_registration(registration: Registration) -> list[Registration]:
    """Cancel a registration (its person, from its private page or « Mon espace »; an
    animator, in the admin). A freed place goes to the first in line, who is told.
    Returns the registrations that got a place."""
    with transaction.atomic():
        event = _locked(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            raise RegistrationRefused(ALREADY_CANCELLED)
        if not event.is_cancelled and event.starts_at <= timezone.now():
            raise RegistrationRefused(OVER_FOR_CANCELLING)
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        return _move_up(event)


def move_waiting_list_up(event: Event) -> list[Registration]:
    """Give the free places to the people waiting, in order (after a capacity raised in
    the admin, for instance); each is told. Returns those who got a place."""
    with transaction.atomic():
        return _move_up(_locked(event))


def delete_registrations(registrations) -> list[Registration]:
    """Delete registrations (an animator, in the admin: a person's data erased on request,
    a list cleaned): the places they held go to the first in line, who are told. Returns
    the registrations that got a place."""
    with transaction.atomic():
        ids = list(registrations.values_list("pk", flat=True))
        event_ids = (
            Registration.objects.filter(pk__in=ids).values_list("event_id", flat=True).distinct()
        )
        # Locked in one order, as every write that gives a place locks its event first.
        events = list(
            Event.objects.select_for_update(of=("self",))
            .filter(pk__in=list(event_ids))
            .order_by("pk")
        )
        Registration.objects.filter(pk__in=ids).delete()
        return [registration for event in events for registration in _move_up(event)]


def forget_account(user) -> int:
    """An account is deleted: the registrations of the account and of its address go with
    it (the name, address and needs they hold); a place one held goes to the first in
    line, who is told. Returns how many were deleted."""
    mine = Q(user=user)
    if user.email:
        mine |= Q(email__iexact=user.email)
    registrations = Registration.objects.filter(mine)
    count = registrations.count()
    if count:
        delete_registrations(registrations)
    return count


def _move_up(event: Event) -> list[Registration]:
    """The event's row is locked by the caller."""
    if event.is_cancelled or event.starts_at <= timezone.now():
        return []
    waiting = event.registrations.filter(status=Status.WAITING).order_by("created_at", "id")
    if event.capacity is None:
        promoted = list(waiting.select_for_update())
    else:
        free = event.capacity - event.registrations.filter(status=Status.CONFIRMED).count()
        promoted = list(waiting.select_for_update()[: max(free, 0)])
    now = timezone.now()
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        transaction.on_commit(
            lambda registration=registration: emails.send_place_freed(registration)
        )
    return promoted


def cancel_event(event: Event, *, note: str = "") -> int:
    """Cancel an event (animators): it stays on the site, marked cancelled, and takes no
    more registrations; everyone registered or waiting is told, with the reason. The
    registrations keep their state, so that an event cancelled by mistake is restored
    by emptying « annulé le ». Returns the number of people told."""
    with transaction.atomic():
        event = _locked(event)
        if event.is_cancelled:
            raise RegistrationRefused(EVENT_ALREADY_CANCELLED)
        event.cancelled_at = timezone.now()
        event.cancellation_note = note.strip() or event.cancellation_note
        event.save(update_fields=["cancelled_at", "cancellation_note", "updated_at"])
        told = list(event.registrations.filter(status__in=Registration.ACTIVE))
        for registration in told:
            transaction.on_commit(
                lambda registration=registration: emails.send_event_cancelled(registration)
            )
    return len(told)


def send_reminders(now=None) -> int:
    """E-mail each confirmed person a reminder, once, `REMINDER_BEFORE` the event: not
    to whoever got their place within that time (their confirmation just told them).

    Once and only once, however many schedulers run: the due registrations are locked
    and skipped by any other run (`FOR UPDATE SKIP LOCKED`), marked sent in the same
    transaction, and a registration already marked is never due again. The e-mails
    leave after the commit; one that fails is unmarked, to be tried at the next run."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Registration.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("event")
            .filter(
                status=Status.CONFIRMED,
                reminder_sent_at__isnull=True,
                event__status=PublicationStatus.PUBLISHED,
                event__cancelled_at__isnull=True,
                event__starts_at__gt=now,
                event__starts_at__lte=now + REMINDER_BEFORE,
                confirmed_at__lt=F("event__starts_at") - REMINDER_BEFORE,
            )
            .order_by("id")
        )
        Registration.objects.filter(pk__in=[r.pk for r in due]).update(reminder_sent_at=now)
        for registration in due:
            transaction.on_commit(lambda registration=registration: _remind(registration))
    return len(due)


def _remind(registration: Registration) -> None:
    if not emails.send_reminder(registration):
        Registration.objects.filter(pk=registration.pk).update(reminder_sent_at=None)
