"""Document 000, read card by card against the scan: the porteur's 2008 presentation (shown
on the structure's page), the card's title put in small letters, and its territory.

Presentations are compared on their letters (as the golden cards are): the words' repair
is tested elsewhere; here, where each presentation starts and ends, and whose it is.
"""

import re
import unicodedata
from html import unescape

import pytest
from django.urls import reverse

from experiences.models import ExperienceCard
from organisations.models import Organisation
from sources.documents import DOCUMENTS_BY_CODE
from sources.models import ImportedRecord
from sources.parsers import recueil_vita

DOCUMENT = DOCUMENTS_BY_CODE["000"]


def card(parsed_000, code):
    return next(c for c in parsed_000.cards if c.source_key == f"experience-{code}")


def presentation(parsed_000, code):
    porteur = card(parsed_000, code).porteur
    return next(o for o in parsed_000.organisations if o.name == porteur).description


def letters(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


# -- presentations ----------------------------------------------------------------------

# Each card's presentation of its porteur, as the scan prints it: (its first words, its last
# words). G2-9 (Nantes Métropole) has none: « NOTRE EXPÉRIENCE » follows the e-mail.
PRESENTATIONS = {
    "G1-1": ("Le groupe ISACTYS est un groupe", "entre l'Isère et la Savoie : la Vallée du "
             "Guiers."),
    "G1-2": ("ARCHER est un ensemblier", "un pôle transversal d'accompagnement professionnel, de "
             "formation, d'orientation, etc."),
    "G1-3": ("L'ALCG est née en 1978", "revalorisation des objets et des matières recyclables."),
    "G2-1": ("Sur le territoire du Pays Sambre-Avesnois", "(près de 40 000 heures en 2007)."),
    "G2-3": ("AIDE EMPLOI SERVICES (AIDE) a été", "pour la production de jus de pomme et de "
             "produits dérivés."),
    "G2-4": ("Créée en 1995, E3i", "une structure d'accompagnement des publics en CHRS."),
    "G2-6": ("2IAE Haute Normandie (Inter réseau", "de porter des projets collectifs "
             "transversaux."),
    "G2-7": ("Le CAI 92 est une association", "de la formation et de la professionnalisation."),
    "G2-8": ("En vertu de l'acte", "et les Conseils Régionaux (pour les lycées)."),
    "G2-10": ("L'inter-réseaux de l'IAE en Pays de la Loire", "Mener des actions collectives "
              "régionales."),
    "G3-1": ("Fondée en 1987, Association Intermédiaire AIR", "pour ses salariés en parcours "
             "professionnalisant."),
    "G3-3": ("Le Pôle Economie Solidaire du Sud Essonne", "en portant des projets novateurs."),
    "G3-4": ("Créée il y a vingt ans à Dole", "vers l'emploi et/ou la formation ont été "
             "comptabilisées."),
    "G3-5": ("Le COORACE Pays de la Loire, échelon régional", "regroupées sous la marque "
             "Proxim'Services."),
    "G3-7": ("Créée en 1997, Anjou Domicile", "Réseau National des Plates-formes de Services aux "
             "Particuliers."),
    "G4-1": ("ESSOR est une Association Intermédiaire (AI)", "des actions d'accompagnement et de "
             "suivi socio professionnel."),
    "G4-2": ("L'Association Maison des Squares", "de l'engagement citoyen et de la démocratie "
             "participative."),
    "G5-1": ("L'Association Intermédiaire Rhuys Emplois", "qu'elle a créée sous la marque "
             "Proxim'Services en 2002."),
    "G5-2": ("Association d'éducation populaire fondée en 1962", "au patrimoine, à l'environnement "
             "et aux innovations écologiques."),
    # The document's own: no full stop.
    "G5-3": ("AGATE Paysages a pour objectif", "d'accompagner tout individu en recherche "
             "d'activité ou de lien social"),
    "G5-4": ("Ulisse est groupe économique solidaire", "issues du réseau de l'hébergement "
             "temporaire et d'urgence)."),
    "G5-5": ("Sur le Pays de Caux en Seine Maritime", "a contribué à créer l'Association "
             "Intermédiaire (AI) Brotonne Service."),
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(PRESENTATIONS))
def test_each_presentation_starts_and_ends_where_the_card_prints_it(parsed_000, code):
    opening, closing = PRESENTATIONS[code]
    text = letters(presentation(parsed_000, code))
    assert text.startswith(letters(opening)), code
    assert text.endswith(letters(closing)), code


def test_a_card_without_a_presentation_gives_its_porteur_none(parsed_000):
    assert presentation(parsed_000, "G2-9") == ""


def test_no_presentation_holds_the_experience_or_page_furniture(parsed_000):
    for organisation in parsed_000.organisations:
        text = organisation.description
        assert not re.search(r"(?i)notre exp[ée]rience|sommaire|^contexte$", text), organisation
        assert "Groupe de travail VITA" not in text, organisation


def test_the_presentation_cut_by_the_scan_ends_where_the_card_s_does(parsed_000):
    """G2-2: « En janvier 2007, l'AI Centremploi a souhaité » closed the presentation; it
    opens a paragraph of the experience, under its subheading, and goes on there."""
    assert letters(presentation(parsed_000, "G2-2")).endswith(letters("du RMI (2002)."))
    experience = card(parsed_000, "G2-2")
    text = f"{experience.context}\n\n{experience.actions}"
    assert (
        "(TOS) des collèges\n\nEn janvier 2007, l'AI Centremploi a souhaité investiguer la "
        "piste d'un conventionnement sur le remplacement des personnels TOS des collèges"
    ) in text
    # The subheading stands apart from the sentence before it.
    assert re.search(r"sur deux projets\.\n\n(?:### )?Projet de conventionnement avec le", text)


def test_a_structure_two_cards_present_in_the_same_words_is_presented_once(parsed_000):
    """Espace CENTREMPLOI (G2-2, G3-2): the same words, kept once, as the later card
    prints them (« l'Association Intermédiaire Centremploi »)."""
    text = presentation(parsed_000, "G3-2")
    assert presentation(parsed_000, "G2-2") == text
    assert text.count("Créé en 2006") == 1 and "Fiche «" not in text
    assert "- l'Association Intermédiaire Centremploi (1992)" in text
    assert text.endswith("- un lieu d'accueil pour les bénéficiaires du RMI (2002).")


def test_a_structure_two_cards_present_differently_keeps_each_under_its_card(parsed_000):
    """COORACE Midi-Pyrénées: « 6 Associations de Services aux Personnes » on G2-5,
    « 7 (avec l'Aquitaine) » on G3-6; neither takes the other's words."""
    text = presentation(parsed_000, "G3-6")
    assert presentation(parsed_000, "G2-5") == text
    first, second = text.split("\n\n*Fiche « ")
    assert first.startswith(
        "*Fiche « Journée régionale inter réseaux clauses sociales dans les marchés publics » "
        "(p. 45) :*\n\nLe COORACE Midi-Pyrénées est l'échelon régional"
    )
    assert second.startswith(
        "Parcours d’insertion et de qualification dans l’aide à domicile » (p. 95) :*\n\n"
        "Le COORACE Midi-Pyrénées est l'échelon régional"
    )
    assert "et 6 Associations de Services aux Personnes" in first and "7 (avec" not in first
    assert "et 7 (avec l'Aquitaine) Associations de Services aux Personnes" in second
    assert "6 Associations" not in second


def test_a_presentation_keeps_its_list(parsed_000):
    """G2-3: « * une association … » is the list's first item (a bullet, no mark the scan
    left on a contact line); G2-10: « o Etre l'interlocuteur … » is an item of its own."""
    assert (
        "sur le territoire du Pays de Redon et Vilaine :\n\n"
        "- une association de services aux personnes (de la marque “ Proxim’Services ”);\n"
        "- un centre de formation (Prest Services) ;\n"
    ) in presentation(parsed_000, "G2-3")
    items = [
        line for line in presentation(parsed_000, "G2-10").splitlines() if line.startswith("- ")
    ]
    openings = ["Rendre lisible l'insertion", "Etre l'interlocuteur reconnu", "Mener des actions"]
    assert len(items) == len(openings)
    for item, opening in zip(items, openings, strict=True):
        assert letters(item).startswith(letters(opening)), item


# -- titles -----------------------------------------------------------------------------

# The 27 titles, read against the scan: the capitals of the heading put in small letters
# (a word as the documents write it after the same word, or as another document quotes the
# title), the accents the scan dropped, French spacing before « : ».
TITLES = {
    "G1-1": "Maison Emploi et Services animée par un groupe d’économie sociale",
    "G1-2": "Pôle Sud : Pôle de coopération et d’initiatives Sud Rhône-Alpes",
    "G1-3": "La BISE, Boutique de l’initiative solidaire et de l’emploi : un projet collectif "
            "au service du territoire",
    "G2-1": "Amélioration de la qualité des parcours d’insertion par le renforcement des "
            "partenariats avec les collectivités dans le cadre des marchés publics",
    "G2-2": "Vers la création d’un dispositif partenarial de gestion des clauses sociales et "
            "l’expérimentation d’un conventionnement avec le Conseil Général",
    "G2-3": "Mise en œuvre de la clause d’insertion du Code des marchés publics",
    "G2-4": "Construction d’une légitimité d’intervention dans la mise en œuvre de la clause "
            "d’insertion du Code des marchés publics pour une ETTI",
    "G2-5": "Journée régionale inter réseaux clauses sociales dans les marchés publics",
    "G2-6": "Journée d’information sur les clauses sociales dans les marchés publics",
    "G2-7": "Rencontre départementale pour la mobilisation des clauses sociales du Code des "
            "marchés publics",
    "G2-8": "Dispositif d’insertion par l’emploi relatif à la suppléance par les associations "
            "intermédiaires des personnels chargés de « l’entretien général » dans les collèges "
            "du Pas-de-Calais",
    "G2-9": "Intervention des entreprises de travail temporaire dans la mise en œuvre du "
            "dispositif Clauses d’insertion de Nantes Métropole",
    "G2-10": "Structurer et valoriser l’offre des SIAE sur le territoire pour un meilleur accès "
             "à la commande publique",
    "G3-1": "Développement et valorisation de la filière des services aux personnes sur le "
            "territoire du Pays de Gâtine",
    "G3-2": "Étude de besoins en services auprès de salariés et d’entreprises d’un parc "
            "d'activités - chantier d’insertion",
    "G3-3": "Création d’un pôle multi services d’aide à la mobilité",
    "G3-4": "Programme d’accompagnement socio professionnel par l’accès à la mobilité",
    # The job title with its capital, as p. 91 and 94 quote it (« "Assistante de vie aux
    # familles" »); a quotation in guillemets (G2-8's « “ L’ENTRETIEN GENERAL ” »).
    "G3-5": "Parcours de professionnalisation « Assistante de vie aux familles »",
    "G3-6": "Parcours d’insertion et de qualification dans l’aide à domicile",
    "G3-7": "Association Anjou Domicile : plate-forme des services à la personne du "
            "Maine-et-Loire",
    "G4-1": "Intégrer l’enjeu de l’égalité femmes / hommes dans les pratiques et les outils "
            "d’une association intermédiaire",
    "G4-2": "Égalité des chances et lien social sur Rennes",
    "G5-1": "Projet de création d’une entreprise insérante production et vente de produits "
            "agricoles Bio",
    "G5-2": "Le Palacret : carrefour citoyen des cultures locales et internationales",
    "G5-3": "Groupement économique solidaire avec création d’une association de services aux "
            "personnes et d’une entreprise de travail temporaire",
    # The scan lost its end, and no document quotes it.
    "G5-4": "Création partenariale d'une Ressourcerie réemploi de déchets encombrants sur "
            "l’agglomération",
    "G5-5": "Création d’une entreprise d’insertion de statut SCIC dans les filières lin et "
            "espaces verts",
}  # fmt: skip


def test_every_title_reads_as_the_card_prints_it(parsed_000):
    titles = {c.source_key.removeprefix("experience-"): c.title for c in parsed_000.cards}
    assert titles == TITLES


def test_a_title_word_is_cased_as_the_documents_write_it_after_the_same_word():
    """« TRAVAIL TEMPORAIRE » is « travail temporaire » however often « Travail Temporaire »
    is written in « Entreprise de Travail Temporaire d'Insertion »; « ANJOU DOMICILE » keeps
    the association's capital; after « : » a word is cased as after small letters."""
    words, vocabulary = (
        recueil_vita._clean_words(),
        recueil_vita.Vocabulary(*recueil_vita._all_documents()),
    )

    def cased(title):
        return recueil_vita._title_case(title, vocabulary, words)

    assert cased("ENTREPRISE DE TRAVAIL TEMPORAIRE") == "Entreprise de travail temporaire"
    assert cased("ASSOCIATION ANJOU DOMICILE") == "Association Anjou Domicile"
    assert cased("LE PALACRET : CARREFOUR CITOYEN") == "Le Palacret : carrefour citoyen"
    assert cased("AVEC LE CONSEIL GENERAL") == "Avec le Conseil Général"


# -- territories ------------------------------------------------------------------------

# (région as written, départements, territory name, scale) of each card, read against its
# title, its address and its text.
TERRITORIES = {
    # « un territoire à cheval entre l'Isère et la Savoie : la Vallée du Guiers »
    "G1-1": ("Rhône-Alpes", ["38", "73"], "Vallée du Guiers", ""),
    # « Le Pôle SUD a vocation à desservir le Nord de la Drôme et Ardèche. »
    "G1-2": ("Rhône-Alpes", ["26", "07"], "Nord de la Drôme et de l'Ardèche", ""),
    # « La conjoncture économique locale est difficile sur le Haut Jura. »
    "G1-3": ("Franche-Comté", ["39"], "Haut-Jura", ""),
    "G2-1": ("Nord-Pas-de-Calais", ["59"], "Pays Sambre-Avesnois", ""),
    "G2-2": ("Provence-Alpes-Côte d'Azur", ["13"], "Agglopole Provence", ""),
    # « à cheval sur deux régions … et sur trois départements (Ille et Vilaine, Morbihan et
    # Loire Atlantique) »
    "G2-3": ("Bretagne", ["35", "56", "44"], "Pays de Redon et Vilaine", "intercommunalite"),
    # « La Métro (Communauté d'Agglomération) met en place … »
    "G2-4": ("Rhône-Alpes", ["38"], "Agglomération grenobloise", ""),
    # A regional day: « Ont été invités, sur les 8 départements de la Région … »
    "G2-5": ("Midi-Pyrénées", ["09", "12", "31", "32", "46", "65", "81", "82"], "", "region"),
    "G2-6": ("Haute-Normandie", ["27"], "", ""),
    "G2-7": ("Île-de-France", ["92"], "", ""),
    "G2-8": ("Nord-Pas-de-Calais", ["62"], "", ""),
    "G2-9": ("Pays de la Loire", ["44"], "Nantes Métropole", ""),
    # « (PAYS DE LA LOIRE) »: « département par département : Loire-Atlantique, Maine et
    # Loire, Mayenne, Sarthe, Vendée »
    "G2-10": ("Pays de la Loire", ["44", "49", "53", "72", "85"], "", "region"),
    "G3-1": ("Poitou-Charentes", ["79"], "Pays de Gâtine", ""),
    "G3-2": ("Provence-Alpes-Côte d'Azur", ["13"], "Agglopole Provence", ""),
    "G3-3": ("Île-de-France", ["91"], "Sud Essonne", ""),
    # « Dole et les 24 communes de la communauté d'agglomération »
    "G3-4": ("Franche-Comté", ["39"], "Agglomération de Dole", ""),
    # « (PAYS DE LA LOIRE) »: the AFPA and the COORACE of the région, « réunion d'information
    # régionale »
    "G3-5": ("Pays de la Loire", ["44", "49", "53", "72", "85"], "", "region"),
    # « (MIDI-PYRENEES) », but « sur deux départements : la Haute-Garonne et le
    # Tarn-et-Garonne »
    "G3-6": ("Midi-Pyrénées", ["31", "82"], "", ""),
    "G3-7": ("Pays de la Loire", ["49"], "", ""),
    "G4-1": ("Île-de-France", ["92"], "Nanterre", ""),
    # « Blosne, quartier au Sud de Rennes »
    "G4-2": ("Bretagne", ["35"], "Quartier du Blosne (Rennes)", ""),
    # « le territoire du Pays de Rhuys Muzillac »
    "G5-1": ("Bretagne", ["56"], "Pays de Rhuys - Muzillac", ""),
    "G5-2": ("Bretagne", ["22"], "Pays de Bégard", ""),
    "G5-3": ("Franche-Comté", ["39"], "Bassin d'emploi Dole Revermont", ""),
    "G5-4": ("Rhône-Alpes", ["38"], "Agglomération grenobloise", ""),
    "G5-5": ("Haute-Normandie", ["76"], "Pays de Caux", ""),
}


def test_every_territory_reads_as_the_card_gives_it(parsed_000):
    territories = {
        c.source_key.removeprefix("experience-"): (
            c.region_as_written, c.departement_codes, c.territory_name, c.scale
        )
        for c in parsed_000.cards
    }  # fmt: skip
    assert territories == TERRITORIES


def test_a_reviewed_territory_name_refuses_a_text_that_no_longer_gives_it(parsed_000):
    g4_2 = card(parsed_000, "G4-2")
    with pytest.raises(recueil_vita.SourceFormatError, match="Blosne"):
        recueil_vita._apply_reviewed_territory(g4_2, ["la Maison des Squares à Rennes"])


def test_a_porteur_name_in_capitals_reads_as_the_card_writes_it(parsed_000):
    """The address block prints « NANTES METROPOLE », « JURA SERVICE »: the card's text
    writes « Nantes Métropole », « Jura Service », and so do its porteur and contacts. A
    name the text writes in capitals too stays (« ARCHER », « AIDE EMPLOI SERVICES »); a
    street's name in capitals is put in small letters (« rue Henri DUNANT »)."""
    porteurs = {code: card(parsed_000, code).porteur for code in ("G1-2", "G2-3", "G2-9", "G3-4")}
    assert porteurs == {"G1-2": "ARCHER", "G2-3": "AIDE EMPLOI SERVICES",
                        "G2-9": "Nantes Métropole", "G3-4": "Jura Service"}  # fmt: skip
    for code in ("G2-9", "G3-4"):
        contacts = card(parsed_000, code).contacts
        assert contacts and {c.person.organisation for c in contacts} == {porteurs[code]}
    names = {o.name for o in parsed_000.organisations}
    assert not {"NANTES MÉTROPOLE", "JURA SERVICE"} & names
    addresses = {o.name: o.address for o in parsed_000.organisations}
    assert addresses["AIR (Association Intermédiaire de Réinsertion)"] == "30, rue Louis Aguillon"
    assert addresses[card(parsed_000, "G2-6").porteur] == "28 rue Henri Dunant"


def test_a_reviewed_territory_refuses_a_text_that_no_longer_gives_it(parsed_000):
    g3_6 = card(parsed_000, "G3-6")
    with pytest.raises(recueil_vita.SourceFormatError, match="deux départements"):
        recueil_vita._apply_reviewed_territory(g3_6, ["sur la Haute-Garonne seule"])


# -- what the portal shows ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_structure_page_shows_each_card_s_presentation_once(imported, client):
    coorace = Organisation.objects.get(name="COORACE Midi-Pyrénées")
    text = coorace.presentations.get(document="000").text
    assert text.count("*Fiche « ") == 2
    html = unescape(
        client.get(reverse("organisations:detail", args=[coorace.slug])).content.decode()
    )
    assert "<em>Fiche « Parcours d’insertion et de qualification dans l’aide à domicile »" in html
    assert "7 (avec l'Aquitaine) Associations" in html and "et 6 Associations" in html

    centremploi = Organisation.objects.get(name="Groupement d’employeurs Espace CENTREMPLOI")
    text = centremploi.presentations.get(document="000").text
    assert text.count("Créé en 2006") == 1
    assert text.endswith("(2002).") and "En janvier 2007" not in text


@pytest.mark.django_db
def test_a_card_of_two_departements_lists_both(imported):
    entry = ImportedRecord.objects.get(
        document="000", key="experience-G3-6", content_type__model="experiencecard"
    )
    g3_6 = ExperienceCard.objects.get(pk=entry.object_id)
    assert sorted(g3_6.departements.values_list("code", flat=True)) == ["31", "82"]
    assert g3_6.region_as_written == "Midi-Pyrénées"


# -- porteurs' kinds ---------------------------------------------------------------------

# Each card's porteur and the kinds its presentation gives the porteur itself: a group's
# members (« pour : l'Association Intermédiaire Centremploi », « un pôle … comprenant une
# association intermédiaire », « a contribué à créer l'Association Intermédiaire ») are
# not its kinds; a kind the address block prints after the name is no part of it.
PORTEUR_KINDS = {
    "G1-1": ("Groupe ISACTYS", ["ges_ensemblier"]),
    "G1-2": ("ARCHER", ["ges_ensemblier"]),
    "G1-3": ("Association de Lutte Contre le Gaspillage (ALCG)", ["aci"]),
    "G2-1": ("A.C.I.D.", ["ai"]),
    "G2-2": ("Groupement d’employeurs Espace CENTREMPLOI", ["groupement_employeurs"]),
    "G2-3": ("AIDE EMPLOI SERVICES", ["ai"]),
    "G2-4": ("E3i", ["etti"]),
    "G2-5": ("COORACE Midi-Pyrénées", ["reseau"]),
    "G2-6": ("2IAE Haute Normandie (inter-réseau IAE-COORACE / CHANTIER ÉCOLE)", ["reseau"]),
    "G2-7": ("Comité des Associations Intermédiaires des Hauts-de-Seine (CAI 92)", ["reseau"]),
    "G2-8": ("Conseil Général du Pas-de-Calais", ["collectivite"]),
    "G2-9": ("Nantes Métropole", ["collectivite"]),
    "G2-10": ("Inter-réseaux IAE des Pays de la Loire", ["reseau"]),
    "G3-1": ("AIR (Association Intermédiaire de Réinsertion)", ["ai"]),
    "G3-2": ("Groupement d’employeurs Espace CENTREMPLOI", ["groupement_employeurs"]),
    "G3-3": ("Association d’intérêts collectifs - Pôle Economie Solidaire", ["ges_ensemblier"]),
    "G3-4": ("Jura Service", ["ai"]),
    "G3-5": ("COORACE Pays de la Loire", ["reseau"]),
    "G3-6": ("COORACE Midi-Pyrénées", ["reseau"]),
    "G3-7": ("Anjou Domicile", ["association"]),
    "G4-1": ("ESSOR", ["ai"]),
    # « L'Association Maison des Squares … (AMSIC) gère un équipement »: an association.
    "G4-2": (
        "AMSIC - Association Maison des Squares Solidarité Interculturel Citoyenneté",
        ["association"],
    ),
    "G5-1": ("Rhuys Emplois", ["ai"]),
    "G5-2": ("Etudes et chantiers Bretagne et Pays de la Loire", ["aci"]),
    "G5-3": ("AGATE Paysages", ["aci"]),
    "G5-4": ("Ulisse", ["ges_ensemblier"]),
    "G5-5": ("Bateau de Brotonne / Brotonne Service", ["aci"]),
}


@pytest.mark.parametrize("code", PORTEUR_KINDS)
def test_every_porteur_has_the_kinds_its_presentation_gives_it(parsed_000, code):
    name, kinds = PORTEUR_KINDS[code]
    assert card(parsed_000, code).porteur == name
    porteur = next(o for o in parsed_000.organisations if o.name == name)
    assert porteur.structure_types == kinds


def test_a_partnership_member_the_card_types_apart_has_its_own_record(parsed_000):
    """G5-5: « le Bateau de Brotonne porte trois Ateliers et Chantiers d'Insertion (ACI) et
    a contribué à créer l'Association Intermédiaire (AI) Brotonne Service »; the block
    prints « bateaudebrotonne@free.fr / brotonneservice@free.fr »."""
    organisations = {o.name: o for o in parsed_000.organisations}
    member = organisations["Brotonne Service"]
    assert member.structure_types == ["ai"]
    assert member.email == "brotonneservice@free.fr"
    assert member.departement_code == "76"
    assert organisations["Bateau de Brotonne / Brotonne Service"].email == (
        "bateaudebrotonne@free.fr"
    )


@pytest.mark.django_db
def test_the_portal_types_bateau_de_brotonne_and_brotonne_service_apart(imported):
    bateau = Organisation.objects.get(name="Bateau de Brotonne")
    service = Organisation.objects.get(name="Brotonne Service")
    assert bateau.structure_types == ["aci"]
    assert bateau.email == "bateaudebrotonne@free.fr"
    assert service.structure_types == ["ai"]
    assert service.email == "brotonneservice@free.fr"
    assert Organisation.objects.get(name="A.C.I.D.").structure_types == ["ai"]
    assert Organisation.objects.get(name="Anjou Domicile").structure_types == ["association"]


def test_an_inter_network_is_no_member_of_the_networks_it_groups(parsed_000):
    # G2-10: « l'inter réseaux IAE (COORACE, FNARS, Régie de Quartier, UREI, CHANTIER
    # Ecole, G.E.I.Q.) »: COORACE is one of its members, not its network.
    organisations = {o.name: o for o in parsed_000.organisations}
    assert organisations["Inter-réseaux IAE des Pays de la Loire"].networks == []


def test_a_cedex_is_kept_after_its_town(parsed_000):
    # « 62 018 ARRAS Cedex 9 » (G2-8), « 44 923 Nantes Cedex 9 » (G2-9).
    organisations = {o.name: o for o in parsed_000.organisations}
    arras = organisations["Conseil Général du Pas-de-Calais"]
    assert (arras.postal_code, arras.town, arras.cedex) == ("62018", "Arras", "9")
    assert organisations["Nantes Métropole"].cedex == "9"
    assert sum(1 for o in parsed_000.organisations if o.cedex) == 2
