"""Who sees what: the four audiences of the site, defined once.

Every page, document and part of a page that is not everyone's says which audience sees
it, and asks `may_see` (or `audiences_of`) here, never a permission or a group of its own:

- the public (anyone, signed in or not);
- members of the network: accounts an animator opened or approved (group « Membre »);
- members of a given working group: people whose membership of that group is active;
- animators (group « Animateur », and superusers).

An audience includes the ones above it in this list: an animator sees what members of
every group see, a group's member what members of the network see.
"""

from __future__ import annotations

from vita.roles import ANIMATEUR, sees_members_details
from workgroups.models import Audience, GroupMembership, MembershipStatus, WorkingGroup

__all__ = ["Audience", "audiences_of", "may_see"]


def is_animator(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or _group_names(user) & {ANIMATEUR} != set()


def is_network_member(user) -> bool:
    return user.is_authenticated and user.is_active and sees_members_details(user)


def member_group_codes(user) -> set[str]:
    """The codes of the working groups whose workspace the user's person belongs to
    (read once per request user)."""
    if not (user.is_authenticated and user.is_active):
        return set()
    if not hasattr(user, "_member_group_codes"):
        user._member_group_codes = set(
            GroupMembership.objects.filter(
                person__account=user, status=MembershipStatus.ACTIVE
            ).values_list("working_group__code", flat=True)
        )
    return user._member_group_codes


def is_group_member(user, group: WorkingGroup) -> bool:
    return group.code in member_group_codes(user)


def may_see(user, audience: str, group: WorkingGroup | None = None) -> bool:
    """Whether `user` is in `audience` (of `group`, for the group's members)."""
    if audience == Audience.PUBLIC:
        return True
    if is_animator(user):
        return True
    if audience == Audience.NETWORK:
        return is_network_member(user) or bool(member_group_codes(user))
    if audience == Audience.GROUP:
        return group is not None and is_group_member(user, group)
    return False


def audiences_of(user, group: WorkingGroup | None = None) -> set[str]:
    """Every audience `user` belongs to (of `group`, for the group's members)."""
    return {audience for audience in Audience.values if may_see(user, audience, group)}


def _group_names(user) -> set[str]:
    if not hasattr(user, "_group_names"):
        user._group_names = set(user.groups.values_list("name", flat=True))
    return user._group_names


def audience_line(audience: str, group: WorkingGroup | None = None) -> str:
    """What a page or a document that is not public says of who sees it: « Réservé aux
    membres du groupe A2 » (empty for the public)."""
    if audience == Audience.PUBLIC:
        return ""
    if audience == Audience.NETWORK:
        return "Réservé aux membres du réseau"
    if audience == Audience.GROUP and group is not None:
        return f"Réservé aux membres du groupe {group.code}"
    if audience == Audience.GROUP:
        return "Réservé aux membres du groupe"
    return "Réservé aux animateurs"
