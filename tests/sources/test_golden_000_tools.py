"""000's cards as their contact blocks print them, and a card's contact row keeping the
function and e-mail its card prints (the person shows the latest document's)."""

import difflib
import html
import re
import unicodedata

import pytest
from django.urls import reverse

from experiences.models import CardContact, ExperienceCard
from sources.documents import DOCUMENTS_BY_CODE
from sources.models import ImportedRecord
from sources.ownership import fingerprint
from tests.admin_forms import change_through_admin, inline_prefix
from tests.sources.test_editors_work_kept import reimport

DOCUMENT = DOCUMENTS_BY_CODE["000"]


def cards(parsed_000) -> dict:
    return {card.source_key: card for card in parsed_000.cards}


def skeleton(value):
    """Letters and digits only, lower case, accents aside."""
    if isinstance(value, list):
        return [skeleton(item) for item in value]
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def tools(parsed_000, key) -> list[str]:
    return [tool.text for tool in cards(parsed_000)[f"experience-{key}"].tools]


# -- tools --------------------------------------------------------------------------------

# Tools read against the scan: one item is one tool as the card prints it, with its address.
TOOLS = {
    # Contact details under the DEC were four items: a person's e-mail is left out
    # (personal data), E4's own mailbox stays, as a site's address does; each network's
    # description was an item apart from its name and address.
    "G5-5": [
        "### Projet de territoire - Démarche « Entreprendre en coopérant »",
        "La démarche « Entreprendre en coopérant » (DEC) a été conçue par Auxilia et E4. "
        "Auxilia : (http://www.auxilia.asso.fr) ; E4 : association.e4@gmail.com",
        "### Projet de création d'une EI de statut SCIC",
        "Bateau de Brotonne / Brotonne Service :"
        "\n- L'expérience du directeur\n- De nombreuses ressources documentaires accumulées "
        "sur le statut de SCIC",
        # « Les ressources extérieures : », their group's heading over them, as printed.
        "Les ressources extérieures :\n- Réseau Entreprendre "
        "(http://www.reseau-entreprendre.org). Des associations locales, départementales ou "
        "régionales du réseau sont actives au plus près des porteurs de projet.\n- France "
        "Active (http://www.franceactive.org). France Active et le réseau des Fonds "
        "territoriaux proposent des outils financiers mobilisables par les acteurs de "
        "l'économie sociale et solidaire, notamment pour créer ou développer une activité.\n- "
        "Les Unions Régionales des SCOP (http://www.scop.coop). Les URSCOP sont des lieux "
        "ressources pour la création et l'appui aux SCIC, ainsi que des pivots de l'animation "
        "SCIC en Région.",
    ],
    # « Deux ressources principales » (that sentence the tools' intro): the plaquette (its name
    # spelled out in brackets) and what it holds, then the SAS's presentation, its file and
    # what that holds; a leaflet's or a file's contents are a list under it, no tools.
    "G1-2": [
        "Plaquette de présentation du Pôle SUD (Pôle de Coopération et d'Initiative sud "
        "Rhône-Alpes) :\n- Les principes fondateurs de l'Economie Sociale et Solidaire\n- Les "
        "acteurs du Pôle SUD : ARCHER, COORACE Rhône-Alpes, la CRESS Rhône Alpes, la NEF "
        "(société coopérative de finances solidaires), l'ADIE (Association pour le Droit à "
        "l'Initiative Economique), l'Union Régionale des SCOP.\n- Les témoignages de soutiens, "
        "notamment des Conseils Généraux de la Drôme et de l'Ardèche.",
        "Présentation de la Société par Actions Simplifiée Groupe ARCHER Pôle de coopération "
        "économique. Dossier de présentation du Groupe ARCHER :\n- Les raisons de la création "
        "de la société : éléments stratégiques, éléments juridiques et financiers, management "
        "et communication.\n- Les objectifs : gestion des activités marchandes du Groupe "
        "ARCHER ; animation du Pôle SUD ; mise en place du projet de développement de "
        "l'emploi.\n- Fonctionnement de la S.A.S. : Collège des associés ; Conseil de "
        "gouvernance ; Comité d'éthique et charte ; Directoire.\n- Quelques éléments sur "
        "l'activité d'ARCHER : l'organisation, son activité d'accueil, d'accompagnement de "
        "salariés, l'évolution de son chiffre d'affaires, etc.",
    ],
    # « Sont disponibles auprès du CAI 92 : » says where to ask for them all: the tools'
    # intro, not said again on each (a paragraph then names its own provider).
    "G2-7": [
        "La liste des intervenants élaborée par le "
        "Comité d'organisation de la rencontre. L'ambition était de mobiliser toute la "
        "diversité des acteurs impliqués dans la mise en œuvre des clauses sociales : élus "
        "et techniciens représentant les donneurs d'ordre (collectivités territoriales, mais "
        "également établissements publics), entreprises locales répondant aux appels d'offre "
        "travaillant déjà avec des SIAE, ainsi qu'acteurs de l'insertion et de l'emploi.",
        "La plaquette de présentation - programme de la "
        "rencontre élaborée par le comité d'organisation et éditée par la Maison de l'Emploi "
        "et de la Formation de Nanterre (diffusée par email auprès des réseaux et par "
        "courrier aux institutionnels).",
        "Les propositions de l'inter réseaux IAE 92 sur "
        "les suites à donner à la manifestation pour l'ensemble des acteurs de l'IAE :\n- "
        "Connaître les territoires d'intervention des MDE et des PLIE\n- "
        "Recenser l'offre d'insertion des différentes structures de l'IAE\n- "
        "Informer et/ou former les acteurs de l'IAE sur les clauses sociales\n- "
        "Inciter les acteurs de l'IAE à être parties prenantes dans la mise en œuvre des "
        "clauses sociales.",
        "Les actes de la rencontre peuvent également être mis à disposition par la Maison de "
        "l'Emploi et de la Formation de Nanterre (fin janvier 2008).",
    ],
    # « Éléments du dossier remis aux participants : » was a tool naming nothing: the file
    # « présenté ci-dessous » holds the two items after it; the minutes are the organisers'.
    "G2-6": [
        "Programme de la journée",
        "Liste et coordonnées des intervenants",
        "Éléments du dossier remis aux participants :\n- Documents produits par Patrick "
        "LOQUET (exposé du cadre, modèles, etc.)\n- Présentation des différents types de SIAE "
        "et cartographie de leur implantation dans l'Eure.",
        "Comptes rendus des réunions du comité de pilotage de l'événement.",
        "Comptes rendus des réunions du groupe de travail « Marchés publics » de la démarche "
        "« Prospective » portée par 2IAE.",
    ],
    # The ten write-ups were joined by « ; » in one line: printed as a list under the tool.
    "G3-1": [
        "Etudes et enquêtes sur les besoins et l'offre de services.",
        "Description et bilan des expérimentations conduites par les partenaires dans le cadre "
        "du projet « Des Gens au service des gens » :"
        + "".join(
            f"\n- {item}"
            for item in (
                "Enquête de Gestion Prévisionnelle des Emplois et Compétences (GPEC) et des "
                "besoins immédiats dans la filière (AIR) ;",
                "Garde de nuit (CLIC) ;",
                "Garde d'enfants en horaires décalés (Centres sociaux) ;",
                "Réseau vigilance (CCAS de Parthenay) ;",
                "Mobilité (Gâtine Emploi) ;",
                "Papot'Age (MSA) ;",
                "Appui conseil aux services (CLIC) ;",
                "Formation partagée pour les professionnels des services à la personne (ADMR) ;",
                "Formation des demandeurs d'emploi déjà investis à temps partiel dans la filière "
                "(AIR) ;",
                "Base de données (informatisée) de remplaçants (AIR).",
            )
        ),
        "L'ensemble des outils et ressources sont disponibles sur le site Internet du "
        "programme « Des gens au service des gens » : http://www.gatine.org/equal/",
    ],
    # The plaquette's title and its paragraph were two items.
    # The CRES's site (its first tool, checked apart) holds the five items under it.
    "G2-10": [
        "Plaquette de communication sur l'offre des SIAE en Pays de la Loire, à l'attention "
        "des acheteurs publics. La plaquette (4 pages) a été tirée à 5000 exemplaires pour "
        "une diffusion large sur la région des Pays de la Loire (avril 2006). Elle est "
        "téléchargeable sur le site Internet de la CRES Pays de la Loire.",
    ],
    # The network's two paragraphs were tools of their own, and « Dom'inno » « - Vaucluse
    # (84) » cut the list of its members in two.
    "G3-7": [
        # « Disponibles sur demande au COORACE, … : », the heading of the four documents,
        # over them as printed (the network after them is no document of the COORACE's).
        "Disponibles sur demande au COORACE, qui s'engage à en tenir informé Anjou "
        "Domicile :"
        + "".join(
            f"\n- {document}"
            for document in (
                "Diaporama de présentation de l'association.",
                "Le projet associatif pose l'objet et les objectifs que se donne l'association. "
                "Il a fait l'objet d'un débat et d'une élaboration collective. Il précise "
                "également le champ de compétences et d'action de la plate-forme, les "
                "engagements de service de l'association et l'engagement de ses membres.",
                "Le projet de service concrétise le projet associatif en actions concrètes et les "
                "moyens nécessaires à leur mise en œuvre.",
                "Les statuts sont le fruit de l'histoire d'Anjou Domicile et plus précisément "
                "d'un moment social de son histoire. Ils ne peuvent pas être transposés tels "
                "quels au sein d'une autre plate-forme. Les autres plate-formes membres du "
                "Réseau national ont d'ailleurs des fonctionnements bien distincts.",
            )
        ),
        "Ressource : Réseau National des Plates-Formes de Services aux Particuliers (pour en "
        "savoir plus sur les travaux du Réseau, contacter Anjou Domicile). Le Réseau regroupe "
        "8 plate-formes départementales de services aux particuliers : Anjou Domicile - Maine "
        "et Loire (49) ; le Centre Ressources du Val de Marne (94) ; CQFD - Bouches du Rhône "
        "(13) ; Dom'inno - Vaucluse (84) : Le Point Info Services à Domicile du Gard (30) ; le "
        "Pôle d'activités de services - Bouches du Rhône (13) ; le Pôle Emploi Services "
        "Hérault (34) et Vivial ESP 38 - Isère (38). Le Réseau national a défini le concept "
        "de plate-forme à l'échelle du département, considéré comme l'échelle la plus propice "
        "pour contribuer à une structuration et à une professionnalisation du secteur. Il "
        "défend ce concept auprès des pouvoirs publics et noue des partenariats pour le "
        "développer. Il met à la disposition des acteurs intéressés une ingénierie "
        "d'accompagnement au montage d'une plate-forme.",
    ],
}


