"""Document 000: the kind of each frein or levier that no heading of the card gives, read
against the scan by a person (the approach of `sources.parsers.reviewed`).

Under « FREINS RENCONTRÉS ET LEVIERS MOBILISÉS » eleven cards print topics that do not say
whether their points are obstacles or what helped (« La question de la légitimité »,
« Partenariat public privé »), and often tell both in one paragraph: the obstacle, then how
it was lifted. Each entry below names an item by its opening words and settles its kind; a
paragraph that tells both is cut where the text's own sentences part them (never
rewritten): `(opening, "frein", "Pour le lever", "levier")`. An obstacle met is a frein;
what was mobilised, what helped, how it was lifted is a levier; what to do better (an « axe
de progrès ») is a "recommandation", filed in the perspectives. Two more kinds: "topic", a
heading the scan printed as a paragraph (it names the items after it), and "drop", the
words after a topic that only say the kind its items now have (« Les freins rencontrés : »).
A point is one point of the document, not half of one: "join" adds an item to the point
before it as its next paragraph (« De ce fait la participation a pu être gratuite. »),
"item" as its next list item, where the scan lost the bullet (the narrower lines of a list
item, as the first one's), past how the item before it was lifted when that was cut off
it. The cards whose kinds the headings give are read here too, for their cuts, joins and
run-in topics (« Ressources humaines - Le projet … »), and "unheaded", items printed after
the last topic's items and not among them: they keep their kind and stand under no topic.

A cut is made only where the part after it reads alone under its topic: a sentence that
opens on a connective or an anaphor whose antecedent is in the part before it (« Mais le
CNLRQ … », « Cependant, à l'issue de la Rencontre … », « … cet écueil doit pouvoir être
évité », « L'AIDE a su lever ces préjugés », « Pour le lever, … ») stays with it, in the
point of the printed paragraph or bullet, of the kind its opening states; so does a
paragraph printed apart that continues the one before it (« Cette démarche est lancée … »).

The openings are the evidence: compared by their letters and digits (so word-level OCR
repairs do not move them), each must open an item of the card, and each cut must open a
sentence of it; if the text no longer holds them the parser raises `SourceFormatError`."""

from __future__ import annotations

import re
import unicodedata

from sources.records import PointRecord, SourceFormatError

FREIN, LEVIER, TOPIC, DROP, JOIN, ITEM = "frein", "levier", "topic", "drop", "join", "item"
# A recommendation (an « axe de progrès »): no frein nor levier, the card's perspectives.
RECOMMENDATION = "recommandation"
UNHEADED = "unheaded"

