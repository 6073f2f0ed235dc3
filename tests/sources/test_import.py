"""The real import of the shipped documents into PostgreSQL."""

import shutil

import pytest
from django.core.management import CommandError, call_command
from django.db import models

from events.models import Event, EventPart, EventSpeaker
from experiences.models import (
    CardContact,
    CardLink,
    CardListing,
    CardPoint,
    CardTool,
    ExperienceCard,
    ProjectListing,
)
from organisations.models import Organisation, Person
from resources.models import (
    Collection,
    Fiche,
    FicheBlock,
    FicheKeyPoint,
    Keyword,
    Resource,
    ResourceLink,
)
from sources.documents import DOCUMENTS, DOCUMENTS_BY_CODE
from sources.importer import import_document
from sources.quality import find_damage
from tests.conftest import IMPORTED
from vita.models import PublicationStatus
from workgroups.models import Programme, ProgrammePhase, WorkingGroup, WorkingGroupContact

pytestmark = pytest.mark.django_db

TEXT_MODELS = [
    ExperienceCard, CardPoint, CardTool, CardLink, ProjectListing, Organisation,
    Person, Programme, ProgrammePhase, WorkingGroup, Resource, ResourceLink, Collection, Fiche,
    FicheBlock, FicheKeyPoint, Keyword, Event, EventPart, EventSpeaker,
]  # fmt: skip


def _snapshot():
    """Row counts of every table the import writes."""
    return {
        model.__name__: model.objects.count()
        for model in (*TEXT_MODELS, CardContact, CardListing, WorkingGroupContact)
    }


def test_the_recueil_gives_its_groups_and_cards(imported):
    recueil = Resource.objects.get(slug="recueil-experiences-vita-2008")
    cards = ExperienceCard.objects.filter(source_resource=recueil)

    assert cards.count() == 27
    assert list(WorkingGroup.objects.filter(programme__slug="vita-2005-2008").values_list(
        "code", flat=True)) == ["G1", "G2", "G3", "G4", "G5"]  # fmt: skip
    assert CardListing.objects.filter(card__in=cards).count() == 27
    assert not cards.exclude(status=PublicationStatus.PUBLISHED).exists()


def test_every_card_has_a_porteur_a_departement_and_a_current_region(imported):
    for card in ExperienceCard.objects.prefetch_related("departements"):
        assert card.porteur_id, card.slug
        assert card.region_id, card.slug
        if card.departements.exists():
            assert {d.region_id for d in card.departements.all()} >= {card.region_id} or (
                card.region_as_written
            ), card.slug
        else:  # a national talk, or a draft whose document gives it no territory (004)
            assert card.scale == "national" or card.status == PublicationStatus.DRAFT, card.slug


def test_no_imported_text_holds_damage(imported):
    damaged = []
    for model in TEXT_MODELS:
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        for row in model.objects.values(*fields):
            for name, value in row.items():
                damaged += [(model.__name__, name, *found) for found in find_damage(value)]
    assert damaged == []


def test_contacts_are_private(imported):
    assert Person.objects.exists()
    assert not Person.objects.filter(contact_is_public=True).exists()


def test_a_card_field_by_field(imported):
    card = ExperienceCard.objects.get(slug__startswith="maison-emploi-et-services")

    assert card.porteur.name == "Groupe ISACTYS"
    assert card.porteur.departement.code == "38"
    assert card.region.name == "Auvergne-Rhône-Alpes"
    assert card.source_page == 11
    assert card.listings.get().working_group.code == "G1"
    referent = card.contacts.get(role="referent_principal")
    assert referent.person.full_name == "Hubert Petitprez"
    assert card.points.filter(kind="frein").exists() and card.points.filter(kind="levier").exists()
    assert card.tools.count() == 4
    see_also = card.links.get()
    assert see_also.target_resource.title == "Lettre VITA n°1"
    assert see_also.label.startswith("septembre 2006. Entretien avec Hubert PETITPREZ")


def test_a_group_field_by_field(imported):
    group = WorkingGroup.objects.get(code="G2")

    assert group.name == "Commande publique responsable"
    assert group.kind == "groupe_travail"
    assert [str(c.person) for c in group.contacts.all()] == ["Patrick Loquet"]
    assert group.period_label == "de décembre 2006 à février 2008"
    assert group.cards.count() == 10
    assert group.resources.filter(title__startswith="Fiche 1").exists()


def test_a_second_run_changes_nothing(imported):
    before = _snapshot()

    outcomes = [import_document(DOCUMENTS_BY_CODE[code]) for code in IMPORTED]

    assert not any(outcome.report.changed for outcome in outcomes)
    assert _snapshot() == before


