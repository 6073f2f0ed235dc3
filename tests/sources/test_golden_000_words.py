"""Golden words of 000: the word-level damage of the scan the OCR repair reads by rule over
the whole document (`sources/repair/ocr.py`), each held where the document prints it.

The elided « l' » before an acronym (« LAl », « TANPE », « IACI », « L'El », « de 'IAE »), a
line-end hyphen kept inside a name (« COO-RACE », « ISAC-TYS »), a territory's accents
(« Rhéne-Alpes », « Drome »), signs read for letters (« & » for à, « ol » for où, « ~ »
for a quotation mark), the a/à decision and glued or cut words.
"""

import pytest

from sources.documents import DOCUMENTS_BY_CODE
from sources.repair.ocr import CleanWords
from sources.spelling import texts_of

DOCUMENT = DOCUMENTS_BY_CODE["000"]


def record(parsed_000, code: str):
    """A card (« G2-1 ») or a group (« G1 »)."""
    if "-" in code:
        return next(c for c in parsed_000.cards if c.source_key == f"experience-{code}")
    return next(g for g in parsed_000.groups if g.code == code)


def assert_says(parsed_000, code, *passages):
    """Each passage is in the record's text, whichever field holds it (which field does is
    the sections' golden tests' business; these hold the words)."""
    text = "\n".join(texts_of(record(parsed_000, code)))
    for passage in passages:
        assert passage in text, f"{code}: « {passage} »"


@pytest.mark.parametrize(
    ("code", "passages"),
    [
        ("G2-1", ["est limitée l'AI pour la mise"]),
        ("G2-1", ["Positionner l'offre de l'AI limitée à 240"]),
        ("G3-1", ["services. L'AI n’est cependant pas"]),
        ("G3-2", ["annonces diffusées via l'ANPE, réunion"]),
        ("G3-4", ["mise à disposition par l'AI auprès du CIDF"]),
        ("G3-4", ["L'ANPE s'est engagée"]),
        ("G3-5", ["et les bénévoles de l'AI pour l'aide"]),
        ("G3-5", ["le COORACE et l'AFPA Pays de la Loire"]),
        ("G3-6", ["un ACI, l'ADMR, ainsi qu'une association", "adhérente à l'UNA"]),
        ("G3-1", ["EQUAL et l'OPCA de l'association", "locales, l'ADMR et AIR"]),
        ("G2-9", ["coordonné par l'AMO Insertion"]),
        ("G2-9", ["un bilan est réalisé par l'ETT"]),
        ("G2-10", ["- L'IAE, un investissement rentable"]),
        ("G2-10", ["l'inter réseaux de l'IAE, lors"]),
        ("G2-7", ["l'inter réseaux IAE 92"]),
        ("G5-1", ["aucun conventionnement IAE mais"]),
        ("G5-3", ["co-création de l'ASP."]),
        ("G5-4", ["Recycleries et l'AFPA)"]),
        ("G5-4", ["entre l'ADEME et les collectivités"]),
        ("G4-2", ["L'AMSIC a pour objet", "En 2004, l'AMSIC porte"]),
        ("G1-3", ["assurée par l'ALCG, un travail"]),
        ("G3", ["(proposée par l'ADSP)"]),
        ("G5", ["ici. L'AIDE de Redon", "lancement de l'EI grâce"]),
        (
            "G5-5",
            [
                "L'EI doit porter plusieurs activités",
                "(prolongement de l'activité de l'ACI).",
                "Par ailleurs, l'AI (mise à disposition",
                "L'EI devrait démarrer",
            ],
        ),
        # a capital I read as l at an acronym's end
        ("G5-5", ["la gestion de trois ACI et d'une AI"]),
        ("G5-5", ["création d’une EI de statut SCIC"]),
        ("G2-3", ["élus d'EPCI et à des techniciens"]),
        ("G3-6", ["mais aussi ACI et ANPE"]),
        ("G3", ["une AI, une EI, un ACI"]),
    ],
)
def test_the_elided_l_before_an_acronym_is_read(parsed_000, code, passages):
    assert_says(parsed_000, code, *passages)


