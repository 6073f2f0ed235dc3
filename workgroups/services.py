"""Writes of working groups: who joins a group's workspace.

A membership is asked for (`request_membership`: by a person from the group's page, or by
answering a call for interest), then approved or refused by an animator; an animator can
also add a member at once (`add_member`). A person asks once: a second request while the
first is open, or once they are a member, changes nothing and says so.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from workgroups.models import (
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
    return GroupMembership.objects.create(
        working_group=group, organisation=organisation, person=person, role=role,
        message=message,
    )  # fmt: skip


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


@transaction.atomic
def approve_membership(membership: GroupMembership, by) -> GroupMembership:
    if membership.status != MembershipStatus.REQUESTED:
        raise ValidationError("Seule une demande en attente peut être acceptée.")
    _decide(membership, MembershipStatus.ACTIVE, by)
    return membership


@transaction.atomic
def refuse_membership(membership: GroupMembership, by) -> GroupMembership:
    if membership.status != MembershipStatus.REQUESTED:
        raise ValidationError("Seule une demande en attente peut être refusée.")
    _decide(membership, MembershipStatus.REFUSED, by)
    return membership


@transaction.atomic
def end_membership(membership: GroupMembership, by) -> GroupMembership:
    if membership.status != MembershipStatus.ACTIVE:
        raise ValidationError("Seule une adhésion active peut prendre fin.")
    _decide(membership, MembershipStatus.ENDED, by)
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