# What a card says of its tools as a whole, over their list (`tools_intro`): it was
# dropped, or said again before each tool.
TOOLS_INTROS = {
    "G1-2": "Deux ressources principales peuvent être mises à la disposition des acteurs "
    "intéressés :",
    "G2-6": "Les outils et ressources suivants sont mis à la disposition de tout acteur "
    "intéressé :",
    "G2-7": "Sont disponibles auprès du CAI 92 :",
    "G3-2": "L'espace CENTREMPLOI met à la disposition de tout acteur intéressé les ressources "
    "suivantes :",
    "G3-3": "L'Association d'Intérêts Collectifs - PES Sud Essonne peut être sollicitée pour "
    "transmettre des outils et des ressources.",
    "G4-1": "Début 2008, les actions commencent juste à être initiées. Cependant, il est prévu "
    "de mettre en place rapidement et de tenir à la disposition des acteurs intéressés :",
    "G4-2": "L'AMSIC met à la disposition de tout acteur intéressé les outils et ressources "
    "suivants :",
    # How the porteur works, then « Cependant, » what it makes available.
    "G5-2": "Etudes et chantier Bretagne Pays de la Loire privilégie une démarche de "
    "construction « chemin faisant » : avancer en s'appuyant sur des activités d'amorçage "
    "liées à l'accueil ou issues des différents types de chantiers qu'elle porte (chantiers "
    "et séminaires internationaux, chantiers d'accueil social, chantiers formation, chantiers "
    "d'insertion).\n\nCependant, elle met à la disposition des acteurs intéressés :",
}