# fmt: off
REVIEWED_KINDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "experience-G1-1": (  # Maison Emploi et Services (Pont-de-Beauvoisin), p. 13
        # « … une double difficulté concernant sa légitimité : » and its first item.
        ("Le projet a propos", FREIN, "La Communauté de Communes et l", LEVIER),
        # Its second difficulty, the bullet lost: an item of « … une double difficulté
        # concernant sa légitimité : », as the first, each with how it was lifted after it.
        ("La question de la légitimité d'un groupe", ITEM, "Le Groupe n'a cessé", LEVIER),
        ("La mission de coordination de l'association", LEVIER),
        ("Cependant, trois mois avant", FREIN),
        ("La stratégie du Groupe", LEVIER),
        ("Difficultés à accepter une décision", FREIN, "Un scénario comparatif", LEVIER),
        ("Refus de voir évoluer", FREIN, "Chaque étape du projet", LEVIER),
        ("Après plusieurs projets de locaux", FREIN, "Un point régulier", LEVIER),
        ("Il est impératif", LEVIER),
    ),
    "experience-G1-3": (  # La BISE (Morez), p. 23
        # Under « Une forte mobilisation des acteurs et une réelle volonté politique ».
        # « … il n'y a pas eu de freins particuliers. » is no frein of its own: it leads the
        # one frein the paragraph after it names (« Les locaux. La principale difficulté »).
        ("Au démarrage du projet, il n'y a pas eu de freins", FREIN),
        ("Les locaux. La principale difficulté", JOIN),
        ("Une fois le local trouv", LEVIER),
        ("Les locaux ont rapidement été agrandis", LEVIER),
        ("La synergie entre acteurs", LEVIER),
        ("Inscrite depuis longtemps", LEVIER),
        ("En parallèle, les structures", LEVIER),
        ("La BISE bénéficie aujourd", LEVIER),
        ("La collectivité reconna", LEVIER),  # « … sur deux projets : » and the two
        # Under « Évolution du projet, évolution des structures : essoufflement … »: three
        # paragraphs, each going on from the one before (« Au fur et à mesure », « Au cours
        # de cette évolution »), tell one frein, the collective project not reworked; what
        # is now done about it, and « Cette démarche est lancée grâce … », the levier.
        ("Le champ d'intervention des structures", FREIN),
        ("Au fur et à mesure, il y a eu", JOIN),
        ("Au cours de cette évolution", JOIN),
        ("Aujourd'hui, il importe de retravailler", LEVIER),
        ("Cette démarche est lancée grâce", JOIN),
        ("L'accompagnement d'Extra Muros au travers", LEVIER),
    ),
    "experience-G2-2": (  # Espace CENTREMPLOI (Salon-de-Provence), p. 36
        ("Conventionnement avec le Conseil Général", TOPIC, "Les freins rencontrés", DROP,
         "La notion de temps n'est pas la même", FREIN),
        ("Le choix des bons interlocuteurs", FREIN),
        ("L'actualité politique a fait primer", FREIN),
        ("Les leviers envisagés pour relancer", LEVIER),
        ("La gestion des clauses s'est avérée", FREIN),
        ("La proposition d'Espace CENTREMPLOI", FREIN),
        ("D'autres solutions ont été envisagées", FREIN),
        ("Une nouvelle intervention de Patrick Loquet", FREIN),
        ("Pour relancer le projet en 2008", LEVIER),
    ),
    "experience-G2-4": (  # E3i (Isère), p. 43: topics run into their paragraph
        ("Partenariat insuffisant avec les décideurs", TOPIC, "E3i a été désignée", FREIN),
        ("Financement des contrats de formation. Aucun", TOPIC, "Aucun co-financement", FREIN),
        ("Financement des contrats de formation. La formation", TOPIC,
         "La formation a pu être financée", LEVIER),
        ("Ressources humaines - Le projet", TOPIC, "Le projet a été le fruit", LEVIER),
        ("Amélioration du partenariat local", TOPIC, "Depuis fin 2006", LEVIER),
    ),
    "experience-G2-6": (  # 2IAE Haute Normandie (Eure), p. 51
        # Two difficulties, the second at the top of a page.
        ("La première difficulté", FREIN, "La seconde difficulté", FREIN),
        ("De ce fait la participation a pu", JOIN),
        # The second lever's name, run into its paragraph: « … portée par 2IAE. En 2007, … ».
        ("Le groupe de travail “ Marché publics", TOPIC, "En 2007, 17 SIAE", LEVIER),
    ),
    "experience-G2-3": (  # AIDE, MEDEFI (Vallée de la Bresle), p. 40
        ("Le lancement de l'opération a été relativement aisé", LEVIER),
        # « Cependant, certains freins ont dû être levés : », each bullet a frein with how
        # it was lifted, told of it (« L'AIDE a su lever ces préjugés », « La MEDEFI et AIDE
        # ont pu rassurer », « Ces appréhensions ont pu être levées »): one point each.
        ("une représentation très négative", FREIN),
        ("la crainte d'une généralisation massive", FREIN),
        ("L'inquiétude de voir les entreprises", FREIN),
        ("La crainte de réticences", FREIN),
        ("Auprès des techniciens des intercommunalités", TOPIC),
        ("Quelques techniciens restent", FREIN),  # « … permet de lever cette inquiétude. »
        ("Cependant, le principal frein", FREIN),  # « En dépit de cette difficulté, … »
        ("C'est ainsi que les premiers contacts", JOIN),  # what those reminders brought
    ),
    "experience-G2-7": (  # CAI 92 (Hauts-de-Seine), p. 53
        ("Le constat initial d'une faible connaissance", LEVIER),
        ("Le délai pour l'organisation", FREIN, "Des réticences politiques initiales", LEVIER),
        ("Afin de justifier l'intérêt", LEVIER),
        # One paragraph: the federations that stayed away, the UREI brought in « néanmoins »
        # by a national speaker, « Mais le CNLRQ n'a pas pu être raccroché »: one frein.
        ("Certaines fédérations régionales", FREIN),
        ("Le principe de la", FREIN, "La présence de Patrick Loquet", LEVIER),
        ("La Maison de l'Emploi et de la Formation de Nanterre", LEVIER),
        # « Cependant, à l'issue de la Rencontre … » goes on from the weak participation.
        ("La faiblesse de la participation", FREIN),
    ),
    "experience-G2-10": (  # COORACE Pays de la Loire, p. 64
        # « Au final, il a mis en route … »: « il », the post of the frein's paragraph.
        ("Tout d'abord, le poste de Chargé de mission", FREIN),
        # « Cette fonction allie … » says what « cette fonction » of the paragraph before is.
        ("Cette fonction allie", JOIN),
        # Under « Les points positifs », which says the kind of the others: a point of
        # vigilance is no positive point but a caution for what comes next (« Le recours au
        # marché ne doit pas être systématisé »), its run-in label its heading.
        ("Un point de vigilance", TOPIC, "les relations contractuelles", RECOMMENDATION),
    ),
    "experience-G3-1": (  # AIR (Pays de Gâtine), p. 76: two freins, the first line short
        ("Une focalisation sur les services", FREIN, "L'absence de consultation", FREIN),
    ),
    "experience-G3-3": (  # Pôle Mobilité (Sud Essonne), p. 85
        # Printed after the items of « L'appui technique et financier régulier de partenaires
        # institutionnels » and its « Par ailleurs » and « Enfin », under no topic.
        ("Le partage d'expériences avec d'autres", UNHEADED),
    ),
    "experience-G3-4": (  # Jura Service (Dole), p. 90: the list of « … le projet : » lost
        # two bullets (their lines as narrow as the first item's).
        ("L'ANPE s'est engagée", ITEM),
        ("Des partenaires opérationnels ont", ITEM),
    ),
    "experience-G3-5": (  # COORACE Pays de la Loire, AFPA (p. 92): all under « Point de
        # vigilance et axes de progrès », one section of cautions and what to do better
        # (« Ingénierie financière », « Ingénierie pédagogique »): the card's perspectives.
        # One bullet: « Sans l'appui de la DRTEFP … » says how uncertain the financing was.
        ("L'incertitude du renouvellement", RECOMMENDATION),
        ("Le statut et la rémunération", RECOMMENDATION),
        # The item's second paragraph: « … cette contradiction entre statut et besoins ».
        ("Les salariés en insertion issus", JOIN),
        # « Ingénierie pédagogique »: what to do better next time (« Affiner … »,
        # « Renforcer … », « Mieux préparer … »), the heading's « axes de progrès ».
        ("Affiner les pré-requis", RECOMMENDATION),
        ("Renforcer les ateliers", RECOMMENDATION),
        ("Renforcer les informations", RECOMMENDATION),
        ("Mieux associer en amont", RECOMMENDATION),
        ("Mieux préparer la sortie", RECOMMENDATION),
    ),
    "experience-G3-6": (  # COORACE Midi-Pyrénées (Aveyron, Haute-Garonne), p. 97
        # « La recherche de financement a été longue (deux ans) et délicate. » and its list,
        # how the CAE opened a door at the end of its second item; then « Autres soutiens : »
        # and « En revanche, aucun des deux Conseils Généraux … », which contrasts with them:
        # all printed under « Freins », the story of a financing hard to gather, kept so.
        ("Le financement des coûts pédagogiques", ITEM),
        ("Le financement de la rémunération", ITEM),
        ("AGEFOS PME", FREIN),
        ("REUNICA Bayard", FREIN),
        ("Conseil Régional (volet ingénierie)", FREIN),
    ),
    "experience-G5-1": (  # Rhuys Emploi, p. 116
        ("Le principal frein tout au long", FREIN, "L'accueil d'une personne en stage", LEVIER),
        ("Certains des premiers contacts", FREIN),
    ),
    "experience-G5-2": (  # Études et Chantiers Bretagne (Côtes-d'Armor), p. 121
        # The questions the partnership raises, and what this unclarity holds back.
        # « Pour y remédier » (« Ce manque de lisibilité … ») stays with its frein: the
        # paragraph printed after the list of questions, which closes it.
        ("Fruit du travail de plusieurs acteurs", FREIN),
        ("Ce manque de lisibilité", JOIN),
        ("La stratégie de l'association a été de commencer", LEVIER),
        ("Le site a ainsi pu", LEVIER),
        ("Le lancement des activités apporte", LEVIER),
        ("Cependant, la réhabilitation du site", FREIN),
        # The association's role (« Mais ce rôle … », « Aujourd'hui, elle se pose … »): one
        # levier after the frein.
        ("Le site suscite des représentations", FREIN, "Afin de permettre aux acteurs", LEVIER),
        # The site's aim is no obstacle: it is what « ces activités » of the frein are.
        ("Le site doit accueillir", FREIN),
        ("Le développement de ces activités", JOIN),
        ("À partir d'une clarification", LEVIER),
    ),
    "experience-G5-3": (  # AGATE Paysages (Jura), p. 125
        # « Pour le lever », « Pour les lever »: how the frein of the paragraph was lifted.
        ("Une seconde difficulté", FREIN),
        ("Des besoins dans des domaines", FREIN, "Un chargé de développement", LEVIER),
        ("En interne, des inquiétudes", FREIN),
        # The financing asked and the external support of the last page are its tools: the
        # scan lost their heading « OUTILS ET RESSOURCES » (restored by a correction).
        ("Pour le projet de création d'une ASP", FREIN),
    ),
    "experience-G5-4": (  # Ulisse (Grenoble), p. 130
        ("Fin 2006, deux projets", FREIN, "La Métro a demandé", LEVIER),
        ("Dès le départ, un déséquilibre", FREIN),  # « … cet écueil doit pouvoir être évité »
        ("La volonté de la Métro", LEVIER),
        ("Les freins techniques", FREIN),
        ("Le fait qu'il n'existe pas encore", FREIN, "L'adhésion de Grenoble Solidarité", LEVIER),
        ("Les responsables techniques de la Métro", LEVIER),
        ("La reconnaissance du projet passe", LEVIER),
    ),
}
# fmt: on