def test_a_name_cut_at_a_line_end_is_whole(parsed_000):
    assert_says(parsed_000, "G1-2", "l'URSCOP et le COORACE Rhône Alpes")
    assert_says(parsed_000, "G1-2", "ARCHER, COORACE Rhône-Alpes, la CRESS")
    assert_says(parsed_000, "G3-6", "non adhérentes au COORACE qui")
    assert_says(parsed_000, "G1", "le groupe ISACTYS avait déjà cadré")
    assert_says(parsed_000, "G1", "les COORACE Franche-Comté, PACA-Corse")
    assert_says(parsed_000, "G2-10", "Patrick LOQUET de l'Université")
    assert_says(parsed_000, "G2-2", "Espace CENTREMPLOI souhaite")
    assert_says(parsed_000, "G5-5", "dont DEHONDT et la collectivité")


def test_a_territory_has_its_accents(parsed_000):
    assert_says(parsed_000, "G1-2", "(CRESS) Rhône-Alpes décide de lancer")
    assert_says(parsed_000, "G1-2", "du Pays de la Drôme des Collines")
    assert_says(parsed_000, "G1", "à Romans (Drôme), la priorité")
    assert "filières lin et espaces verts" in record(parsed_000, "G5-5").title


def test_signs_read_for_letters_and_marks(parsed_000):
    assert_says(parsed_000, "G1", "(ALCG) à Morez (Jura)")
    assert_says(parsed_000, "G2", "téléchargeable à l'adresse : http://www.finances")
    assert_says(parsed_000, "G1-3", "(territoire où elle est domiciliée)")
    assert_says(parsed_000, "G3-7", "collectif où chacun a sa place")
    assert_says(parsed_000, "G4", "du “ Sillon ” entre Nantes")
    assert_says(parsed_000, "G5-5", "collège “ lin textile ”")
    assert_says(parsed_000, "G2-10", "tout le monde y gagne !”")
    assert_says(parsed_000, "G2-6", "(démarche “prospective”) réunissant")
    assert_says(parsed_000, "G3-7", "Il défend ce concept")


def test_the_preposition_a_is_read(parsed_000):
    assert_says(parsed_000, "G2-6", "pour 2IAE à faire préciser la demande et à établir")
    assert_says(parsed_000, "G2-6", "s'est élargi à deux opérateurs")
    assert_says(parsed_000, "G2-7", "objectifs multiples à cette rencontre")
    # (« Des freins ont été rencontrés à différentes étapes … » leads the freins, no frein.)
    assert_says(parsed_000, "G2-7", "ses propositions à d'autres thématiques")
    assert_says(parsed_000, "G2-7", "a été difficile à faire partager")
    assert_says(parsed_000, "G2-8", "(soumise à délibération)")
    assert_says(parsed_000, "G1-2", "“Commençons à nous installer")
    assert_says(parsed_000, "G4-1", "salariés et bénévoles à cette thématique")
    assert_says(parsed_000, "G4-1", "pour mener à bien ce projet")
    assert_says(parsed_000, "G4-2", "25 ans à charge")
    assert_says(parsed_000, "G1", "Les SIAE ont à faire valoir")
    assert_says(parsed_000, "G2", "l'étendue des besoins à satisfaire")


def test_glued_and_cut_words_are_read(parsed_000):
    assert_says(parsed_000, "G2-6", "de les inciter à passer à l'acte.")
    assert_says(parsed_000, "G2-6", "informer sur l'existence d'un cadre juridique")
    assert_says(parsed_000, "G3-7", "Anjou Domicile a eu recours à un cabinet")
    assert_says(parsed_000, "G2-9", "Le volume d'heures d’insertion")
    assert_says(parsed_000, "G2-3", "réticences du côté de leurs techniciens")


