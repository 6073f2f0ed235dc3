"""What each of the four audiences sees of a group: its page, its members' space, a
meeting's minutes file and a document shared with the group only (page and file), and
the library that must not list that document."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from resources.models import AccessLevel
from tests import factories, files
from vita.models import PublicationStatus
from vita.roles import ANIMATEUR, MEMBRE
from workgroups.models import Audience

pytestmark = pytest.mark.django_db

PUBLIC, NETWORK, MEMBER, ANIMATOR = "public", "membre du réseau", "membre du groupe", "animateur"
AUDIENCES = [PUBLIC, NETWORK, MEMBER, ANIMATOR]


@pytest.fixture
def workspace():
    group = factories.WorkingGroupFactory(code="A2", name="Alliances stratégiques")
    member = factories.UserFactory(username="membre-a2", groups=[MEMBRE])
    factories.GroupMembershipFactory(
        working_group=group,
        person__account=member,
        person__first_name="Léa",
        person__last_name="Martin",
        person__email="lea.martin@example.org",
        person__phone="02 99 00 00 00",
        person__organisation=factories.OrganisationFactory(name="Régie de quartier de Rennes"),
    )
    network = factories.UserFactory(username="reseau", groups=[MEMBRE])
    factories.PersonFactory(account=network)
    animator = factories.UserFactory(username="animatrice", groups=[ANIMATEUR], is_staff=True)
    meeting = factories.MeetingFactory(
        working_group=group,
        starts_at=timezone.now() + timedelta(days=3),
        minutes="Relevé de décisions confidentiel",
        minutes_file=files.upload("cr.pdf", files.PDF),
    )
    document = factories.ResourceFactory(
        title="Note interne du groupe A2", access_level=AccessLevel.GROUP
    )
    document.working_groups.add(group)
    document.file = files.upload("note.pdf", files.PDF)
    document.save()
    return {
        "group": group,
        "meeting": meeting,
        "document": document,
        "users": {PUBLIC: None, NETWORK: network, MEMBER: member, ANIMATOR: animator},
    }


def _as(client, workspace, audience):
    user = workspace["users"][audience]
    if user is not None:
        client.force_login(user)
    return client


# What each audience gets: the page (200), the login page (302) or a 403.
SPACE = {PUBLIC: 302, NETWORK: 403, MEMBER: 200, ANIMATOR: 200}


@pytest.mark.parametrize("audience", AUDIENCES)
def test_each_audience_sees_its_own_of_a_group(client, workspace, audience):
    client = _as(client, workspace, audience)
    meeting, document = workspace["meeting"], workspace["document"]
    sees_members = audience in (MEMBER, ANIMATOR)

    page = client.get(reverse("workgroups:detail", args=["A2"]))
    html = page.content.decode()
    assert page.status_code == 200
    # The member structures are public; the people and how to reach them are the group's.
    assert "Régie de quartier de Rennes" in html
    assert ("lea.martin@example.org" in html) is sees_members
    assert ("02 99 00 00 00" in html) is sees_members
    assert ("Réservé aux membres du groupe A2" in html) is sees_members
    assert (reverse("workgroups:space", args=["A2"]) in html) is sees_members
    # The next meeting, for the group's members by default, says so.
    assert (meeting.title in html) is sees_members

    space_url = reverse("workgroups:space", args=["A2"])
    space = client.get(space_url)
    assert space.status_code == SPACE[audience]
    if audience == PUBLIC:
        assert space["Location"] == f"{reverse('login')}?next={space_url}"
    elif audience == NETWORK:
        assert "réservé aux membres du groupe et aux animateurs" in space.content.decode()
    else:
        text = space.content.decode()
        assert "Réservé aux membres du groupe A2" in text
        assert meeting.title in text and "Relevé de décisions confidentiel" in text
        assert document.title in text
        assert "no-store" in space["Cache-Control"]

    minutes_url = reverse("workgroups:minutes_file", args=["A2", meeting.slug])
    minutes = client.get(minutes_url)
    assert minutes.status_code == SPACE[audience]
    if minutes.status_code == 200:
        assert b"".join(minutes.streaming_content) == files.PDF
        assert "no-store" in minutes["Cache-Control"]

    resource_page = client.get(reverse("resources:resource", args=[document.slug]))
    assert resource_page.status_code == SPACE[audience]
    if resource_page.status_code == 200:
        assert "Réservé aux membres du groupe A2" in resource_page.content.decode()
    download = client.get(reverse("resources:download", args=[document.slug]))
    assert download.status_code == SPACE[audience]
    if download.status_code == 200:
        assert b"".join(download.streaming_content) == files.PDF
        assert "private" in download["Cache-Control"]
    document.refresh_from_db()
    assert document.download_count == (1 if sees_members else 0)

    # The library lists it to nobody: it lives in its group's space.
    for url in ("/ressources/", "/ressources/?q=interne", "/recherche/?q=interne"):
        assert document.title not in client.get(url).content.decode()
    assert document.title not in html


@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_meeting_s_audience_decides_who_sees_it_and_its_minutes(client, workspace, audience):
    client = _as(client, workspace, audience)
    group = workspace["group"]
    for level in Audience.values:
        factories.MeetingFactory(
            working_group=group,
            title=f"Réunion {level}",
            audience=level,
            minutes_file=files.upload("cr.pdf", files.PDF),
        )
    may = {
        PUBLIC: {Audience.PUBLIC},
        NETWORK: {Audience.PUBLIC, Audience.NETWORK},
        MEMBER: {Audience.PUBLIC, Audience.NETWORK, Audience.GROUP},
        ANIMATOR: set(Audience.values),
    }[audience]

    html = client.get(reverse("workgroups:detail", args=["A2"])).content.decode()

    for meeting in group.meetings.exclude(pk=workspace["meeting"].pk):
        assert (meeting.title in html) is (meeting.audience in may), meeting.audience
        url = reverse("workgroups:minutes_file", args=["A2", meeting.slug])
        status = client.get(url).status_code
        assert (status == 200) is (meeting.audience in may), meeting.audience
    assert "Réunion animateurs" not in html or "Réservé aux animateurs" in html
    assert "Réunion reseau" not in html or "Réservé aux membres du réseau" in html


def test_a_group_s_document_of_another_group_is_not_a_member_s(client, workspace):
    other = factories.WorkingGroupFactory(code="G9")
    document = factories.ResourceFactory(access_level=AccessLevel.GROUP)
    document.working_groups.add(other)
    client.force_login(workspace["users"][MEMBER])

    assert client.get(reverse("resources:resource", args=[document.slug])).status_code == 403
    assert client.get(reverse("workgroups:space", args=["G9"])).status_code == 403


# -- holes a review found, closed --------------------------------------------------------


def test_a_group_document_on_request_shows_nothing_to_a_stranger_who_posts_its_form(client):
    from resources.models import Availability

    group = factories.WorkingGroupFactory(code="T9")
    document = factories.ResourceFactory(
        title="Note interne du groupe", description="Le détail des négociations en cours.",
        access_level=AccessLevel.GROUP, availability=Availability.ON_REQUEST,
    )  # fmt: skip
    document.working_groups.add(group)

    answer = client.post(reverse("resources:request", args=[document.slug]), {})

    assert answer.status_code == 302 and "/connexion/" in answer["Location"]
    assert "négociations" not in answer.content.decode()


def test_a_group_member_reads_a_draft_production_but_not_a_cedre_file_of_it(client):
    group = factories.WorkingGroupFactory(code="T8")
    user = factories.UserFactory(username="membre-t8", groups=[MEMBRE])
    factories.GroupMembershipFactory(working_group=group, person__account=user)
    draft = factories.ResourceFactory(
        status=PublicationStatus.DRAFT, access_level=AccessLevel.RESTRICTED
    )
    draft.file = files.upload("cedre.pdf", files.PDF)
    draft.save()
    draft.working_groups.add(group)
    client.force_login(user)

    assert client.get(reverse("resources:download", args=[draft.slug])).status_code == 403
    draft.access_level = AccessLevel.GROUP
    draft.save()
    assert client.get(reverse("resources:download", args=[draft.slug])).status_code == 200