def _skeleton(text: str) -> tuple[str, list[int]]:
    """Letters and digits of `text`, lower case and without accents, with the index in
    `text` of each: « L’AIDE a su » and « LAIDE a su » read the same."""
    letters, where = [], []
    for index, char in enumerate(text):
        plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode().lower()
        for letter in plain:
            if letter.isalnum():
                letters.append(letter)
                where.append(index)
    return "".join(letters), where


def _opens(text: str, words: str) -> bool:
    return _skeleton(text)[0].startswith(_skeleton(words)[0])


def _cut(text: str, cuts: list[str], source_key: str, kinds: list[str]) -> list[str]:
    """`text` cut before each of `cuts`, each of which must open one of its sentences or
    list items (or, before a "drop", simply follow the topic; after a topic, its heading's
    end: « Ressources humaines - Le projet … »)."""
    skeleton, where = _skeleton(text)
    parts, start, searched = [], 0, 0
    for words, before_kind, kind in zip(cuts, kinds[:-1], kinds[1:], strict=True):
        found = skeleton.find(_skeleton(words)[0], searched)
        if found < 0:
            raise SourceFormatError(f"000: card {source_key} no longer says « {words} »")
        at = where[found]
        while at > 0 and not text[at - 1].isspace():  # an opening quote or bracket
            at -= 1
        # A list item's bullet, or the dash after a run-in topic, is no part's end.
        before = re.sub(r"(?:\n-|\s[-–])$", "", text[start:at].rstrip()).rstrip()
        if kind != DROP and before_kind != TOPIC and not re.search(r"[.?!:;)»”]$", before):
            raise SourceFormatError(f"000: card {source_key}: « {words} » opens no sentence")
        parts.append(before)
        start, searched = at, found + 1
    parts.append(text[start:].strip())
    return parts