def test_brackets_bars_and_addresses_are_read(parsed_000):
    assert_says(parsed_000, "G2-1", "les préoccupations de l'A.C.I.D.")
    assert_says(parsed_000, "G2-9", "Assistance Maîtrise d’Œuvre Insertion")
    assert_says(parsed_000, "G3-1", "disposant de l'“agrément qualité”")
    assert_says(parsed_000, "G3-2", "territoire de l'“Agglopole Provence”")
    assert_says(parsed_000, "G3-3", "villes (Etampes, Dourdan et Arpajon)")
    assert_says(parsed_000, "G4-2", "- L'alphabétisation permet")
    assert_says(parsed_000, "G1-3", "mise en place du RMI et des contrats")
    assert_says(parsed_000, "G5-5", "(http://www.scic.coop)")


def test_capitals_places_and_names(parsed_000):
    assert "dans les collèges du Pas-de-Calais" in record(parsed_000, "G2-8").title
    assert_says(parsed_000, "G1", "structurations de pôles de développement territorial")
    assert_says(parsed_000, "G2-7", "élue du Conseil Régional d’Île-de-France")
    assert_says(parsed_000, "G3-6", "Rapport de stage d'Elisabeth Devreux")


def test_reviewed_words(parsed_000):
    """What no rule infers, reviewed in `corrections.toml` with its page and reason."""
    introduction = parsed_000.programmes[0].description
    assert "À la fin du cycle, les participants" in introduction
    assert "Lettres VITA N° 1, 2, 3, 4, 5 et 6" in introduction
    assert_says(parsed_000, "G2", "http://www.cnlrq.org")
    assert_says(parsed_000, "G2-3", "de la MEDEFI a délibéré")
    assert_says(parsed_000, "G2-4", "E3i se situe")
    assert_says(parsed_000, "G2-8", "la Direction de l'Education et des Collèges (DEC)")
    assert_says(parsed_000, "G2-10", "http://www.cres-pdl.org/")
    assert_says(parsed_000, "G3", "en Pays de Gâtine (Deux-Sèvres)")
    assert_says(parsed_000, "G3", "(AIR y avait joué", "### Leçons à tirer")
    assert_says(parsed_000, "G5-5", "restent à lever")
    assert_says(parsed_000, "G4-2", "De la Maison des Squares à l'AMSIC")


def test_the_case_of_an_elided_l_is_the_sentence_s(parsed_000):
    """« L' » inside a sentence is the scan's capital (« fait Lobjet », « Cependant, LAIDE »),
    « l' » after a full stop opens a sentence (« ['année 2008 constituera »)."""
    assert_says(parsed_000, "G3-7", "Il a fait l'objet d'un débat")
    assert_says(parsed_000, "G2", "structure d’insertion par l'activité économique")
    assert_says(parsed_000, "G2", "Il faut en tenir compte dans l'utilisation des")
    assert_says(parsed_000, "G2-3", "En dépit de cette difficulté, l'AIDE se permet")
    assert_says(parsed_000, "G2-3", "Cependant, l'AIDE n’a pas les moyens")
    assert_says(parsed_000, "G4", "Seules ESSOR et l'AMSIC ont souhaité", "- Pour l'AMSIC, l'acc")
    assert_says(parsed_000, "G5-2", "L'année 2008 constituera une phase")
    introduction = parsed_000.programmes[0].description
    assert "en présentant l'origine et les objectifs" in introduction
    assert "pour l'Insertion et l'Emploi et des Maisons" in introduction
    production = next(r for r in parsed_000.resources if r.source_key == "production-G2-2")
    assert "par l'activité économique (SIAE)" in production.title