def test_a_cards_tools_intro_is_said_once_over_its_list(parsed_000):
    by_key = cards(parsed_000)
    found = {
        key.removeprefix("experience-"): card.tools_intro
        for key, card in by_key.items()
        if card.tools_intro
    }
    assert found.keys() == TOOLS_INTROS.keys()
    for key, intro in TOOLS_INTROS.items():
        assert skeleton(found[key]) == skeleton(intro), key
        first_words = skeleton(intro)[:30]
        assert not [t for t in tools(parsed_000, key) if skeleton(t).startswith(first_words)]


def test_a_heading_over_some_tools_keeps_them_under_it(parsed_000):
    # Anjou Domicile's « Disponibles sur demande au COORACE … : » heads four documents, not
    # the network after them: no intro; G2-9's purpose heads its two documents.
    assert not cards(parsed_000)["experience-G3-7"].tools_intro
    first, second = tools(parsed_000, "G2-9")[:2]
    assert first.startswith(
        "Pour mieux comprendre le Dispositif Clauses d’insertion de "
        "Nantes Métropole :\n- Plaquette de présentation du Dispositif"
    )
    assert first.count("\n- ") == 2
    assert second.startswith("Par ailleurs, tous les documents relatifs")


# What the CRES's site holds, as the card lists it under its address.
G2_10_SITE = [
    "Plaquette téléchargeable : « La clause sociale, tout le monde y gagne ! »",
    "Cartographie de l'offre de services des SIAE régionales, département par département : "
    "Loire-Atlantique, Maine et Loire, Mayenne, Sarthe, Vendée.",
    "Le Code des marchés publics : les articles du Code concernant l'insertion professionnelle "
    "(articles 14, 30, 53).",
    "Modèles de délibération proposés par Patrick Loquet, Maître de conférences à "
    "l'Université de Valenciennes.",
    "Plus d'infos : des sites Internet pour accéder à plus d'informations.",
]


