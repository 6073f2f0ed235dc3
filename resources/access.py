"""Who reads a library resource: its page and its file.

Public resources are everyone's; those reserved to the network's members or restricted
(CEDRE) ask the permission of their level (`ACCESS_PERMISSIONS`); a group's document
(« Réservé aux membres du groupe ») is read by the members of the working groups it
belongs to and the animators, asked of `workgroups.audiences`, nobody else.
"""

from __future__ import annotations

from resources.models import AccessLevel, Resource
from vita import workflow
from workgroups.audiences import Audience, may_see


def may_read(user, resource: Resource) -> bool:
    """Whether `user` may read `resource`'s page and download its file."""
    if resource.access_level == AccessLevel.GROUP:
        groups = resource.working_groups.all()
        return may_see(user, Audience.ANIMATORS) or any(
            may_see(user, Audience.GROUP, group) for group in groups
        )
    permission = resource.access_permission
    return not permission or user.has_perm(permission)


def audience_line(resource: Resource) -> str:
    """What the page and the lists say of who reads a resource that is not public:
    « Réservé aux membres du groupe A2 » (empty for a public one)."""
    if resource.access_level == AccessLevel.PUBLIC:
        return ""
    if resource.access_level == AccessLevel.GROUP:
        codes = sorted(group.code for group in resource.working_groups.all())
        if not codes:
            return "Réservé aux animateurs"
        plural = "des groupes" if len(codes) > 1 else "du groupe"
        return f"Réservé aux membres {plural} {', '.join(codes)}"
    return resource.get_access_level_display()


def may_preview(user, resource: Resource) -> bool:
    """A resource not yet published: its author and the animators (`vita.workflow`), and
    the members of the groups it is a production of, who read it before it is out."""
    return workflow.may_preview(user, resource) or any(
        may_see(user, Audience.GROUP, group) for group in resource.working_groups.all()
    )
