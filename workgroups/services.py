"""Writes of working groups: who joins a group's workspace.

A membership is asked for (`request_membership`: by a person from the group's page, or by
answering a call for interest), then approved or refused by an animator; an animator can
also add a member at once (`add_member`). A person asks once: a second request while the
first is open, or once they are a member, changes nothing and says so.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from organisations.models import Person
from organisations.services import find_or_create_organisation, find_or_create_person, open_account
from vita.notifications import animator_addresses, notify_animators, send_email
from workgroups.models import (
    AnswerStatus,
    CallAnswer,
    CallForInterest,
    GroupMembership,
    MemberRole,
    MembershipStatus,
    WorkingGroup,
    WorkingGroupStatus,
)

LIVE = (MembershipStatus.REQUESTED, MembershipStatus.ACTIVE)
ALREADY_ASKED = "Vous êtes déjà membre de ce groupe ou votre demande est en cours d'examen."


def live_membership(group, organisation, person) -> GroupMembership | None:
    """The open request or the active membership of a person (or of a structure
    without a named person) in a group."""
    memberships = GroupMembership.objects.filter(working_group=group, status__in=LIVE)
    if person is not None:
        return memberships.filter(person=person).first()
    return memberships.filter(organisation=organisation, person__isnull=True).first()


@transaction.atomic
def request_membership(
    group, organisation, person=None, *, role=MemberRole.PARTICIPANT, message=""
) -> GroupMembership:
    """Ask for a membership, to be decided by an animator."""
    if live_membership(group, organisation, person) is not None:
        raise ValidationError(ALREADY_ASKED)
    try:
        with transaction.atomic():  # two sendings at once (a double click): one is kept
            return GroupMembership.objects.create(
                working_group=group, organisation=organisation, person=person, role=role,
                message=message,
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError(ALREADY_ASKED) from None


@transaction.atomic
def add_member(group, organisation, person=None, *, role=MemberRole.PARTICIPANT, by=None):
    """Make a structure (and its person) an active member at once, or approve their open
    request; an active membership stays as it is."""
    membership = live_membership(group, organisation, person)
    if membership is None:
        membership = GroupMembership(
            working_group=group, organisation=organisation, person=person, role=role
        )
    elif membership.status == MembershipStatus.ACTIVE:
        return membership
    _decide(membership, MembershipStatus.ACTIVE, by)
    return membership


def approve_membership(membership: GroupMembership, by) -> GroupMembership:
    return _move(membership, MembershipStatus.REQUESTED, MembershipStatus.ACTIVE, by)


def refuse_membership(membership: GroupMembership, by) -> GroupMembership:
    return _move(membership, MembershipStatus.REQUESTED, MembershipStatus.REFUSED, by)


def end_membership(membership: GroupMembership, by) -> GroupMembership:
    return _move(membership, MembershipStatus.ACTIVE, MembershipStatus.ENDED, by)


REFUSED_MOVES = {
    MembershipStatus.REQUESTED: "Seule une demande en attente peut être acceptée ou refusée.",
    MembershipStatus.ACTIVE: "Seule une adhésion active peut prendre fin.",
}


@transaction.atomic
def _move(membership: GroupMembership, current: str, status: str, by) -> GroupMembership:
    if membership.status != current:
        raise ValidationError(REFUSED_MOVES[current])
    _decide(membership, status, by)
    return membership


# -- the cycle: closing a group asks for its productions ---------------------------------

CLOSING_WITHOUT_PRODUCTIONS = (
    "Pour clore le groupe {code}, liez-lui ses productions (les documents de la "
    "bibliothèque qu'il a produits) ou cochez « clos sans production » pour confirmer "
    "qu'il n'en a aucune."
)


def closing_refusal(group: WorkingGroup, production_count: int) -> str | None:
    """Why `group`, as it would be saved, may not be closed (None: it may). A group is
    closed with its productions linked, or with the confirmation that it has none."""
    if group.status != WorkingGroupStatus.CLOSED:
        return None
    if production_count or group.closed_without_productions:
        return None
    return CLOSING_WITHOUT_PRODUCTIONS.format(code=group.code)


@transaction.atomic
def close_group(group: WorkingGroup, *, without_productions: bool = False) -> WorkingGroup:
    """Close a group: its productions must be linked first, or their absence confirmed."""
    was = group.status, group.closed_without_productions
    group.status = WorkingGroupStatus.CLOSED
    group.closed_without_productions = group.closed_without_productions or without_productions
    refusal = closing_refusal(group, group.resources.count())
    if refusal:
        group.status, group.closed_without_productions = was
        raise ValidationError(refusal)
    group.save(update_fields=["status", "closed_without_productions", "updated_at"])
    return group


def _decide(membership: GroupMembership, status: str, by) -> None:
    membership.status = status
    membership.decided_by = by if by is not None and by.is_authenticated else None
    membership.decided_at = timezone.now()
    membership.save()
    organisation = membership.organisation
    if status == MembershipStatus.ACTIVE and organisation.proposed:
        # An animator took the structure into a group: it is accepted, and shown (the
        # group's public page links to it).
        organisation.proposed = False
        organisation.save(update_fields=["proposed", "updated_at"])


# -- Calls for interest ----------------------------------------------------------------------
#
# A structure answers an open call (`answer_call`); an animator accepts the answer, which
# makes the structure and its person members of the call's group (and opens the person's
# account where the answer asked for one), or refuses it, with a reason the structure can
# be sent. Each decision is all or nothing.

ALREADY_ANSWERED = (
    "Une réponse à cet appel a déjà été envoyée avec cette adresse e-mail : les animateurs "
    "l'examinent. Pour la compléter, écrivez-leur depuis la page « Contact »."
)


def closed_message(call: CallForInterest) -> str:
    day = date_format(call.closed_on, "j F Y")
    return f"Cet appel est clos depuis le {day} : il ne reçoit plus de réponses."


@transaction.atomic
def answer_call(call: CallForInterest, contact: dict, answers: dict, *, user=None) -> CallAnswer:
    """Store a structure's answer to an open call and tell the animators. `contact`: the
    form's fields (organisation_name, first_name, last_name, role, email, phone,
    wants_account); `answers`: each question's text → the answer given."""
    if not call.is_open():
        raise ValidationError(closed_message(call))
    email = contact["email"].strip()
    if call.answers.filter(email__iexact=email).exists():
        raise ValidationError(ALREADY_ANSWERED)
    try:
        with transaction.atomic():  # two sendings at once: the database keeps one
            answer = CallAnswer.objects.create(
                call=call,
                organisation_name=contact["organisation_name"].strip(),
                first_name=contact["first_name"].strip(),
                last_name=contact["last_name"].strip(),
                role=contact["role"].strip(),
                email=email,
                phone=contact.get("phone", "").strip(),
                wants_account=bool(contact.get("wants_account")),
                answers=answers,
                submitted_by=user if user is not None and user.is_authenticated else None,
            )
    except IntegrityError:
        raise ValidationError(ALREADY_ANSWERED) from None
    transaction.on_commit(lambda: _tell_animators_of(answer))
    return answer


