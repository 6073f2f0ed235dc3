"""Who reads a library resource: its page and its file.

Each access level is read by one of the site's four audiences (`workgroups.audiences`):
public resources by everyone, those reserved to the network's members by them, the
restricted ones (CEDRE) by the animators, a group's document (« Réservé aux membres du
groupe ») by the members of the working groups it belongs to and the animators.
"""

from __future__ import annotations

from resources.models import AccessLevel, Resource
from vita import workflow
from workgroups.audiences import Audience, may_see

# Who reads a resource of each access level: one of the site's four audiences (the
# restricted CEDRE documents are the animators').
LEVEL_AUDIENCES = {
    AccessLevel.PUBLIC: Audience.PUBLIC,
    AccessLevel.MEMBERS: Audience.NETWORK,
    AccessLevel.RESTRICTED: Audience.ANIMATORS,
    AccessLevel.GROUP: Audience.GROUP,
}


def may_read(user, resource: Resource) -> bool:
    """Whether `user` may read `resource`'s page and download its file."""
    audience = LEVEL_AUDIENCES[resource.access_level]
    if audience == Audience.GROUP:
        return may_see(user, Audience.ANIMATORS) or any(
            may_see(user, Audience.GROUP, group) for group in resource.working_groups.all()
        )
    return may_see(user, audience)


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


def may_download_preview(user, resource: Resource) -> bool:
    """The file of a resource not yet published: its author and the animators; a member
    of its groups only where its level lets them read it (not a CEDRE file)."""
    return workflow.may_preview(user, resource) or (
        may_preview(user, resource) and may_read(user, resource)
    )
