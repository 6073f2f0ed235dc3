"""Who may download a library file, per access level: the matrix the library and the
object storage are both tested against."""

from resources.models import AccessLevel
from vita.roles import ANIMATEUR, MEMBRE

ANONYMOUS, MEMBER, ANIMATOR, OTHER = "anonyme", "adhérent", "animateur", "connecté sans droit"
# What each reader gets, per access level: a file (200), the login page (302) or 403.
ACCESS_MATRIX = {
    (ANONYMOUS, AccessLevel.PUBLIC): 200,
    (ANONYMOUS, AccessLevel.MEMBERS): 302,
    (ANONYMOUS, AccessLevel.RESTRICTED): 302,
    (OTHER, AccessLevel.PUBLIC): 200,
    (OTHER, AccessLevel.MEMBERS): 403,
    (OTHER, AccessLevel.RESTRICTED): 403,
    (MEMBER, AccessLevel.PUBLIC): 200,
    (MEMBER, AccessLevel.MEMBERS): 200,
    (MEMBER, AccessLevel.RESTRICTED): 403,
    (ANIMATOR, AccessLevel.PUBLIC): 200,
    (ANIMATOR, AccessLevel.MEMBERS): 200,
    (ANIMATOR, AccessLevel.RESTRICTED): 200,
    # A group's document: its groups' members (tests/workgroups) and the animators.
    (ANONYMOUS, AccessLevel.GROUP): 302,
    (OTHER, AccessLevel.GROUP): 403,
    (MEMBER, AccessLevel.GROUP): 403,
    (ANIMATOR, AccessLevel.GROUP): 200,
}
GROUPS = {MEMBER: [MEMBRE], ANIMATOR: [ANIMATEUR], OTHER: []}