def _tell_animators_of(answer: CallAnswer) -> None:
    lines = [
        f"{answer.full_name} ({answer.role}, {answer.organisation_name}) répond à l'appel "
        f"« {answer.call.title} » (groupe {answer.call.working_group.code}).",
        f"Adresse e-mail : {answer.email}"
        + (f" — téléphone : {answer.phone}" if answer.phone else ""),
        "Souhaite un compte sur le site : " + ("oui" if answer.wants_account else "non"),
        "",
    ]
    for question, text in answer.answers.items():
        lines += [question, text or "(pas de réponse)", ""]
    lines.append(
        "À examiner dans l'administration : "
        + reverse("admin:workgroups_callanswer_change", args=[answer.pk])
    )
    notify_animators(
        f"Réponse à l'appel « {answer.call.title} » : {answer.organisation_name}",
        "\n".join(lines),
        reply_to=answer.email,
    )


@transaction.atomic
def accept_answers(answers, request) -> list[CallAnswer]:
    """Accept answers, all or none: for each, the structure found or created, the person
    found or created (the answer's own account's person when it was sent signed in), the
    person made an active participant of the call's group and, where the answer asked
    for one, their member's account opened and the invitation e-mailed. The answer keeps
    what it led to. `request`: the animator's (the invitation names them)."""
    accepted = []
    for answer in answers:
        try:
            accepted.append(_accept(answer, request))
        except ValidationError as error:
            raise ValidationError(
                f"{answer.organisation_name} ({answer.full_name}) : {' '.join(error.messages)}"
            ) from error
    return accepted