@pytest.mark.parametrize("key", sorted(TOOLS))
def test_each_tool_is_one_item_as_the_card_prints_it(parsed_000, key):
    found = tools(parsed_000, key)
    if key == "G5-5":  # its last item, « Voir également : … », holds a damaged address
        assert found[-1].startswith("Voir également : L'inter réseaux SCIC (http://")
        found = found[:-1]
    if key == "G2-10":  # its first item holds a damaged address
        site, *contents = found[0].split("\n- ")
        assert site.startswith("Site Internet de la Chambre Régionale d’Economie Sociale : ")
        assert skeleton(contents) == skeleton(G2_10_SITE)
        found = found[1:]
    # Which text makes which tool: each one as the scan reads it, a mended letter aside.
    assert len(found) == len(TOOLS[key]), found
    for tool, expected in zip(skeleton(found), skeleton(TOOLS[key]), strict=True):
        assert difflib.SequenceMatcher(None, tool, expected).ratio() > 0.97, (tool, expected)


def test_no_tool_shows_a_persons_e_mail_address(parsed_000):
    addresses = [
        address
        for card in parsed_000.cards
        for tool in card.tools
        for address in re.findall(r"[\w.+-]+@[\w.-]+", tool.text)
    ]
    # A structure's mailbox locates its tools; « benoit.duret@… » beside it is left out.
    assert addresses == ["association.e4@gmail.com"]


def test_a_tools_address_is_a_web_address(parsed_000):
    addresses = {
        address.rstrip(".")
        for card in parsed_000.cards
        for tool in card.tools
        for address in re.findall(r"(?:https?://|www\.)[^\s()]+", tool.text)
    }
    web = re.compile(r"(?:https?://)?www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/[\w/.-]*)?")
    assert all(web.fullmatch(address) for address in addresses), addresses
    # « cres-pdLl.org », « mww.scic.coop » as the scan read them
    assert {"http://www.cres-pdl.org/", "http://www.scic.coop"} <= addresses


def test_a_tools_list_stays_a_list(parsed_000):
    # Skeletons compare letters: the line breaks of the lists are checked here.
    g3_1 = tools(parsed_000, "G3-1")[1]
    assert g3_1.count("\n- ") == 10 and " ; " not in g3_1
    assert tools(parsed_000, "G2-6")[2].count("\n- ") == 2
    g1_2 = tools(parsed_000, "G1-2")
    assert [tool.count("\n- ") for tool in g1_2] == [3, 4]
    # The paragraph that names who else provides its tool is out of the CAI 92's group.
    assert tools(parsed_000, "G2-7")[-1].startswith("Les actes de la rencontre")