def test_an_elision_has_one_apostrophe(parsed_000):
    assert_says(parsed_000, "G1-2", "officiellement annoncé qu’il se positionnait")
    assert_says(parsed_000, "G2-1", "pour l'élaboration des marchés", "ainsi qu’à d'autres marchés")
    assert_says(parsed_000, "G3-7", "de ces structures de l'économie sociale")
    assert_says(parsed_000, "G4-2", "dans les actions qu’elle initie.")
    assert_says(parsed_000, "G3-1", "ne demandant plus qu’à être formalisés")
    assert_says(parsed_000, "G2-3", "(MEDEFI) ainsi qu'à un programme")
    assert_says(parsed_000, "G3-6", "aucun des deux Conseils Généraux n’a accepté")
    assert_says(parsed_000, "G5-3", "à envisager d'“entreprendre autrement")
    assert_says(parsed_000, "G3-4", "et du poste d'“accompagnateur - développeur”")
    assert_says(parsed_000, "G3-4", "Régional pour le poste d'“accompagnateur")


def test_small_words_glued_to_the_next_are_parted(parsed_000):
    assert_says(parsed_000, "G2-1", "la DDTEFP, les 2 AI et les 2 ETTI")
    assert_says(parsed_000, "G3-4", "- 6 (dont 3 femmes) n'ont pas")
    assert_says(parsed_000, "G3-3", "de l'Essonne, qui a mis dans ses priorités")
    assert_says(parsed_000, "G5-5", "de locaux par la Communauté de Communes")
    assert_says(parsed_000, "G2-9", "l'article L-124-2-1-1 introduit dans le Code")


def test_the_l_lost_after_de_is_back(parsed_000):
    """« de » is never written before a vowel: the scan lost the « l' » after it."""
    assert_says(parsed_000, "G1-2", "d'une “Maison de l'économie sociale et solidaire”")
    assert_says(parsed_000, "G1-2", "d'une plate-forme de l'Economie Sociale et Solidaire")
    assert_says(parsed_000, "G2-5", "l'élue chargée de l'économie sociale et solidaire")
    assert_says(parsed_000, "G4-1", "Président de l'Association Intermédiaire ESSOR")
    assert_says(parsed_000, "G2-8", "entre le référent de l'AI et le chef d'établissement")
    assert_says(parsed_000, "G3-4", "au chargé d’accompagnement de l'AI et raccompagner")
    assert_says(parsed_000, "G5-5", "les activités respectives de l'AI et des ACI")
    assert_says(parsed_000, "G1-3", "l'équipe d'insertion de l'ALCG, un bureau")
    presentation = next(o for o in parsed_000.organisations if "membre de l" in o.description)
    assert "est membre de l'Union Nationale des Associations" in presentation.description


def test_accents_both_spellings_of_which_are_words(parsed_000):
    assert_says(parsed_000, "G3-4", "conclure que près de la moitié des salariés")
    assert_says(parsed_000, "G5-2", "aux côtés d'entreprises privées")
    assert_says(parsed_000, "G2-4", "en termes d'âge et de niveau")
    assert_says(parsed_000, "G3-4", "La moyenne d'âge est de 40 ans.")
    assert_says(parsed_000, "G2-7", "des SIAE vis-à-vis des clauses")
    assert_says(parsed_000, "G3-1", "Les préjugés vis-à-vis des personnes")
    assert_says(parsed_000, "G5-2", "de la crédibilité vis-à-vis des financeurs")


def test_the_scan_s_marks_for_parentheses_and_spaces(parsed_000):
    """The document prints no square brackets: the scan's « [ » and « ] » are parentheses,
    or the l' of an elision (« de [AVISE) »); no space before a comma or a full stop."""
    assert_says(parsed_000, "G2", "l'Economie Sociale (CRES) des Pays de la Loire")
    assert_says(parsed_000, "G2", "dispositif “ TSF ” de l'AVISE) entre professionnels")
    assert_says(parsed_000, "G1-3", "par an (service d'accueil de proximité et animation locale) ;")
    assert_says(parsed_000, "G2-2", "juge (gestion de la clause d'insertion) et partie")
    assert_says(parsed_000, "G2-4", "de l'ETTI (mixité en termes")
    assert_says(parsed_000, "G2-10", "4 mois complémentaires) a permis")
    assert_says(parsed_000, "G5-4", "récupéré (mobilier, vêtements,", "vaisselle..) est trié")
    assert_says(parsed_000, "G2-9", "du 18 janvier 2005. Cet article")
    for code in ("G1-3", "G2", "G2-2", "G2-4", "G2-10", "G5-4"):
        assert not {"[", "]"} & set("".join(texts_of(record(parsed_000, code)))), code
    introduction = parsed_000.programmes[0].description
    assert "par des acteurs de l'IAE, VITA expérimente" in introduction
    assert "dans ces projets." in introduction