def _accept(answer: CallAnswer, request) -> CallAnswer:
    answer = (
        CallAnswer.objects.select_for_update()
        .select_related("call__working_group")
        .get(pk=answer.pk)
    )
    if answer.status != AnswerStatus.PENDING:
        raise ValidationError("seule une réponse en attente peut être acceptée.")
    organisation = find_or_create_organisation(answer.organisation_name)
    person = None
    if answer.submitted_by_id is not None:
        person = Person.objects.filter(account_id=answer.submitted_by_id).first()
    if person is None:
        person = find_or_create_person(
            answer.first_name, answer.last_name, organisation, email=answer.email, role=answer.role
        )
    if answer.phone and not person.phone:  # what a person or an editor wrote stays
        person.phone = answer.phone
        person.save(update_fields=["phone", "updated_at"])
    membership = add_member(
        answer.call.working_group, organisation, person, role=MemberRole.PARTICIPANT,
        by=request.user,
    )  # fmt: skip
    if answer.wants_account and person.account_id is None:
        open_account(person, request, email=answer.email)
    answer.status = AnswerStatus.ACCEPTED
    answer.decided_by = request.user
    answer.decided_at = timezone.now()
    answer.organisation, answer.person, answer.membership = organisation, person, membership
    answer.account_id = person.account_id or answer.submitted_by_id
    answer.save()
    return answer


@transaction.atomic
def refuse_answers(answers, by, *, reason: str = "", send_reason: bool = False) -> int:
    """Refuse pending answers, all or none, keeping the reason; with `send_reason`, each
    structure is e-mailed it once the refusal is saved."""
    reason = reason.strip()
    if send_reason and not reason:
        raise ValidationError("Écrivez le motif à envoyer, ou n'envoyez pas de courriel.")
    answers = list(CallAnswer.objects.select_for_update().filter(pk__in=[a.pk for a in answers]))
    for answer in answers:
        if answer.status != AnswerStatus.PENDING:
            raise ValidationError(
                f"{answer.organisation_name} ({answer.full_name}) : seule une réponse en "
                "attente peut être refusée."
            )
    now = timezone.now()
    for answer in answers:
        answer.status = AnswerStatus.REFUSED
        answer.decided_by = by
        answer.decided_at = now
        answer.refusal_reason = reason
        answer.save()
        if send_reason:
            transaction.on_commit(lambda answer=answer: _send_refusal(answer))
    return len(answers)


def _send_refusal(answer: CallAnswer) -> None:
    body = (
        f"Bonjour {answer.full_name},\n\n"
        f"Merci pour la réponse de {answer.organisation_name} à l'appel à manifestation "
        f"d'intérêt « {answer.call.title} ». Les animateurs du réseau ne l'ont pas retenue :\n\n"
        f"{answer.refusal_reason}\n\n"
        "Vous pouvez leur écrire en répondant à ce message.\n\n"
        "Le centre de ressources VITA"
    )
    subject = f"Votre réponse à l'appel « {answer.call.title} »"
    if not send_email(answer.email, subject, body, reply_to=animator_addresses()):
        return
    CallAnswer.objects.filter(pk=answer.pk).update(refusal_sent_at=timezone.now())


@transaction.atomic
def close_calls(calls) -> int:
    """Close open calls now, before their deadline (each change in their history)."""
    closed = 0
    for call in calls:
        if call.is_open():
            call.closed_at = timezone.now()
            call.save(update_fields=["closed_at", "updated_at"])
            closed += 1
    return closed