def test_a_heading_over_a_list_of_tools_is_printed_over_it(parsed_000):
    # Its items were each prefixed by it (« Informations sur : La réglementation … »).
    g3_3 = tools(parsed_000, "G3-3")
    assert g3_3[-1] == (
        "Informations sur :\n- La réglementation relative à la mobilité\n- La création et la "
        "coordination d'un service de transport solidaire"
    )
    assert [tool.split("\n")[0] for tool in tools(parsed_000, "G5-4")] == [
        "Ulisse :", "Réseau National des Ressourceries - Recycleries :",
        "Agence de l'Environnement et de la Maîtrise de l'Energie (ADEME) :",
    ]  # fmt: skip
    # A heading over one tool still heads it on its line.
    assert tools(parsed_000, "G3-5")[1].startswith("Phase d’information : Fiche de position")
    for each in parsed_000.cards:
        for tool in each.tools:
            lines = tool.text.split("\n")
            heads = [line.split(" : ")[0] for line in lines[1:] if " : " in line]
            assert len(heads) < 2 or len(set(heads)) > 1, (each.source_key, tool.text[:80])


def test_a_heading_over_tools_with_lists_of_their_own_is_a_heading_row(parsed_000):
    # G2-2 (p. 35): « Mise en place d'un dispositif territorial partenarial … » over Patrick
    # Loquet's fiches (with their list), his intervention and the Alliance Villes Emploi's
    # guide; G5-5 (p. 146): « Projet de création d'une EI de statut SCIC » over the
    # porteurs' resources and the external ones, each a list.
    g2_2 = tools(parsed_000, "G2-2")
    assert g2_2[1] == (
        "### Mise en place d'un dispositif territorial partenarial de gestion des clauses "
        "sociales du Code des marchés publics"
    )
    assert [tool[:12] for tool in g2_2[2:]] == ["Les fiches t", "L'interventi", "Le Guide Cla"]
    g5_5 = tools(parsed_000, "G5-5")
    assert [tool.split("\n")[0][:40] for tool in g5_5] == [
        "### Projet de territoire - Démarche “ En",
        "La démarche “Entreprendre en coopérant” ",
        "### Projet de création d’une EI de statu",
        "Bateau de Brotonne / Brotonne Service :",
        "Les ressources extérieures :",
        "Voir également : L'inter réseaux SCIC (h",
    ]
    headed = {c.source_key for c in parsed_000.cards for t in c.tools if t.text.startswith("###")}
    assert headed == {"experience-G2-2", "experience-G5-5"}


def test_every_tool_starts_a_sentence(parsed_000):
    # « Ingénierie et la conduite d'un projet de Plate forme Mobilité : » over its items
    assert tools(parsed_000, "G3-3")[0].startswith("Ingénierie et la conduite d’un projet")
    assert all(
        tool.text.removeprefix("### ")[:1].isupper()
        for card in parsed_000.cards
        for tool in card.tools
    )


# -- contacts ---------------------------------------------------------------------------

