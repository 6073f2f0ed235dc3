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

from workgroups.models import GroupMembership, MemberRole, MembershipStatus

LIVE = (MembershipStatus.REQUESTED, MembershipStatus.ACTIVE)


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
        raise ValidationError(
            "Vous êtes déjà membre de ce groupe ou votre demande est en cours d'examen."
        )
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


def _decide(membership: GroupMembership, status: str, by) -> None:
    membership.status = status
    membership.decided_by = by if by is not None and by.is_authenticated else None
    membership.decided_at = timezone.now()
    membership.save()
