"""The library's records, read against their documents: what each resource gives a reader
(a file, a text on the portal, an address, a way to ask, or only a reference) and what its
document says of it (publisher, year, address, where it appeared, how to get it)."""

from collections import Counter

import pytest
from django.urls import reverse

from experiences.models import ExperienceCard
from resources.models import Resource
from resources.selectors import with_source_flag
from sources.documents import DOCUMENTS_BY_CODE
from sources.importer import parse_document
from sources.models import ImportedRecord

pytestmark = pytest.mark.django_db

MANUAL_2010 = "adresse donnée par le manuel (2010)"


def _access(resource: Resource) -> str:
    """How a reader gets at the resource, as its page offers it."""
    if resource.file:
        return "fichier"
    if hasattr(resource, "fiche"):
        return "fiche du portail"
    if resource.part_of_id:
        return "dans un document du portail"
    if resource.is_source_document:
        return "document source"
    ways = []
    if resource.links.all():
        ways.append("adresse")
    if resource.availability == "sur_demande":
        ways.append("sur demande")
    if resource.where_to_find:
        ways.append("où la trouver")
    return "référence : " + (" + ".join(ways) or "rien")


@pytest.fixture(scope="module")
def library(imported, django_db_blocker):
    with django_db_blocker.unblock():
        documents = {
            entry.object_id: entry.document
            for entry in ImportedRecord.objects.filter(content_type__model="resource")
        }
        resources = list(
            with_source_flag(Resource.objects.all())
            .select_related("fiche", "publisher", "part_of")
            .prefetch_related("links")
        )
        return {resource.slug: (documents[resource.pk], resource) for resource in resources}


def test_every_resource_gives_a_way_to_it_or_says_where_to_find_it(library):
    counts = Counter((document, _access(resource)) for document, resource in library.values())
    # 000's group productions (their number is the groups' chapters' business) are
    # references one can ask for, which say where the recueil put them.
    productions = [r for _, r in library.values() if r.working_groups.filter(code__startswith="G")]
    assert productions
    assert {_access(r) for r in productions} == {"référence : sur demande + où la trouver"}
    del counts["000", "référence : sur demande + où la trouver"]

    assert counts == {
        ("000", "document source"): 1,
        ("000", "référence : adresse + où la trouver"): 6,  # the Lettres VITA n°1 to 6
        ("001", "document source"): 1,
        ("002", "document source"): 1,
        ("002", "dans un document du portail"): 7,  # its articles
        ("003", "document source"): 1,
        ("003", "fiche du portail"): 41,
        ("003", "référence : adresse"): 24,
        ("003", "référence : adresse + où la trouver"): 4,  # adherents, CEDRE
        ("004", "document source"): 1,
        ("004", "fiche du portail"): 7,
    }
    nothing = [slug for slug, (_, r) in library.items() if _access(r) == "référence : rien"]
    assert nothing == []


def test_the_cards_interviews_point_to_their_lettre_vita_issue(library):
    card = ExperienceCard.objects.get(slug__startswith="maison-emploi-et-services")
    link = card.links.get(kind="a_consulter")
    lettre = link.target_resource

    assert lettre.slug == "lettre-vita-n1"
    assert lettre.title == "Lettre VITA n°1"
    assert (lettre.kind, lettre.publisher.name, lettre.year) == ("lettre", "COORACE", 2006)
    assert (lettre.version_label, lettre.version_date) == ("septembre 2006", None)
    assert lettre.reference_details() == ["COORACE", "septembre 2006"]
    assert "Entretien avec Hubert PETITPREZ, Directeur du Groupe AMOF (devenu ISACTYS) : « " \
        "Passer du partenariat à la mise en œuvre opérationnelle d’un pôle Emploi, Insertion, " \
        "Formation »" in lettre.description  # fmt: skip
    assert [link.url for link in lettre.links.all()] == ["http://www.coorace.org"]
    assert "disponibles sur le site Internet du COORACE" in lettre.where_to_find
    cited = Counter(
        link.target_resource.slug
        for card in ExperienceCard.objects.prefetch_related("links__target_resource")
        for link in card.links.all()
        if link.target_resource and link.target_resource.slug.startswith("lettre-vita")
    )
    # Ten cards of 000 cite an interview; issues 3 to 6 hold two each.
    assert cited == {"lettre-vita-n1": 1, "lettre-vita-n2": 1, "lettre-vita-n3": 2,
                     "lettre-vita-n4": 2, "lettre-vita-n5": 2, "lettre-vita-n6": 2}  # fmt: skip


def test_the_bibliography_keeps_its_access_levels_and_says_how_to_get_them(library):
    by_title = {r.title: r for document, r in library.values() if document == "003"}

    cedre = by_title["Guide pédagogique CEDRE"]
    assert cedre.access_level == "restreint"
    assert cedre.where_to_find == (
        "Réservé aux entreprises engagées dans la démarche Qualité CEDRE, selon le manuel (2010)."
    )
    quality = by_title["Manuel Qualité COORACE"]
    assert quality.access_level == "restreint"
    assert quality.where_to_find.startswith("Téléchargeable à partir du Guide pédagogique CEDRE")
    assert [(link.url, link.label) for link in quality.links.all()] == [
        ("http://www.coorace.org/downloadfichier?id=7015", MANUAL_2010)
    ]
    participation = by_title["Participation des salariés à la vie de l’entreprise"]
    assert participation.description.startswith(
        "Sur la « Participation des salariés à la vie de l’entreprise », des fiches action"
    )  # the footnote call « »1, » is no digit of the text
    assert (
        participation.where_to_find == "Accessible aux adhérents COORACE, selon le manuel (2010)."
    )
    members = by_title["CDD d’Usage Amélioré : les outils du réseau COORACE"]
    assert members.access_level == "adherents"
    assert members.where_to_find == "Accessible aux adhérents COORACE, selon le manuel (2010)."
    avise = by_title["Evaluer l’utilité sociale de son activité"]
    assert (avise.access_level, avise.year, avise.publisher.name) == ("public", 2007, "Avise")
    assert [(link.url, link.label) for link in avise.links.all()] == [
        ("http://www.avise.org", f"Agence pour la Valorisation des Initiatives Socio Economiques, "
                                 f"{MANUAL_2010}")
    ]  # fmt: skip