# Each card's people as its contact block prints them, read against the scan: first name,
# surname, function, e-mail (an e-mail the card prints under the porteur alone is the
# porteur's). Two e-mails keep the character the scan lost (G3-4, G3-5).
CONTACTS = {
    "G1-1": [("Hubert", "Petitprez", "Directeur", "")],
    "G1-2": [("Christophe", "Chevalier", "Directeur", "")],
    "G1-3": [("Xavier", "Collard", "Directeur", ""),
             ("Séverine", "Guttharl", "Chargée d’animation et de développement BISE", "")],
    "G2-1": [("Christophe", "Lemoine", "Chargé de développement et Animateur Qualité",
              "lac.lemoine@laposte.net")],
    "G2-2": [("Pierre", "Langlade", "Directeur", "p.langlade.ece@orange.fr")],
    "G2-3": [("Jean-Christophe", "Chaurin", "Directeur", "jechaurin.aide@wanadoo.fr")],
    "G2-4": [("Christine", "Allegraud", "Responsable Insertion & Développement",
              "callegraud@ulisse38.com")],
    "G2-5": [("Hélène", "Ménard", "Déléguée Régionale", "hmenard.cooracemp@orange.fr")],
    "G2-6": [("Alain", "Pirot", "Délégué régional", "apirot2iae@orange.fr")],
    "G2-7": [("Aurélie", "Coup", "Coordinatrice du CAI 92", "")],
    "G2-8": [("Guillaume", "Manier", "Chargé de Mission", "manier.guillaume@cg62.fr")],
    "G2-9": [("Didier", "Oble", "Responsable AMO Insertion", "didier.oble@nantesmetropole.fr")],
    "G2-10": [("Anne-Sophie", "Meliand-Viot", "Déléguée régionale COORACE Pays de la Loire",
               "")],
    "G3-1": [("Rémy", "Le Stum", "Directeur", "")],
    "G3-2": [("Pierre", "Langlade", "Directeur", "p.langlade.ece@orange.fr"),
             ("Frédérique", "Dalzon", "Responsable des Ateliers et Chantiers d’Insertion", "")],
    "G3-3": [("Yolaine", "Casagrande", "Coordinatrice du PES Sud Essonne",
              "y.casagrande@poleecosolidaire.fr"),
             ("Julien", "Lepreux", "Chargé de projet", "julien.lepreux@free.fr")],
    "G3-4": [("Patricia", "Guiboux", "", "Jura-servicepatriciaguiboux@wanadoo.fr")],
    "G3-5": [("Cathy", "Bellec", "Chargée de mission “formation et qualité”",
              "cathybellec.cooracepdll@wanadoo.fr")],
    "G3-6": [("Hélène", "Ménard", "Déléguée Régionale", "hmenard.cooracemp@orange.fr")],
    "G3-7": [("Christiane", "Lebeau", "Présidente", ""), ("Laure", "Reveau", "Coordinatrice", "")],
    "G4-1": [("Jean Luc", "Galbrun",
              "Coordinateur projets et responsable de la démarche sur l'égalité",
              "jl.galbrun@essor92.fr"),
             ("Jean", "Giroud", "Président de l'association", "jgiroud-essor@wanadoo.fr")],
    "G4-2": [("Danièle", "Jacquemont", "Directrice", "dir@maisondessquares.org"),
             ("Anne Françoise", "Bourhis", "Réseau d'échange de savoir et culture",
              "res@maisondessquares.org"),
             ("Nicolas", "Alloke", "Informatique & formation", "multimedia@maisondessquares.org")],
    "G5-1": [("Gaëlle", "Corcuff", "Directrice", "rhuysemplois.gcorcuff@wanadoo.fr")],
    "G5-2": [("Jean Luc", "Brossas", "Directeur", "ec.bretagne.dr@wanadoo.fr"),
             ("Typhaine", "Lesselingue", "Ingénierie de projets",
              "ec.bretagne.lesselingue@orange.fr"),
             ("Hélène", "Floch", "Chef de projet Palacret", "ec.bretagne.floch@wanadoo.fr")],
    "G5-3": [("Rémi", "Gauthier", "Directeur des Pôles d’Accueil et de Services et du "
              "Développement", "remi@agate-paysages.org"),
             ("Cécile", "Morel", "Directrice des Ressources Humaines et de l'accompagnement "
              "socioprofessionnel", "cecile@agate-paysages.org"),
             ("Benjamin", "Ley", "Chargé de Développement", "benjamin@agate-paysages.org")],
    "G5-4": [("Laurent", "Pinet", "Directeur Général", "lpinet@ulisse38.com")],
    "G5-5": [("Olivier", "Adam", "Directeur", "olivier.bb@free.fr")],
}  # fmt: skip


def test_every_card_names_its_people_as_its_contact_block_prints_them(parsed_000):
    found = {
        key.removeprefix("experience-"): [
            (c.person.first_name, c.person.last_name, c.person.role, c.person.email)
            for c in card.contacts
        ]
        for key, card in cards(parsed_000).items()
    }
    assert found == CONTACTS
    # The first person named is the card's référent principal.
    assert all(card.contacts[0].role == "referent_principal" for card in parsed_000.cards)


# -- the card's contact row ---------------------------------------------------------------


def palacret() -> ExperienceCard:
    entry = ImportedRecord.objects.get(document="000", key="experience-G5-2")
    return ExperienceCard.objects.get(pk=entry.object_id)


def contact(card, last_name) -> CardContact:
    return card.contacts.select_related("person").get(person__last_name=last_name)


