"""The editor groups' permissions, pinned: a change here is a deliberate decision."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from vita.roles import ANIMATEUR, CONTRIBUTEUR, MEMBRE

pytestmark = pytest.mark.django_db

# a = add, c = change, d = delete, v = view, i = import, e = export;
# columns: Animateur, Contributeur, Membre.
MATRIX = """
experiences.experiencecard        acdvie  acv   -
experiences.cardcontact           acdv    acdv  -
experiences.cardpoint             acdv    -     -
experiences.frein                 acdv    acdv  -
experiences.levier                acdv    acdv  -
experiences.cardtool              acdv    acdv  -
experiences.cardlink              acdv    acdv  -
experiences.cardlisting           acdv    acdv  -
experiences.fichecardlink         acdv    -     -
experiences.projectlisting        acdv    -     -
experiences.cardsubmission        dv      -     -
organisations.organisation        acdvie  acv   -
organisations.person              acdvie  acv   -
organisations.networkmember       ve      -     -
organisations.accountrequest      cdv     -     -
organisations.personaldatarequest cdv     -     -
portal.accountdeletion            v       -     -
workgroups.programme              acdv    v     -
workgroups.programmephase         acdv    v     -
workgroups.workinggroup           acdvie  v     -
workgroups.workinggroupcontact    acdv    v     -
workgroups.callforinterest        acdv    v     -
workgroups.callquestion           acdv    v     -
workgroups.callanswer             cdv     -     -
workgroups.meeting                acdv    -     -
workgroups.groupmembership        acv     -     -
resources.theme                   acdv    v     -
resources.keyword                 acdv    v     -
resources.collection              acdv    v     -
resources.resource                acdvie  v     -
resources.resourcelink            acdv    v     -
resources.fiche                   acdv    v     -
resources.ficheblock              acdv    v     -
resources.fichekeypoint           acdv    v     -
resources.fichelink               acdv    v     -
resources.keywordentry            acdv    v     -
resources.issuemailing            v       -     -
territories.region                v       v     -
territories.departement           v       v     -
territories.formerregion          v       v     -
vita.reviewpoint                  cv      -     -
vita.scheduledrun                 v       -     -
vita.subscription                 dv      -     -
support.supportrequest            cdv     -     -
support.statuschange              v       -     -
support.supportnote               v       -     -
support.expertisedays             acdv    -     -
events.event                      acdv    -     -
events.eventpart                  acdv    -     -
events.eventspeaker               acdv    -     -
events.registration               cdve    -     -
portal.sitepage                   cv      -     -
auth.user                         acv     -     -
"""
EXTRA = {
    ANIMATEUR: {
        "experiences.publish_experiencecard",
        "resources.publish_resource",
        "resources.view_member_resources",
        "resources.view_restricted_resources",
        "organisations.manage_conventions",
    },
    CONTRIBUTEUR: set(),
    MEMBRE: {"resources.view_member_resources"},
}
ACTIONS = {"a": "add", "c": "change", "d": "delete", "v": "view", "i": "import", "e": "export"}


def _expected():
    expected = {group: set(extra) for group, extra in EXTRA.items()}
    for line in MATRIX.strip().splitlines():
        model, *columns = line.split()
        app, name = model.split(".")
        for group, letters in zip((ANIMATEUR, CONTRIBUTEUR, MEMBRE), columns, strict=True):
            expected[group] |= {
                f"{app}.{ACTIONS[letter]}_{name}" for letter in letters if letter != "-"
            }
    return expected


def _granted(group_name):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=group_name).permissions.select_related("content_type")
    }


def test_migrate_creates_the_groups_with_the_pinned_permissions():
    for group, permissions in _expected().items():
        assert _granted(group) == permissions, group


def test_sync_takes_back_permissions_granted_by_hand():
    contributor = Group.objects.get(name=CONTRIBUTEUR)
    contributor.permissions.add(Permission.objects.get(codename="publish_experiencecard"))

    call_command("sync_groups")

    assert "experiences.publish_experiencecard" not in _granted(CONTRIBUTEUR)


def test_contributors_cannot_publish_and_members_only_read(django_user_model):
    from tests.factories import UserFactory

    contributor = UserFactory(groups=[CONTRIBUTEUR])
    member = UserFactory(groups=[MEMBRE])
    animator = UserFactory(groups=[ANIMATEUR])

    assert contributor.has_perm("experiences.change_experiencecard")
    assert not contributor.has_perm("experiences.publish_experiencecard")
    assert not contributor.has_perm("experiences.delete_experiencecard")
    assert member.has_perm("resources.view_member_resources")
    assert not member.has_perm("experiences.change_experiencecard")
    assert animator.has_perm("experiences.publish_experiencecard")
    assert not animator.has_perm("territories.change_departement")
