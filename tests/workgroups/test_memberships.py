"""Who joins a group's workspace (`workgroups.services`), and the four audiences
(`workgroups.audiences`) that every page asks."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from tests import factories
from vita.roles import ANIMATEUR, MEMBRE
from workgroups import services
from workgroups.audiences import Audience, audiences_of, may_see
from workgroups.models import GroupMembership, MembershipStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return factories.WorkingGroupFactory(code="T1")


def _member_of(group, username="membre"):
    user = factories.UserFactory(username=username, groups=[MEMBRE])
    factories.GroupMembershipFactory(working_group=group, person__account=user)
    return user


def test_each_audience_sees_what_is_its_own_and_what_is_above_it(group):
    other_group = factories.WorkingGroupFactory(code="T2")
    public = AnonymousUser()
    network = factories.UserFactory(username="reseau", groups=[MEMBRE])
    member = _member_of(group)
    animator = factories.UserFactory(username="animatrice", groups=[ANIMATEUR])
    everyone = set(Audience.values)

    assert audiences_of(public, group) == {Audience.PUBLIC}
    assert audiences_of(network, group) == {Audience.PUBLIC, Audience.NETWORK}
    assert audiences_of(member, group) == {Audience.PUBLIC, Audience.NETWORK, Audience.GROUP}
    assert not may_see(member, Audience.GROUP, other_group)
    assert audiences_of(animator, group) == everyone
    assert audiences_of(factories.UserFactory(username="root", is_superuser=True)) == everyone


def test_an_ended_membership_or_a_closed_account_sees_no_more_than_the_public(group):
    member = _member_of(group)
    GroupMembership.objects.update(status=MembershipStatus.ENDED)
    member = type(member).objects.get(pk=member.pk)  # a new request's user
    assert not may_see(member, Audience.GROUP, group)
    member.is_active = False
    assert audiences_of(member, group) == {Audience.PUBLIC}


def test_a_membership_is_asked_once(group):
    person = factories.PersonFactory()
    asked = services.request_membership(group, person.organisation, person, message="Bonjour")
    assert asked.status == MembershipStatus.REQUESTED

    with pytest.raises(ValidationError, match="déjà membre de ce groupe"):
        services.request_membership(group, person.organisation, person)
    with pytest.raises(IntegrityError):  # and the database says so too
        GroupMembership.objects.create(
            working_group=group, organisation=person.organisation, person=person
        )


def test_an_animator_approves_refuses_and_ends_memberships(group):
    animator = factories.UserFactory(username="animatrice", groups=[ANIMATEUR])
    person, other = factories.PersonFactory(), factories.PersonFactory()
    approved = services.approve_membership(
        services.request_membership(group, person.organisation, person), animator
    )
    assert (approved.status, approved.decided_by) == (MembershipStatus.ACTIVE, animator)
    refused = services.refuse_membership(
        services.request_membership(group, other.organisation, other), animator
    )
    assert refused.status == MembershipStatus.REFUSED
    with pytest.raises(ValidationError, match="en attente"):
        services.approve_membership(refused, animator)
    # Refused, one may ask again; ended, too.
    services.request_membership(group, other.organisation, other)
    services.end_membership(approved, animator)
    assert services.request_membership(group, person.organisation, person).pk != approved.pk


def test_an_animator_adds_a_member_at_once_or_approves_the_open_request(group):
    animator = factories.UserFactory(username="animatrice", groups=[ANIMATEUR])
    person = factories.PersonFactory()
    asked = services.request_membership(group, person.organisation, person)
    added = services.add_member(group, person.organisation, person, by=animator)
    assert (added.pk, added.status) == (asked.pk, MembershipStatus.ACTIVE)
    assert services.add_member(group, person.organisation, person, by=animator).pk == added.pk
    structure = factories.OrganisationFactory()
    alone = services.add_member(group, structure, by=animator)
    assert (alone.person, alone.status) == (None, MembershipStatus.ACTIVE)


def test_a_structure_taken_into_a_group_is_shown_on_the_public_pages(group):
    """A structure an account request created stays hidden (`proposed`) until an animator
    accepts it: taking it into a group does, so the group's page never links to a page
    that is not shown."""
    from organisations.models import Organisation

    animator = factories.UserFactory(username="animatrice", groups=[ANIMATEUR])
    person = factories.PersonFactory(organisation__proposed=True)
    asked = services.request_membership(group, person.organisation, person)
    assert not Organisation.objects.public().filter(pk=person.organisation_id).exists()

    services.approve_membership(asked, animator)

    assert Organisation.objects.public().filter(pk=person.organisation_id).exists()
