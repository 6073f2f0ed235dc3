"""Reads of programmes and working groups for the public pages, of a group's workspace
(its members, its meetings) for each audience, and of the calls for interest."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from organisations.models import Organisation, Person
from vita.models import PublicationStatus
from vita.search import search_query
from vita.sorting import FrenchSortKey
from workgroups.audiences import audiences_of
from workgroups.models import (
    CallAnswer,
    CallForInterest,
    GroupMembership,
    Meeting,
    MembershipStatus,
    Programme,
    WorkingGroup,
    WorkingGroupContact,
    WorkingGroupStatus,
)

PUBLISHED_CARD = Q(listings__card__status=PublicationStatus.PUBLISHED)


def groups_with_counts():
    # A card is listed once per group (`card_listed_once`): no DISTINCT, whose sort of
    # every listing cost 100 ms at 100,000 cards.
    return WorkingGroup.objects.annotate(
        card_count=Count("listings", filter=PUBLISHED_CARD)
    ).order_by("position", "code")


def matching_groups(text: str):
    return WorkingGroup.objects.filter(search_vector=search_query(text))


def programmes_with_groups(text: str = "", status: str = ""):
    """Every programme, its groups in order, each with its count of published cards; with
    `text`, the programmes with matching groups, and those groups only; with `status` (a
    `WorkingGroupStatus`), the groups in that state."""
    groups = groups_with_counts()
    programmes = Programme.objects.all()
    if text:
        groups = groups.filter(pk__in=matching_groups(text).values("pk"))
    if status:
        groups = groups.filter(status=status)
    if text or status:
        programmes = programmes.filter(working_groups__in=groups.values("pk")).distinct()
    return programmes.prefetch_related(
        "phases", Prefetch("working_groups", queryset=groups)
    ).order_by("start_year", FrenchSortKey("name"))


def programme_detail(slug: str) -> Programme | None:
    """A programme for its page: its organiser, phases and groups (with their counts)."""
    return (
        Programme.objects.select_related("organiser")
        .prefetch_related("phases", Prefetch("working_groups", queryset=groups_with_counts()))
        .filter(slug=slug)
        .first()
    )


def working_group(code: str) -> WorkingGroup | None:
    """A working group alone, without what its page shows."""
    return WorkingGroup.objects.filter(code=code).first()


def group_detail(code: str) -> WorkingGroup | None:
    return (
        groups_with_counts()
        .select_related("programme")
        .prefetch_related(
            Prefetch(
                "contacts",
                # Nobody withdrawn at their request (organisations.Person.objects.public).
                queryset=WorkingGroupContact.objects.filter(
                    person__in=Person.objects.public()
                ).select_related("person", "person__organisation", "organisation"),
            ),
            "project_listings",
            "member_organisations",
        )
        .filter(code=code)
        .first()
    )


# -- Calls for interest ----------------------------------------------------------------------


def calls_for_list():
    """Every call, the open ones first (the nearest deadline first), then the closed ones
    (the latest first), each with its group."""
    today = timezone.localdate()
    calls = CallForInterest.objects.select_related("working_group")
    open_calls = list(calls.open(today).order_by("deadline", "title"))
    closed = calls.exclude(pk__in=[call.pk for call in open_calls]).order_by("-deadline", "title")
    return open_calls, list(closed)


def open_calls(group: WorkingGroup | None = None) -> list[CallForInterest]:
    """The calls still answered, the nearest deadline first; with `group`, its own."""
    calls = CallForInterest.objects.open().select_related("working_group")
    if group is not None:
        calls = calls.filter(working_group=group)
    return list(calls.order_by("deadline", "title"))


def call_detail(slug: str) -> CallForInterest | None:
    return (
        CallForInterest.objects.select_related("working_group")
        .prefetch_related("questions")
        .filter(slug=slug)
        .first()
    )


def answer_prefill(user) -> dict:
    """What a signed-in member's answer starts from: their person and structure."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is None:
        if not user.is_authenticated:
            return {}
        return {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}
    return {
        "organisation_name": person.organisation.name if person.organisation else "",
        "first_name": person.first_name,
        "last_name": person.last_name,
        "role": person.role,
        "email": person.email or user.email,
        "phone": person.phone,
    }