def test_the_source_documents_say_where_they_were_distributed(library):
    _, recueil = library["recueil-experiences-vita-2008"]
    assert [link.url for link in recueil.links.all()] == [
        "http://www.vita-ressources.org/downloadfichier?id=5867"  # given by 003's bibliography
    ]
    _, fiches = library["fiches-synthetiques-vita-dts-2010"]
    assert [link.url for link in fiches.links.all()] == ["http://www.vita-ressources.org"]
    assert "téléchargeables sur le site du Centre de ressources VITA" in fiches.where_to_find


def test_articles_and_announced_fiches_say_where_they_appeared(library):
    _, article = library["dla-et-territoires-18-territoires"]
    assert article.part_of.slug == "dla-et-territoires-18"
    assert article.part_of_detail == "p. 2-3"
    _, announced = library["cooperation-tzcld"]
    assert announced.availability == "en_preparation"
    assert announced.part_of.slug == "webinaire-iae-ea-cooperation-2022"
    assert "espace collaboratif du CRIE" in announced.where_to_find


def test_a_production_of_the_recueil_is_a_reference_one_can_ask_for(library):
    _, production = next(
        (d, r) for d, r in library.values() if r.title.startswith("Une note de présentation")
    )
    assert production.is_reference
    assert production.availability == "sur_demande"
    assert "mises à la disposition de tout acteur intéressé" in production.where_to_find


def test_a_reference_page_says_so_without_a_download_button(client, library):
    _, quality = next((d, r) for d, r in library.values() if r.title == "Manuel Qualité COORACE")
    page = client.get(reverse("resources:resource", args=[quality.slug])).content.decode()

    assert "Référence bibliographique" in page
    assert "<cite>Manuel Qualité COORACE</cite>, COORACE, 2010." in page
    assert "Téléchargeable à partir du Guide pédagogique CEDRE" in page
    assert "http://www.coorace.org/downloadfichier?id=7015" in page
    assert "Télécharger" not in page
    listing = client.get(reverse("resources:library"), {"q": "Manuel Qualité"}).content.decode()
    assert "Référence bibliographique" in listing


def test_an_article_page_names_its_issue_and_is_no_reference(client, library):
    page = client.get(reverse("resources:resource", args=["dla-et-territoires-18-territoires"]))
    html = page.content.decode()

    assert "Référence bibliographique" not in html
    assert "paru dans" in html and "p. 2-3" in html


def test_the_parsers_give_every_lettre_vita_issue_the_cards_cite():
    document = parse_document(DOCUMENTS_BY_CODE["000"])
    issues = {r.key: r for r in document.resources if r.kind == "lettre"}

    assert sorted(issues) == [f"lettre-vita-n{n}" for n in range(1, 7)]
    # The interviews as the scan prints them once its misread quotes and letters are fixed
    # (corrections.toml): no « ™ », « * », « [ », « P6le », nor the chapter's side label.
    assert (
        "- Entretien avec Gaëlle CORCUFF, Directrice de Rhuys Emplois (Association "
        "Intermédiaire, Morbihan) : « Pour une logique de développement par filières métiers "
        "en partenariat avec les acteurs du territoire »" in issues["lettre-vita-n3"].description
    )
    assert (
        "- Entretien avec Jean GIROUD, Président de l'Association Intermédiaire ESSOR : « Intégrer "
        "l'enjeu de l'égalité des chances entre femmes et hommes dans un projet partenarial en "
        "milieu urbain » (fiche" in issues["lettre-vita-n5"].description
    )
    assert "Coordinatrice du Pôle Economie Solidaire Sud Essonne (Etampes) : « Développer" in (
        issues["lettre-vita-n6"].description
    )
    assert [issues[f"lettre-vita-n{n}"].version_label for n in range(1, 7)] == [
        "septembre 2006", "décembre 2006", "mars 2007", "juin 2007", "septembre 2007",
        "décembre 2007",
    ]  # fmt: skip


def test_the_fiches_complete_their_bibliography_entries(library):
    """What a fiche says of an entry beyond the bibliography's line (I-C-1-b, I-A-1)."""
    _, propositions = library["manuel-dts-biblio-50-propositions-pour-changer-de-cap"]
    # « diffusées en décembre 2009 (www.lelabo-ess.org), le Labo ESS a avancé… »
    assert (propositions.year, propositions.publisher.name) == (2009, "Labo de l’ESS")
    _, etd = library["manuel-dts-biblio-gestion-territoriale-des-emplois-et-competences"]
    assert "http://www.projetdeterritoire.com/index.php/Focus/(focus)/24377" in [
        link.url for link in etd.links.all()
    ]
