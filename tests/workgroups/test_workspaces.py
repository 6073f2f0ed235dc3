"""A group's cycle (status, closing with its productions), joining it from its page, its
members' decisions in the admin, its meetings, « Mes groupes » and its productions in
progress."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests import factories
from vita.models import PublicationStatus
from vita.roles import MEMBRE
from workgroups import services
from workgroups.models import GroupMembership, MemberRole, MembershipStatus, WorkingGroupStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return factories.WorkingGroupFactory(code="T1", status=WorkingGroupStatus.ACTIVE)


def _network_member(username="reseau", **person):
    user = factories.UserFactory(username=username, groups=[MEMBRE], email=f"{username}@ex.org")
    factories.PersonFactory(account=user, **person)
    return user


# -- the cycle ------------------------------------------------------------------------------


def test_a_new_group_opens_with_its_call_for_interest():
    assert factories.WorkingGroupFactory().status == WorkingGroupStatus.CALL


def test_the_list_shows_each_group_s_state_and_filters_by_it(client, group):
    closed = factories.WorkingGroupFactory(code="T2", status=WorkingGroupStatus.CLOSED)

    everything = client.get("/groupes/").content.decode()
    assert "En cours" in everything and "Clos" in everything
    only_closed = client.get("/groupes/?etat=clos").content.decode()
    assert closed.name in only_closed and group.name not in only_closed
    unknown = client.get("/groupes/?etat=ferme")
    assert unknown.status_code == 200
    assert "pas un état de groupe connu" in unknown.content.decode()
    assert group.name in unknown.content.decode()  # the filter ignored, said so
    assert "En cours" in client.get(group.get_absolute_url()).content.decode()


def test_closing_a_group_asks_for_its_productions(group):
    with pytest.raises(ValidationError, match="liez-lui ses productions"):
        services.close_group(group)
    group.refresh_from_db()
    assert group.status == WorkingGroupStatus.ACTIVE

    factories.ResourceFactory().working_groups.add(group)
    assert services.close_group(group).status == WorkingGroupStatus.CLOSED

    other = factories.WorkingGroupFactory()
    services.close_group(other, without_productions=True)
    other.refresh_from_db()
    assert (other.status, other.closed_without_productions) == (WorkingGroupStatus.CLOSED, True)


def _group_form(group, **changes):
    data = {
        "programme": group.programme_id, "position": 0, "code": group.code,
        "name": group.name, "slug": group.slug, "kind": group.kind, "status": group.status,
        "contacts-TOTAL_FORMS": 0, "contacts-INITIAL_FORMS": 0,
        "memberships-TOTAL_FORMS": 0, "memberships-INITIAL_FORMS": 0,
        "meetings-TOTAL_FORMS": 0, "meetings-INITIAL_FORMS": 0,
        "Resource_working_groups-TOTAL_FORMS": 0, "Resource_working_groups-INITIAL_FORMS": 0,
    }  # fmt: skip
    return data | changes


def test_the_admin_refuses_to_close_a_group_without_its_productions(animator_client, group):
    url = reverse("admin:workgroups_workinggroup_change", args=[group.pk])
    page = animator_client.get(url).content.decode()
    assert "Productions du groupe" in page

    refused = animator_client.post(url, _group_form(group, status="clos"))
    assert refused.status_code == 200
    assert "liez-lui ses productions" in refused.content.decode()
    group.refresh_from_db()
    assert group.status == WorkingGroupStatus.ACTIVE

    guide = factories.ResourceFactory(title="Guide des alliances")
    linked = _group_form(
        group,
        status="clos",
        **{
            "Resource_working_groups-TOTAL_FORMS": 1,
            "Resource_working_groups-0-resource": guide.pk,
        },
    )
    assert animator_client.post(url, linked).status_code == 302
    group.refresh_from_db()
    assert group.status == WorkingGroupStatus.CLOSED
    assert list(group.resources.all()) == [guide]


def test_the_admin_closes_a_group_confirmed_without_productions(animator_client, group):
    url = reverse("admin:workgroups_workinggroup_change", args=[group.pk])
    response = animator_client.post(
        url, _group_form(group, status="clos", closed_without_productions="on")
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.status == WorkingGroupStatus.CLOSED


def test_the_close_action_is_all_or_nothing(animator_client, group):
    ready = factories.WorkingGroupFactory(status=WorkingGroupStatus.ACTIVE)
    factories.ResourceFactory().working_groups.add(ready)
    url = reverse("admin:workgroups_workinggroup_changelist")

    response = animator_client.post(
        url, {"action": "close_groups", "_selected_action": [group.pk, ready.pk]}, follow=True
    )

    assert "Aucun groupe n&#x27;a été clos" in response.content.decode()
    assert {g.status for g in (group, ready) if g.refresh_from_db() is None} == {"en_cours"}


# -- joining ------------------------------------------------------------------------------


def test_a_network_member_asks_to_join_and_an_animator_approves(client, group, animator, settings):
    settings.ANIMATOR_EMAILS = ["animation@example.org"]
    user = _network_member()
    page = client.get(group.get_absolute_url())
    assert "Connectez-vous" in page.content.decode()  # anonymous: asked to log in
    client.force_login(user)
    assert "Demander à rejoindre le groupe" in client.get(group.get_absolute_url()).content.decode()
    join_url = reverse("workgroups:join", args=[group.code])
    assert client.get(join_url).status_code == 200

    response = client.post(join_url, {"role": "expert", "message": "Nous portons un GEIQ."})

    assert response["Location"] == group.get_absolute_url()
    membership = GroupMembership.objects.get()
    assert (membership.status, membership.role, membership.person) == (
        MembershipStatus.REQUESTED, MemberRole.EXPERT, user.person,
    )  # fmt: skip
    assert "rejoindre le groupe T1" in mail.outbox[0].subject
    assert "en cours d'examen" in client.get(group.get_absolute_url()).content.decode()
    assert client.get(reverse("workgroups:space", args=[group.code])).status_code == 403

    # The animator decides in the admin: the requests waiting first.
    factories.GroupMembershipFactory(working_group=group)  # an active one, older or not
    admin = client.__class__()
    admin.force_login(animator)
    changelist = reverse("admin:workgroups_groupmembership_changelist")
    listing = admin.get(changelist).content.decode()
    assert listing.index(user.person.full_name) < listing.index("Active")
    admin.post(changelist, {"action": "approve", "_selected_action": [membership.pk]})
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by) == (MembershipStatus.ACTIVE, animator)
    client.force_login(user)  # a new request
    assert client.get(reverse("workgroups:space", args=[group.code])).status_code == 200


def test_a_bad_request_to_join_changes_nothing(client, group):
    client.force_login(_network_member())
    url = reverse("workgroups:join", args=[group.code])

    response = client.post(url, {"role": "animateur", "message": "x" * 2001})

    assert response.status_code == 200
    text = response.content.decode()
    assert "Choisissez « Participant » ou « Expert »" in text
    assert "Rien n'a été envoyé" in text
    assert not GroupMembership.objects.exists()


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("closed", "est clos"),
        ("no person", "rattaché à aucune personne"),
        ("no structure", "rattachée à aucune structure"),
        ("asked", "déjà membre de ce groupe"),
    ],
)
def test_who_cannot_ask_to_join_is_told_why(client, group, case, message):
    if case == "closed":
        group.status = WorkingGroupStatus.CLOSED
        group.save()
    if case == "no person":
        user = factories.UserFactory(groups=[MEMBRE])
    else:
        user = _network_member(**({"organisation": None} if case == "no structure" else {}))
    if case == "asked":
        services.request_membership(group, user.person.organisation, user.person)
    client.force_login(user)
    url = reverse("workgroups:join", args=[group.code])

    assert message in client.get(url).content.decode()
    response = client.post(url, {"role": "participant"})
    assert response.status_code == 400
    assert GroupMembership.objects.count() == (1 if case == "asked" else 0)


def test_an_anonymous_visitor_is_sent_to_log_in(client, group):
    url = reverse("workgroups:join", args=[group.code])
    assert client.get(url)["Location"] == f"{reverse('login')}?next={url}"
    assert client.post(url, {"role": "participant"}).status_code == 302
    assert not GroupMembership.objects.exists()


def test_my_space_lists_my_groups(client, group):
    user = _network_member()
    factories.GroupMembershipFactory(working_group=group, person=user.person)
    asked = factories.WorkingGroupFactory(code="T3")
    services.request_membership(asked, user.person.organisation, user.person)
    client.force_login(user)

    page = client.get(reverse("my_space")).content.decode()

    assert "Mes groupes" in page
    assert reverse("workgroups:space", args=["T1"]) in page
    assert "demande en cours d'examen" in page
    assert reverse("workgroups:space", args=["T3"]) not in page


# -- the space: meetings and productions in progress -------------------------------------------


def test_meetings_come_next_first_then_the_past_latest_first(client, group):
    now = timezone.now()
    for days, title in [(30, "Dans un mois"), (2, "Après-demain"), (-60, "Il y a deux mois"),
                        (-5, "La semaine dernière")]:  # fmt: skip
        factories.MeetingFactory(working_group=group, title=title, starts_at=now + timedelta(days))
    client.force_login(factories.UserFactory(groups=["Animateur"]))

    page = client.get(reverse("workgroups:space", args=[group.code])).content.decode()

    positions = [
        page.index(title)
        for title in ("Après-demain", "Dans un mois", "La semaine dernière", "Il y a deux mois")
    ]
    assert positions == sorted(positions)
    assert page.index("Prochaine réunion") < page.index("Après-demain")


def test_a_meeting_is_named_by_its_date_in_its_group():
    group = factories.WorkingGroupFactory()
    when = timezone.make_aware(timezone.datetime(2026, 3, 12, 14, 0))
    first = factories.MeetingFactory(working_group=group, starts_at=when)
    second = factories.MeetingFactory(working_group=group, starts_at=when + timedelta(hours=2))
    elsewhere = factories.MeetingFactory(starts_at=when)

    assert (first.slug, second.slug, elsewhere.slug) == ("2026-03-12", "2026-03-12-2", "2026-03-12")


def test_members_read_the_group_s_productions_in_progress(client, group):
    member = _network_member("membre")
    factories.GroupMembershipFactory(working_group=group, person=member.person)
    draft = factories.ResourceFactory(
        title="Guide en préparation", status=PublicationStatus.DRAFT, description="Plan du guide"
    )
    draft.working_groups.add(group)
    preview = reverse("resources:preview", args=[draft.slug])

    client.force_login(_network_member("autre"))
    assert client.get(preview).status_code == 404
    client.force_login(member)
    space = client.get(reverse("workgroups:space", args=[group.code])).content.decode()
    assert "Guide en préparation" in space and preview in space
    page = client.get(preview)
    assert page.status_code == 200 and "Plan du guide" in page.content.decode()
    # Not in the library, nor on the group's public page, until it is published.
    assert "Guide en préparation" not in client.get("/ressources/").content.decode()
    assert "Guide en préparation" not in client.get(group.get_absolute_url()).content.decode()