def membership_data(user) -> list[dict]:
    """The member's working groups, asked for or decided (« Télécharger mes données »)."""
    memberships = GroupMembership.objects.filter(person__account=user).select_related(
        "working_group", "organisation"
    )
    return [
        {
            "groupe": f"{m.working_group.code} — {m.working_group.name}",
            "structure": m.organisation.name,
            "role": m.get_role_display(),
            "etat": m.get_status_display(),
            "message": m.message,
            "demandee_le": m.created_at,
            "decidee_le": m.decided_at,
        }
        for m in memberships.order_by("created_at")
    ]


def call_answer_data(user) -> list[dict]:
    """The member's answers to calls for interest, sent from their account or with its
    address (« Télécharger mes données »)."""
    answers = CallAnswer.objects.filter(Q(submitted_by=user) | Q(email__iexact=user.email or "-"))
    return [
        {
            "appel": answer.call.title,
            "structure": answer.organisation_name,
            "nom": answer.full_name,
            "fonction": answer.role,
            "e_mail": answer.email,
            "telephone": answer.phone,
            "reponses": answer.answers,
            "souhaite_un_compte": answer.wants_account,
            "etat": answer.get_status_display(),
            "envoyee_le": answer.created_at,
        }
        for answer in answers.select_related("call").order_by("created_at")
    ]


def status_filter(value: str) -> tuple[str, str]:
    """The state a list is filtered by (`?etat=`), and a French message for an unknown one."""
    if not value or value in WorkingGroupStatus.values:
        return value, ""
    return "", f"« {value[:50]} » n'est pas un état de groupe connu : ce filtre est ignoré."


# -- a group's workspace -------------------------------------------------------------------

ACTIVE = {"status": MembershipStatus.ACTIVE}


def member_structures(group: WorkingGroup) -> list[Organisation]:
    """The structures whose membership of the group is active, each once, by name."""
    return list(
        Organisation.objects.filter(
            group_memberships__working_group=group, group_memberships__status=ACTIVE["status"]
        )
        .distinct()
        .order_by(FrenchSortKey("name"))
    )


def group_members(group: WorkingGroup) -> list[GroupMembership]:
    """The active memberships with the person and structure of each (for the members)."""
    return list(
        GroupMembership.objects.filter(working_group=group, **ACTIVE)
        .select_related("organisation", "person", "person__organisation")
        .order_by(FrenchSortKey("organisation__name"), "person__last_name", "person__first_name")
    )


def user_membership(group: WorkingGroup, user) -> GroupMembership | None:
    """The user's own open request or active membership of the group, if any."""
    if not user.is_authenticated:
        return None
    return (
        GroupMembership.objects.filter(
            working_group=group,
            person__account=user,
            status__in=[MembershipStatus.REQUESTED, MembershipStatus.ACTIVE],
        )
        .order_by("status")
        .first()
    )


def memberships_of(user) -> list[GroupMembership]:
    """« Mes groupes »: the user's active memberships and open requests, with their group."""
    if not user.is_authenticated:
        return []
    return list(
        GroupMembership.objects.filter(
            person__account=user,
            status__in=[MembershipStatus.ACTIVE, MembershipStatus.REQUESTED],
        )
        .select_related("working_group", "organisation")
        .order_by("working_group__code")
    )


@dataclass
class Calendar:
    upcoming: list[Meeting]  # the next one first
    past: list[Meeting]  # the latest first

    def __bool__(self):
        return bool(self.upcoming or self.past)


def meetings_for(group: WorkingGroup, user) -> Calendar:
    """The group's meetings `user` may see (each meeting's audience, asked of
    `workgroups.audiences`): the coming ones, the next first, then the past ones."""
    meetings = list(
        Meeting.objects.filter(working_group=group, audience__in=audiences_of(user, group))
    )
    for found in meetings:
        found.working_group = group  # what each says of its audience names the group
    now = timezone.now()
    upcoming = [meeting for meeting in meetings if (meeting.ends_at or meeting.starts_at) >= now]
    past = [meeting for meeting in meetings if (meeting.ends_at or meeting.starts_at) < now]
    return Calendar(
        upcoming=sorted(upcoming, key=lambda meeting: meeting.starts_at),
        past=sorted(past, key=lambda meeting: meeting.starts_at, reverse=True),
    )


def meeting(group: WorkingGroup, slug: str) -> Meeting | None:
    return Meeting.objects.filter(working_group=group, slug=slug).first()
