"""Editor groups and their permissions, declared here and synced into the database.

`python manage.py sync_groups` applies them, and so does every `migrate`. The sync
sets each group's permissions to exactly this list: a permission granted by hand
in the admin is taken back at the next sync.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

ANIMATEUR = "Animateur"
CONTRIBUTEUR = "Contributeur"
MEMBRE = "Membre"

CRUD = ("add", "change", "delete", "view")
EDIT = ("add", "change", "view")
VIEW = ("view",)

# The parts of a card, edited inline on its admin page (rows can be removed there).
CARD_PARTS = ["cardcontact", "frein", "levier", "cardtool", "cardlink", "cardlisting"]

EDITORIAL_MODELS = {
    "experiences": ["experiencecard", "cardpoint", "fichecardlink", "projectlisting", *CARD_PARTS],
    "organisations": ["organisation", "person"],
    "workgroups": ["programme", "programmephase", "workinggroup", "workinggroupcontact",
                   "callforinterest", "callquestion"],
    "resources": [
        "theme", "keyword", "collection", "resource", "resourcelink", "fiche", "ficheblock",
        "fichekeypoint", "fichelink", "keywordentry",
    ],
}  # fmt: skip
REFERENCE_MODELS = {"territories": ["region", "departement", "formerregion"]}
# Imported and exported in bulk from the admin, each with its own permission.
TABULAR_MODELS = {
    "experiences": ["experiencecard"],
    "organisations": ["organisation", "person"],
    "workgroups": ["workinggroup"],
    "resources": ["resource"],
}


def _grant(models_by_app, actions):
    return {
        f"{app}.{action}_{model}"
        for app, models in models_by_app.items()
        for model in models
        for action in actions
    }


GROUP_PERMISSIONS: dict[str, set[str]] = {
    # Edits and publishes everything; reads reference territories.
    ANIMATEUR: _grant(EDITORIAL_MODELS, CRUD)
    | _grant(REFERENCE_MODELS, VIEW)
    # Who proposed a card: read, and deleted once the card is dealt with (personal data).
    | _grant({"experiences": ["cardsubmission"]}, ("view", "delete"))
    # « Points à vérifier »: read and settled; made by readers and the import only.
    | _grant({"vita": ["reviewpoint"]}, ("view", "change"))
    # The scheduled jobs' runs (vita.scheduling): read only, made by the scheduler.
    | _grant({"vita": ["scheduledrun"]}, VIEW)
    # The footer's pages (mentions légales, accessibilité…): rewritten, never added.
    | _grant({"portal": ["sitepage"]}, ("view", "change"))
    | _grant(TABULAR_MODELS, ("import", "export"))
    # Answers to the calls for interest: read, decided (accepted or refused), deleted
    # once dealt with (personal data); made by the public form only.
    | _grant({"workgroups": ["callanswer"]}, ("view", "change", "delete"))
    # The groups' workspaces: their meetings, and their members, whose requests they
    # approve or refuse (a membership ends, it is not deleted: its history stays).
    | _grant({"workgroups": ["meeting"]}, CRUD)
    | _grant({"workgroups": ["groupmembership"]}, EDIT)
    # Opens and invites members' accounts; never staff, superusers, groups but the
    # members' or permissions (vita.accounts, vita.admin.AccountAdmin).
    | _grant({"auth": ["user"]}, EDIT)
    # Decide the requests for an account and the named people's requests to be withdrawn
    # or anonymised (made on the site, never here), deleted once dealt with (personal
    # data); read the trace of deleted accounts.
    | _grant(
        {"organisations": ["accountrequest", "personaldatarequest"]}, ("view", "change", "delete")
    )
    | _grant({"portal": ["accountdeletion"]}, VIEW)
    # Subscriptions to the mailings: read, and deleted on request (personal data); made
    # and ended by their subscribers only.
    | _grant({"vita": ["subscription"]}, ("view", "delete"))
    # The support requests' queue: requests sent by the structures (never added here),
    # studied, assigned and moved (support.services), deleted on request (personal data);
    # their status changes and notes read (written through the request's page); the days
    # of expertise given, entered and corrected.
    | _grant({"support": ["supportrequest"]}, ("view", "change", "delete"))
    | _grant({"support": ["statuschange", "supportnote"]}, VIEW)
    | _grant({"support": ["expertisedays"]}, CRUD)
    | _grant({"resources": ["issuemailing"]}, VIEW)
    | _grant({"organisations": ["networkmember"]}, ("view", "export"))
    # The events: edited with their programme; their registrations read, exported
    # (the list of attendees), cancelled (`change`) and deleted once the event is past
    # (personal data); made on the site only.
    | _grant({"events": ["event", "eventpart", "eventspeaker"]}, CRUD)
    | _grant({"events": ["registration"]}, ("view", "change", "delete", "export"))
    | {
        "experiences.publish_experiencecard",
        "resources.publish_resource",
        "resources.view_member_resources",
        "resources.view_restricted_resources",
        "organisations.manage_conventions",
    },
    # Creates and edits cards (as drafts: publishing is the animators'), and the
    # organisations and people they name; reads the rest.
    CONTRIBUTEUR: _grant({"experiences": ["experiencecard"]}, EDIT)
    | _grant({"experiences": CARD_PARTS}, CRUD)
    | _grant({"organisations": ["organisation", "person"]}, EDIT)
    | _grant({"workgroups": EDITORIAL_MODELS["workgroups"]}, VIEW)
    | _grant({"resources": EDITORIAL_MODELS["resources"]}, VIEW)
    | _grant(REFERENCE_MODELS, VIEW),
    # Reads what is reserved to COORACE members.
    MEMBRE: {"resources.view_member_resources"},
}


def sees_members_details(user) -> bool:
    """Whether a user reads what is the network members': people's and structures' phones
    and e-mails, the resources reserved to them."""
    return user.has_perm("resources.view_member_resources")


def sync_groups() -> dict[str, int]:
    """Create the groups and set their permissions; returns permissions per group."""
    # On a fresh database the permissions of apps after this one in
    # INSTALLED_APPS do not exist yet when post_migrate reaches us.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    counts = {}
    for name, wanted in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = _permissions(wanted)
        group.permissions.set(permissions)
        counts[name] = len(permissions)
    return counts


def _permissions(codes: set[str]) -> list[Permission]:
    found = {
        f"{permission.content_type.app_label}.{permission.codename}": permission
        for permission in Permission.objects.select_related("content_type")
    }
    missing = sorted(codes - found.keys())
    if missing:
        raise LookupError(f"Unknown permissions in vita.roles: {', '.join(missing)}")
    return [found[code] for code in sorted(codes)]