def test_reviewed_marks_and_lost_elisions(parsed_000):
    """What the page alone tells, reviewed in `corrections.toml`: « 2 × 3 jours » (the sign
    read « * »), an elided article the scan lost (« En 1996, Etat », « sur égalité »)."""
    assert_says(parsed_000, "G3-5", "(2 × 3 jours par mois, 357 heures, 51 jours)")
    assert_says(parsed_000, "G3-7", "En 1996, l'Etat était déjà dans une perspective")
    assert_says(parsed_000, "G4-1", "des éléments sur l'égalité des chances et ainsi")
    assert_says(parsed_000, "G5-4", "Grenoble Solidarité (ACI) gère notamment un atelier")
    introduction = parsed_000.programmes[0].description
    assert "à la Formation Professionnelle et à l'Emploi (DGEFP)" in introduction


def test_words_the_scan_misread_into_other_words(parsed_000):
    """« envisite » cut « envi site » (en visite), « mise en ouvre » (œuvre), « [a
    formalisation » (la: the L read as a bracket, not an elision)."""
    assert_says(parsed_000, "G5-1", "pour les groupes scolaires en visite, production")
    assert_says(parsed_000, "G5-4", "la mise en œuvre du projet doit démarrer")
    assert_says(parsed_000, "G5-4", "- la formalisation du partenariat avec la Régie")
    assert_says(parsed_000, "G1-3", "Structures d'Insertion par l'Activité Economique (IAE)")
    assert_says(parsed_000, "G2-7", "par l'Activité Economique (SIAE) de mobiliser")
    assert_says(parsed_000, "G3-3", "82 communes, soit 1 000 km².")
    assert_says(parsed_000, "G1-3", "la commune de Morez souhaite travailler à un renforcement")
    assert_says(parsed_000, "G4-2", "La volonté de l'équipe de s'ouvrir à d'autres axes")
    assert_says(parsed_000, "G4-2", "dans le projet associatif de l'égalité des chances")
    assert_says(parsed_000, "G3-1", "modules techniques et pratiques courts (3 à 5 jours)")
    assert_says(parsed_000, "G3-1", "Le Conseil Général, notamment, ne considère pas le soutien")
    # reviewed with their pages
    assert_says(parsed_000, "G5", "la communication conduite par l'équipe VITA autour")
    assert_says(parsed_000, "G3-3", "l'une des premières villes où un projet de Maison")


def test_a_prefixed_word_printed_whole_stays_one_word(parsed_000):
    """« multipartenarial » (p. 13, p. 46): a prefix glued to a word, as French writes it,
    no two words (« multi partenarial ») the dictionary would know better."""
    from sources.repair.ocr import default_speller, repair_unknown_word

    assert_says(parsed_000, "G1-1", "dans tout projet complexe et multipartenarial de se fixer")
    assert_says(parsed_000, "G2-5", "un groupe de travail multipartenarial, qui se donne")
    texts = "\n".join(t for card in parsed_000.cards for t in texts_of(card))
    assert "multi partenarial" not in texts
    typed = ("002", "003", "004")
    words = CleanWords(*(DOCUMENTS_BY_CODE[c].path.read_text(encoding="utf-8") for c in typed))
    for word in ("multipartenarial", "interprofessionnel", "coanimation"):
        assert repair_unknown_word(word, default_speller(), words) == word