def review_kinds(
    source_key: str, points: list[PointRecord], guessed: list[bool]
) -> tuple[list[PointRecord], bool]:
    """The card's points with their reviewed kinds, cuts and topics, and whether a kind is
    still a guess (an item the review does not name whose kind no heading gave)."""
    entries = REVIEWED_KINDS.get(source_key)
    if entries is None:
        return points, any(guessed)
    reviewed: list[PointRecord] = []
    still_guessed = False
    topic_from: tuple[str, str] | None = None  # (parser's topic, reviewed topic)
    next_entry = 0
    cut_off: dict[int, PointRecord] = {}  # a point cut off another (by id) → that one
    for point, was_guessed in zip(points, guessed, strict=True):
        if topic_from and point.topic != topic_from[0]:
            topic_from = None
        topic = topic_from[1] if topic_from else point.topic
        entry = entries[next_entry] if next_entry < len(entries) else None
        if entry is None or not _opens(point.text, entry[0]):
            still_guessed = still_guessed or was_guessed
            reviewed.append(PointRecord(point.kind, point.text, topic))
            continue
        next_entry += 1
        kinds = list(entry[1::2])
        parts = _cut(point.text, list(entry[2::2]), source_key, kinds)
        head = None  # the point of the entry's first part; the others are cut off it
        for kind, text in zip(kinds, parts, strict=True):
            if kind == TOPIC:
                topic_from = (point.topic, text.rstrip(" :.")[:255])
                topic = topic_from[1]
            elif kind == UNHEADED:
                topic_from = (point.topic, "")
                reviewed.append(PointRecord(point.kind, text, ""))
            elif kind in (JOIN, ITEM):
                if not reviewed:
                    raise SourceFormatError(f"000: card {source_key}: nothing to join to")
                # An item goes to the list it belongs to, past what was cut off the item
                # before it (how that one was lifted).
                target = reviewed[-1]
                if kind == ITEM:
                    target = cut_off.get(id(target), target)
                target.text += ("\n- " if kind == ITEM else "\n") + text
            elif kind != DROP:
                reviewed.append(PointRecord(kind, text, topic))
                if head is None:
                    head = reviewed[-1]
                else:
                    cut_off[id(reviewed[-1])] = head
    if next_entry < len(entries):
        opening = entries[next_entry][0]
        raise SourceFormatError(f"000: card {source_key} has no item opening « {opening} »")
    return reviewed, still_guessed