def test_the_command_dry_run_writes_nothing(imported, capsys):
    ExperienceCard.objects.filter(slug__startswith="maison-emploi").delete()
    before = _snapshot()

    call_command("import_sources", "--only", "000", "--dry-run")

    assert _snapshot() == before
    assert "Essai à blanc : rien n'a été écrit." in capsys.readouterr().out


def test_the_command_reports_per_model(imported, capsys):
    call_command("import_sources", "--only", "000")

    output = capsys.readouterr().out
    assert "27 fiches expériences, 5 groupes" in output
    assert "Tout était déjà à jour." in output

    call_command("import_sources", "--only", "000", verbosity=2)

    assert "fiches expériences inchangés : 27" in capsys.readouterr().out


def test_a_broken_source_aborts_with_a_clear_message_and_writes_nothing(
    imported, tmp_path, monkeypatch
):
    for document in DOCUMENTS:
        shutil.copy(document.path, tmp_path)  # the parser reads the others' words too
    original = DOCUMENTS_BY_CODE["000"].path
    text = original.read_text(encoding="utf-8")
    # One card loses its « NOTRE EXPERIENCE » heading, as a damaged file would.
    (tmp_path / original.name).write_text(
        text.replace("NOTRE EXPERIENCE", "NOTRE HISTOIRE", 1), encoding="utf-8"
    )
    monkeypatch.setattr("sources.documents.SOURCES_DIR", tmp_path)
    ExperienceCard.objects.all().delete()
    before = _snapshot()

    with pytest.raises(CommandError) as error:
        call_command("import_sources", "--only", "000")

    assert str(error.value) == (
        "Le document 000 (000-coorace-recueil-experiences-vita-2008.txt) n'a pas pu être "
        "importé : expected 5 groups and 27 cards, found 5 and 26. Rien n'en a été écrit."
    )
    assert _snapshot() == before


def test_an_unreadable_source_file_is_a_clear_error(imported, tmp_path, monkeypatch):
    (tmp_path / DOCUMENTS_BY_CODE["000"].filename).write_bytes(b"\xff\xfe\x00invalid")
    monkeypatch.setattr("sources.documents.SOURCES_DIR", tmp_path)

    with pytest.raises(CommandError, match="cannot read 000-coorace"):
        call_command("import_sources", "--only", "000")


def test_a_new_import_keeps_the_animators_editorial_decisions(imported):
    card = ExperienceCard.objects.get(slug__startswith="maison-emploi-et-services")
    card.status = PublicationStatus.ARCHIVED
    card.save()
    porteur = card.porteur
    porteur.description = "Présentation revue par l'animatrice."
    porteur.save()

    import_document(DOCUMENTS_BY_CODE["000"])

    card.refresh_from_db()
    porteur.refresh_from_db()
    assert card.status == PublicationStatus.ARCHIVED
    assert porteur.description == "Présentation revue par l'animatrice."


def test_the_counts_each_document_gives(imported):
    from resources.models import FicheLink

    assert set(
        WorkingGroup.objects.filter(programme__slug="vita-dts-2008-2010", kind="atelier")
        .values_list("code", flat=True)
    ) == {"A1", "A2", "A3"}  # fmt: skip
    assert WorkingGroup.objects.filter(code="GT", kind="groupe_travail").exists()
    manual = Fiche.objects.filter(resource__collection__parent__slug="manuel-dts-v1")
    assert manual.count() == 41
    assert {fiche.part for fiche in manual} == {"I", "II", "III"}
    assert FicheLink.objects.filter(source__in=manual, target__in=manual).count() >= 250
    assert Keyword.objects.filter(entries__fiche__in=manual).distinct().count() == 53
    cooperation = Fiche.objects.filter(code__startswith="COOP-")
    assert cooperation.count() == 7
    assert ExperienceCard.objects.filter(fiche__in=manual).count() == 20
    parsed_cards = sum(len(outcome.parsed.cards) for outcome in imported.values())
    assert ExperienceCard.objects.count() == parsed_cards, "two documents gave one card key"


def test_organisations_named_by_several_documents_are_one_record(imported):
    assert Organisation.objects.filter(name="COORACE").count() == 1
    isactys = Organisation.objects.get(name="Groupe ISACTYS")
    sources = set(
        ExperienceCard.objects.filter(porteur=isactys).values_list(
            "source_resource__slug", flat=True
        )
    )
    assert {"recueil-experiences-vita-2008", "fiches-synthetiques-vita-dts-2010"} <= sources
    assert Organisation.objects.filter(acronym="AVISE").count() == 1
    assert not Organisation.objects.filter(name__in=["ISACTYS", "Porte Ouverte Emplois"]).exists()


def test_a_project_listed_without_its_card_is_kept_as_a_listing(imported):
    listings = ProjectListing.objects.select_related("working_group")
    assert listings.exists()
    assert all(listing.working_group.code == "A3" for listing in listings)
    assert not ExperienceCard.objects.filter(title__in=[item.title for item in listings]).exists()