@pytest.mark.django_db
def test_the_card_shows_the_function_it_prints_not_the_persons_latest(imported, animator_client):
    card = palacret()
    lesselingue = contact(card, "Lesselingue")
    # 001 (2010) names her « Chargée de mission »: the person shows the latest document's.
    assert lesselingue.person.role == "Chargée de mission"
    assert lesselingue.role_as_written == "Ingénierie de projets"
    assert contact(card, "Floch").role_as_written == "Chef de projet Palacret"

    page = animator_client.get(card.get_absolute_url()).content.decode()

    assert "Typhaine Lesselingue</strong>, Ingénierie de projets" in page
    assert "Hélène Floch</strong>, Chef de projet Palacret" in page
    assert "Chargée de mission" not in page


@pytest.mark.django_db
def test_a_card_of_another_document_shows_its_own_printing(imported):
    # 001's Palacret card (2010) prints « Chargée de mission » for the same person.
    entry = ImportedRecord.objects.get(document="001", key="experience-p7")
    card = ExperienceCard.objects.get(pk=entry.object_id)
    assert contact(card, "Lesselingue").role_as_written == "Chargée de mission"
    # 000's card prints Pierre Langlade's e-mail of 2008; the person has 001's.
    langlade = contact(
        ExperienceCard.objects.get(
            pk=ImportedRecord.objects.get(document="000", key="experience-G2-2").object_id
        ),
        "Langlade",
    )
    assert langlade.shown_email == "p.langlade.ece@orange.fr" != langlade.person.email


def card_000(code) -> ExperienceCard:
    entry = ImportedRecord.objects.get(document="000", key=f"experience-{code}")
    return ExperienceCard.objects.get(pk=entry.object_id)


@pytest.mark.django_db
def test_without_a_printed_function_the_card_says_whose_the_persons_is(imported, animator_client):
    card = palacret()
    floch = contact(card, "Floch")
    CardContact.objects.filter(pk=floch.pk).update(role_as_written="", email_as_written="")

    page = animator_client.get(card.get_absolute_url()).content.decode()

    # Shown as another document's, never as the card's own printing.
    assert f"Hélène Floch</strong>, {floch.person.role}" not in page
    assert f'{floch.person.role} <span class="muted">(fonction que la fiche ne donne pas' in page
    assert f'{floch.person.email}</a> <span class="muted">(e-mail que la fiche ne donne' in page


@pytest.mark.django_db
def test_a_2008_card_shows_what_it_prints_and_2010_as_2010s(imported, animator_client):
    # G3-4 prints no function for Patricia Guiboux: 001 and 003 (2010) name her Directrice.
    card = card_000("G3-4")
    guiboux = contact(card, "Guiboux")
    assert guiboux.shown_role == "" and guiboux.person.role == "Directrice"
    assert guiboux.role_elsewhere[1].startswith("d'après ") and "2010" in guiboux.role_elsewhere[1]
    page = html.unescape(animator_client.get(card.get_absolute_url()).content.decode())
    assert "Patricia Guiboux</strong>, Directrice" not in page
    assert 'Directrice <span class="muted">(fonction que la fiche ne donne pas, d\'après ' in page
    # G1-3 and G3-1 print no e-mail for their directors: 2010's is labelled as 2010's.
    for code, last_name in (("G1-3", "Collard"), ("G3-1", "Le Stum")):
        card = card_000(code)
        person = contact(card, last_name)
        assert person.shown_email == "" != person.person.email
        page = html.unescape(animator_client.get(card.get_absolute_url()).content.decode())
        assert f'<a href="mailto:{person.person.email}">{person.person.email}</a> <span ' \
            f'class="muted">(e-mail que la fiche ne donne pas, d\'après ' in page  # fmt: skip
        assert "(2010)" in page
    # Its printed function stays (« Directeur »), not 2010's « ancien Directeur ».
    assert contact(card_000("G1-3"), "Collard").shown_role == "Directeur"


