"""Writes of experience cards: partners' proposals."""

import io
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from experiences import card_template
from experiences.card_template import lines
from experiences.models import CardSubmission, ExperienceCard
from experiences.writing import CardWrite, write_cards
from organisations.models import Organisation
from organisations.services import find_or_create_organisation
from resources.models import AccessLevel, Resource, ResourceKind
from territories.models import Departement, Region
from vita.history import authorship
from vita.models import PublicationStatus
from vita.notifications import notify_animators
from workgroups.models import WorkingGroup

# The card's texts, written as proposed.
STORY_FIELDS = [
    "key_figures", "context", "actions", "results", "perspectives", "problematiques",
    "mutualisation_sought", "mutualisation_offered",
]  # fmt: skip


@transaction.atomic
def propose_cards(
    proposals: list[dict], submitter: dict, source: str, user=None
) -> list[ExperienceCard]:
    """Cards « en relecture » from checked proposals, all or none; the animators are told
    once the cards are written."""
    user = user if user is not None and user.is_authenticated else None
    writes = [_proposed_card(proposal) for proposal in proposals]
    write_cards(writes, user=user)
    cards = [write.card for write in writes]
    CardSubmission.objects.bulk_create(
        CardSubmission(
            card=card,
            source=source,
            user=user,
            contact_name=submitter["contact_name"],
            contact_email=submitter["contact_email"],
            contact_phone=submitter["contact_phone"],
        )
        for card in cards
    )
    transaction.on_commit(lambda: _tell_animators(cards, submitter))
    return cards


def _proposed_card(proposal: dict) -> CardWrite:
    """The card a checked proposal describes, for the card writer (its slug is given
    there, free at the time of writing)."""
    card = ExperienceCard(
        title=proposal["title"],
        status=PublicationStatus.IN_REVIEW,
        summary=proposal["summary"],
        category=proposal["category"] or ExperienceCard._meta.get_field("category").default,
        porteur=_organisation(proposal["porteur"], proposal["porteur_type"]),
        region=Region.objects.get(code=proposal["region"]),
        territory_name=proposal["territory_name"],
        scale=proposal["scale"],
        milieux=[proposal["milieu"]] if proposal["milieu"] else [],
        start_year=proposal["start_year"],
        end_year=proposal["end_year"],
        **{name: proposal[name] for name in STORY_FIELDS},
    )
    code = proposal["departement"]
    group = proposal["working_group"]
    return CardWrite(
        card,
        departements=[Departement.objects.get(code=code)] if code else [],
        partners=[_organisation(name) for name in lines(proposal["partners"])],
        groups=[WorkingGroup.objects.get(code=group)] if group else [],
        freins=lines(proposal["freins"]),
        leviers=lines(proposal["leviers"]),
        tools=lines(proposal["tools"]),
    )


def _organisation(name: str, structure_type: str = "") -> Organisation:
    """The organisation a name stands for (`organisations.matching`), or a new one, hidden
    until one of its cards is published."""
    return find_or_create_organisation(
        name, structure_types=[structure_type] if structure_type else [], proposed=True
    )


def _tell_animators(cards: list[ExperienceCard], submitter: dict) -> None:
    titles = "\n".join(
        f"- {card.title} : {reverse('admin:experiences_experiencecard_change', args=[card.pk])}"
        for card in cards
    )
    notify_animators(
        f"{len(cards)} fiche(s) proposée(s) par {submitter['contact_name']}",
        f"{submitter['contact_name']} ({submitter['contact_email']}) propose "
        f"{len(cards)} fiche(s) expérience, en relecture dans l'administration :\n\n{titles}",
        reply_to=submitter["contact_email"],
    )


# The library's copies of the template, one per format: (slug, title suffix, builder).
CARD_TEMPLATE_RESOURCES = [
    ("modele-fiche-experience-word", "Word", "docx", card_template.build_docx),
    ("modele-fiche-experience-excel", "Excel", "xlsx", card_template.build_xlsx),
]


# The change reason of the versions `publish_card_templates` writes in the history.
TEMPLATE_REASON = "Modèle de fiche généré"


@transaction.atomic
def publish_card_templates() -> list[Resource]:
    """The template, generated from the model now, as two public resources of the library.

    Run at every `make run`, it never undoes an animator: a resource is created once, with
    its title, text and state; later runs only bring its file up to date with the model,
    when the generated content changed and no person has put another file in its place.
    A template an animator deleted is not created again."""
    resources = []
    for slug, label, extension, build in CARD_TEMPLATE_RESOURCES:
        resource = Resource.objects.filter(slug=slug).first()
        if resource is None:
            if Resource.history.filter(slug=slug, history_type="-").exists():
                continue
            resource = Resource(
                slug=slug,
                title=f"{card_template.TITLE} ({label})",
                kind=ResourceKind.MODELE_FICHE,
                description=(
                    "Le modèle à remplir pour proposer une expérience, puis à déposer sur la "
                    "page « Proposer une expérience ». Il suit les rubriques des fiches du "
                    "centre de ressources."
                ),
                access_level=AccessLevel.PUBLIC,
                status=PublicationStatus.PUBLISHED,
                year=timezone.now().year,
                published_at=timezone.now(),
            )
        elif "file" in authorship(resource).fields_edited:
            resources.append(resource)  # an animator's own file
            continue
        content = build()
        previous = resource.file.name if resource.file else ""
        if previous and same_office_content(_read(resource.file), content):
            resources.append(resource)
            continue
        resource.file.save(f"modele.{extension}", ContentFile(content), save=False)
        resource._change_reason = TEMPLATE_REASON
        resource.save()
        if previous:
            # The old file goes once the new one is recorded.
            storage = resource.file.storage
            transaction.on_commit(lambda old=previous, storage=storage: storage.delete(old))
        resources.append(resource)
    return resources


def _read(stored_file) -> bytes:
    try:
        with stored_file.open("rb") as opened:
            return opened.read()
    except OSError:  # the file is missing: write it again
        return b""


def same_office_content(first: bytes, second: bytes) -> bool:
    """Whether two Word or Excel files hold the same thing: their parts compared, the
    dates the writing library stamps on each save aside (the core properties and the
    archive's own dates)."""
    stamped = {"docProps/core.xml"}
    try:
        with zipfile.ZipFile(io.BytesIO(first)) as a, zipfile.ZipFile(io.BytesIO(second)) as b:
            parts = set(a.namelist()) - stamped
            if parts != set(b.namelist()) - stamped:
                return False
            return all(a.read(name) == b.read(name) for name in parts)
    except zipfile.BadZipFile:
        return False