@pytest.mark.django_db
def test_an_editors_function_survives_the_import(imported, animator_client):
    card = palacret()
    prefix = inline_prefix(animator_client, ExperienceCard, card, CardContact)
    position = list(card.contacts.order_by("position")).index(contact(card, "Lesselingue"))

    response = change_through_admin(
        animator_client,
        ExperienceCard,
        card,
        **{f"{prefix}-{position}-role_as_written": "Chargée de développement"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors

    report = reimport("000")

    assert contact(card, "Lesselingue").role_as_written == "Chargée de développement"
    assert (card.title, "contacts") in {(k.record, k.field) for k in report.kept}
    page = animator_client.get(reverse("experiences:detail", args=[card.slug])).content
    assert "Typhaine Lesselingue</strong>, Chargée de développement" in page.decode()


@pytest.mark.django_db
def test_contacts_imported_before_the_printed_function_was_kept_are_filled(imported):
    """The first import after the migration: rows without a printed function, under the
    fingerprint the import wrote without it, are still the import's."""
    card = palacret()
    rows = list(card.contacts.order_by("position").prefetch_related("working_groups"))
    CardContact.objects.filter(card=card).update(role_as_written="", email_as_written="")
    entry = ImportedRecord.objects.get(document="000", key="experience-G5-2")
    entry.written["contacts"] = fingerprint(
        [
            {
                "person": row.person_id,
                "role": row.role,
                "codes": sorted(group.code for group in row.working_groups.all()),
            }
            for row in rows
        ]
    )
    entry.save()

    report = reimport("000")

    assert contact(card, "Lesselingue").role_as_written == "Ingénierie de projets"
    assert contact(card, "Brossas").email_as_written == "ec.bretagne.dr@wanadoo.fr"
    assert (card.title, "contacts") not in {(k.record, k.field) for k in report.kept}


# -- the groups' productions ----------------------------------------------------------------


def productions(parsed_000) -> dict:
    return {r.source_key: r for r in parsed_000.resources if r.source_key.startswith("production-")}


def test_patrick_loquets_fiches_are_his(parsed_000):
    """« Fiches techniques et juridiques … de Patrick Loquet, mises à la disposition des
    acteurs intéressés : » then « Fiche 1 : … » … « Fiche 5 : … »."""
    found = productions(parsed_000)
    fiches = [found[f"production-G2-{rank}"] for rank in range(3, 8)]
    assert [fiche.title[:7] for fiche in fiches] == [f"Fiche {n}" for n in range(1, 6)]
    for fiche in fiches:
        assert [(p.first_name, p.last_name) for p in fiche.author_people] == [("Patrick", "Loquet")]
    # The title as the group's cards print it too: the délibération is « proposée ».
    assert "susceptible d’être proposée aux organes délibératifs" in fiches[2].title
    # The list's introduction describes none of the productions.
    cahier = found["production-G2-2"]
    assert cahier.title.startswith("Cahier des charges pour décider de l'accompagnement")
    assert cahier.description.endswith("contribué à la réussite des appuis individualisés.")
    assert "Fiches techniques" not in cahier.description
    assert not cahier.author_people and not found["production-G2-1"].author_people


def test_the_documents_extra_muros_proposed_are_its(parsed_000):
    """« Le groupe de travail s'est accordé pour valider l'intérêt de deux documents
    proposés par Extra Muros … »."""
    found = productions(parsed_000)
    assert [
        (found[key].title, found[key].author_organisations)
        for key in ("production-G5-1", "production-G5-2")
    ] == [
        ("Une note de présentation du statut de SCIC à destination des SIAE", ["Extra Muros"]),
        ("Un document cadre pour la rédaction d’un “ Plan d’affaires VITA ”", ["Extra Muros"]),
    ]
    # The other groups name no author but their credits (G1: « (Extra Muros, mars 2008) »).
    authors = {key: r.author_organisations for key, r in found.items()}
    assert authors["production-G1-1"] == ["COORACE"]
    assert authors["production-G1-3"] == ["Extra Muros"]
    assert not any(authors[key] for key in authors if key[11:13] in ("G2", "G3"))
    # G4's are credited by its conclusions (« mission d'Extra Muros / de PERFEGAL », p. 118).
    assert authors["production-G4-1"] == ["Extra Muros", "PERFEGAL"]
    assert authors["production-G4-3"] == ["Extra Muros"]


def test_g5_2s_tools_intro_reads_qu_elle_not_the_scans_gu_elle(parsed_000):
    """G5-2 (p. 132): « … des différents types de chantiers gu’elle porte » is the scan's
    « qu’elle »: « gu' » before a vowel is no French word, read « qu' » by rule (the only
    one in the five documents)."""
    intro = cards(parsed_000)["experience-G5-2"].tools_intro
    assert "types de chantiers qu’elle porte" in intro, intro
    for card in parsed_000.cards:
        for field in ("context", "actions", "results", "perspectives"):
            assert not re.search(r"\bgu['’][aeiouyéèê]", getattr(card, field)), card.source_key
