"""Repairs for the OCR of the scanned 2008 recueil (document 000).

The scan misreads a few things systematically: the elided « l' » (as U, T, [ or a
bare apostrophe), œ (« ceuvre », « cceur »), the capital I of acronyms (« Al »,
« A.C.1.D. »), bullets (`e`, `¢`, `*`), the @ of e-mails, and accents (« premiére »,
« étre », « péle »). Rules are written for those; accents and missing apostrophes
are checked against the words of the clean documents, so a rule never invents a word.
"""

from __future__ import annotations

import functools
import itertools
import re
import shutil
import subprocess
import unicodedata
from collections import Counter, defaultdict

from sources.documents import SOURCES_DIR
from territories import reference

# Acronyms of the sector that start with a vowel, hence take « l' ».
VOWEL_ACRONYMS = (
    "IAE|ANPE|ESS|AI|ACI|EI|ETTI|EITI|ETT|ASP|EA|A\\.C\\.I\\.D\\.|UREI|AIDE|AIR|ALCG|ADSP"
    "|ADIE|ADMR|ADEME|AFPA|AMO|AMSIC|AVISE|OPCA|UNA|URSCOP|URIAE"
)
MAIL_DOMAINS = (
    "wanadoo|orange|laposte|free|club-internet|cegetel|aol|yahoo|hotmail|gmail|nantesmetropole"
    "|cg62|ulisse38|isactys|coorace|cc-parthenay|tiscali|neuf|9online|voila|ccas|mairie"
)


def _skeleton(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def _accents(word: str) -> int:
    return sum(1 for char in word.lower() if char in "àâäéèêëîïôöùûüç")


class CleanWords:
    """Word forms of the documents that were not scanned, to restore what OCR lost."""

    def __init__(self, *texts: str, scanned: str = ""):
        words = [w for text in texts for w in re.findall(r"[A-Za-zÀ-ÖØ-öø-ÿœŒ]+", text)]
        # Words of the scan itself, seen twice or more: real words, not joined ones.
        self.scanned = Counter(w.lower() for w in re.findall(r"[A-Za-zÀ-ÖØ-öø-ÿœŒ]+", scanned))
        self.counts = Counter(word.lower() for word in words)
        # Hyphenated words, accents aside (« Rhône-Alpes », the scan's « Rhéne-Alpes »).
        hyphenated = r"[A-Za-zÀ-ÖØ-öø-ÿ]+-[A-Za-zÀ-ÖØ-öø-ÿ]+"
        self.hyphenated = Counter(
            _skeleton(w) for text in [*texts, scanned] for w in re.findall(hyphenated, text)
        )
        lowered = [w.lower() for w in words]
        self.pairs = Counter(itertools.pairwise(lowered))
        by_skeleton: dict[str, Counter] = defaultdict(Counter)
        for word, count in self.counts.items():
            by_skeleton[_skeleton(word)][word] += count
        self.best_form = {
            skeleton: forms.most_common(1)[0][0] for skeleton, forms in by_skeleton.items()
        }
        # Words in capitals (acronyms, names): of the clean documents, and of the scan.
        capitals = re.compile(r"\b[A-ZÀ-Ý]{2,}\b")
        self.capitals = Counter(w for text in texts for w in capitals.findall(text))
        self.scanned_capitals = Counter(capitals.findall(scanned))

    def knows(self, word: str) -> bool:
        return self.counts[word.lower()] > 0

    def frequency(self, word: str) -> int:
        """How often the documents write the word, the clean ones and the scan itself."""
        return self.counts[word.lower()] + self.scanned[word.lower()]

    def accented(self, word: str) -> str:
        """« premiére » → « première »: the clean form with the same letters, if unknown."""
        if self.knows(word) or len(word) < 3:
            return word
        form = self.best_form.get(_skeleton(word))
        if form is None or self.counts[form] < 2:
            return word
        if _accents(form) < _accents(word):
            # The scan drops accents, it does not add them: « ont souhaité », « davantage
            # communiqué » are not « souhaite », « communique ».
            return word
        if word.isupper():
            return form.upper()
        return form[0].upper() + form[1:] if word[0].isupper() else form

    def split_joined(self, word: str) -> str:
        """« surun » → « sur un », « estainsidevenu » → « est ainsi devenu »: common words only."""
        if len(word) < 5 or not word.islower() or self._seen(word):
            return word
        parts = self._segment(word)
        return " ".join(parts) if parts and 2 <= len(parts) <= 4 else word

    def _seen(self, word: str) -> bool:
        return self.counts[word] >= 2 or self.scanned[word] >= 2

    def _segment(self, word: str) -> list[str] | None:
        """The split into fewest words, short ones only from FUNCTION_WORDS."""
        best: list[list[str] | None] = [[]] + [None] * len(word)
        for end in range(1, len(word) + 1):
            for start in range(max(0, end - 20), end):
                part, before = word[start:end], best[start]
                word_like = (
                    part in FUNCTION_WORDS
                    if len(part) <= 3
                    else self._seen(part) and part not in NOT_PARTS
                )
                shorter = best[end] is None or (
                    before is not None and len(before) + 1 < len(best[end])
                )
                if before is not None and word_like and shorter:
                    best[end] = [*before, part]
        return best[-1]

    def restore_grave_a(self, text: str) -> str:
        """« a la fin », « a Romans », « a partir de » → « à … »; the verb stays.

        The scan drops the grave accent of the preposition. Each « a » is read between
        its neighbours (across line ends): after a subject (« il a », « Anjou Domicile a
        une vie », « Le Pôle SUD a vocation à ») or before what the clean documents write
        after the verb (« a été », « a permis ») it is the verb; before a place, a number
        range, a fixed phrase (« à disposition »), an infinitive, or where the clean
        documents write « à » with the word before or after, the preposition.
        """
        out, position = [], 0
        for match in re.finditer(r"(?:(?<!\S)|(?<=\s[“«]))([aAàÀ])(?=\s+\S)", text):
            # « salariés “a double niveau " »: read after the words before the quote.
            head = re.sub(r"[“«]$", "", text[: match.start()])
            tail = text[match.end() :]
            following = re.match(r"\s+(\S+)(?:\s+(\S+))?", tail)
            letter = match.group(1)
            verb = self._verb_a(head, following.group(1), following.group(2) or "")
            if verb is None:
                continue
            wanted = (
                letter.translate(str.maketrans("àÀ", "aA"))
                if verb
                else ("À" if letter in "AÀ" else "à")
            )
            out += [text[position : match.start()], wanted]
            position = match.end()
        return "".join([*out, text[position:]])

    def _verb_a(self, head: str, after: str, second: str) -> bool | None:
        """Whether the « a » between `head` and `after` is the verb (True), the
        preposition (False), or undecided (None: left as the scan has it)."""
        previous = re.search(r"(\S+)\s*$", head)
        before = previous.group(1) if previous else ""
        prev = before.lower().lstrip('(«“"‘[')  # « (soumise a délibération) »
        bare = re.sub(r"^\w+['’]", "", prev)  # « d'appels à »
        word = re.sub(r"[^\w'’-]+$", "", after)
        low = word.lower()
        key = (re.match(r"\w+", low) or re.match(r"", low)).group(0)
        second_low = re.sub(r"\W+$", "", second.lower())
        punctuated = bool(re.search(r"[,;:.!?)]$", before)) or not before
        if not punctuated and prev in SUBJECTS:
            return True  # « il a », « il y a »
        if low == "vocation":  # « a vocation à desservir », « entreprises à vocation sociale »
            return second_low in ("a", "à")
        if low in GRAVE_PHRASES or re.match(r"l['’](?:issue|échelle|égard|aide|heure)\b", low):
            return False
        if low == "très" and second_low in GRAVE_PHRASES:  # « à très long terme »
            return False
        if prev in ("peu", "petit") and low == prev:  # « peu à peu »
            return False
        if word[:1].isupper():  # « à Romans », « à VITA », « À ce jour »
            return False
        if _is_number(prev.rstrip(",")) and _is_number(low):  # « 6 à 8 mois », « mai 2005 à avril »
            return False
        if low == "bien" and re.search(r"..(?:er|ir|re)$", prev):
            return False  # « mener à bien »
        if low in VERB_NEXT or (low == "en" and second_low == "effet"):
            return True
        if self.pairs[("a", key)] >= 2 and self.pairs[("a", key)] > self.pairs[("à", key)]:
            return True  # « a été », « a permis »
        if low in ("se", "s", "nous", "vous") or key == "s":  # « à se rencontrer »
            return False
        if (
            re.search(r"..(?:é|i|u|is|it|ert|ort)$", low)
            and not self.pairs[("à", key)]
            and prev not in GRAVE_BEFORE
        ):
            return True  # a past participle: « a tenu », « a réussi », « a offert »
        if not punctuated and _after_participle_or_complement(head, low):
            return False  # « s'est élargi à deux », « consisté pour 2IAE à faire préciser »
        if not punctuated and low not in SUBJECT_OBJECTS and _plural_before(head):
            return False  # « des objectifs multiples à cette rencontre »
        if low == "faire" and bare not in GRAVE_BEFORE:
            return None  # « a faire »: « il a à faire » or « à faire », left as scanned
        if not punctuated and (
            bare in GRAVE_BEFORE
            or (
                "'" not in prev
                and "’" not in prev
                and self.pairs[(prev, "à")] >= 3
                and self.pairs[(prev, "à")] > 2 * self.pairs[(prev, "a")]
            )
        ):
            return False  # « grâce à », « répondre à »
        if low in SUBJECT_OBJECTS and not punctuated and _subject_before(head):
            return True  # « Anjou Domicile a une vie associative »
        if (
            re.search(r"..(?:er|ir|re)$", low)
            and low not in NOT_INFINITIVES
            and (re.search(r"..(?:er|ir)$", low) or self.pairs[("à", low)])
        ):
            return False  # « à desservir »
        with_grave = self.pairs[("à", key)]
        if with_grave >= 3 and with_grave > 2 * self.pairs[("a", key)]:
            return False
        return None


# The only short words a joined word may be split into (no single letter: « amener »
# is no « a mener »).
FUNCTION_WORDS = frozenset({
    "au", "aux", "de", "du", "des", "le", "la", "les", "un", "une", "et", "en", "est",
    "ont", "son", "sa", "ses", "sur", "par", "pour", "ne", "se", "ce", "il", "on", "qui", "que",
    "ou", "où", "nom", "mis", "peu", "eux", "lui", "leur", "dans", "avec", "plus", "tout",
    "sans", "mais", "été", "ils",
})  # fmt: skip
# Words ending like infinitives that are not verbs.
NOT_INFINITIVES = frozenset({
    "premier", "dernier", "cher", "hier", "hiver", "plaisir", "désir", "avenir", "loisir",
    "savoir", "pouvoir", "devoir", "espoir", "soir", "noir", "miroir", "métier", "chantier",
    "quartier", "dossier", "atelier", "courrier",
})  # fmt: skip
# Words after which « a » is the verb avoir.
SUBJECTS = frozenset(
    {
        "il",
        "elle",
        "on",
        "qui",
        "cela",
        "ce",
        "ça",
        "y",
        "en",
        "ne",
        "n'y",
        "qu'il",
        "qu'elle",
        "chacun",
    }
)


# Words after which « a » is the preposition (« grâce à », « face à », « par rapport à »),
# besides those the clean documents write before « à ».
GRAVE_BEFORE = frozenset({
    "grâce", "face", "quant", "suite", "rapport", "relative", "relatives", "relatif", "relatifs",
    "liés", "lié", "liée", "liées", "dédié", "dédiée", "dédiés", "dédiées", "adapté", "adaptée",
    "limitée", "limité", "destinée", "destiné", "supérieure", "couplée", "soumise", "articulée",
    "opposés", "remise", "veille", "appel", "appels", "permet", "permettent", "participé",
    "participent", "répondre", "réfléchir", "accéder", "contribuer", "inciter", "associer",
    "adhérente", "confiée", "basée", "localisée", "située", "née", "réunit", "tenues", "passer",
    "visant", "proposer", "remédier", "difficile", "difficiles", "facile", "faciles", "prêt",
    "prête", "prêts", "prêtes", "ont", "avaient", "avait", "auront", "aurait", "avons",
    "supérieur", "supérieurs", "supérieures", "inférieur", "inférieure", "inférieurs",
    "inférieures", "cherche", "cherchent", "chercher",
})  # fmt: skip
# Fixed phrases that take the preposition: « à disposition », « à partir de », « à terme ».
GRAVE_PHRASES = frozenset({
    "disposition", "partir", "travers", "savoir", "terme", "peine", "proximité", "distance",
    "destination", "titre", "mesure", "cheval", "côté", "laquelle", "lequel", "lesquels",
    "lesquelles", "nouveau", "niveau", "dominante", "finalité", "finalités", "long", "moyen",
    "court", "temps", "domicile", "celui", "celle", "celles", "ceux", "chacun", "chacune",
    "profit", "charge",
})  # fmt: skip
# Words after which « a » is the verb, whatever comes before: « a été », « a pour objet ».
VERB_NEXT = frozenset({
    "été", "eu", "pu", "su", "dû", "fait", "pris", "mis", "pour", "donc", "ainsi", "aussi",
    "également", "déjà", "désormais", "depuis", "toujours", "notamment", "bien", "pas",
    "jamais", "même", "aujourd’hui", "aujourd'hui", "fortement", "clairement", "finalement",
    "alors", "beaucoup", "lieu", "d'abord", "d’abord",
})  # fmt: skip
# What a subject « has »: « Anjou Domicile a une vie », « l'action a plusieurs objectifs ».
SUBJECT_OBJECTS = frozenset({"une", "un", "plusieurs", "son", "sa", "ses", "leur", "leurs"})
# Words that open a clause without being its subject.
NOT_SUBJECT_START = frozenset({
    "suite", "grâce", "face", "pour", "par", "dans", "de", "du", "des", "en", "sur", "avec",
    "afin", "appel", "mais", "et", "or", "ou", "donc", "intervention", "préalable", "au", "aux",
})  # fmt: skip
DETERMINERS = ("le", "la", "les", "l'", "l’", "ce", "cet", "cette", "ces", "son", "sa", "notre")
NUMBERS = frozenset({
    "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "quinze",
    "vingt", "trente", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre", "début", "fin",
})  # fmt: skip


# Plural determiners: a noun after one is no subject of « a » (« des bénévoles à »).
PLURAL_DETERMINERS = frozenset({
    "les", "des", "ses", "leurs", "ces", "nos", "vos", "aux", "plusieurs", "quelques",
    "certains", "certaines", "différents", "différentes", "nombreux", "nombreuses",
})  # fmt: skip
# Singular words ending in s or x.
SINGULAR_S = frozenset({
    "temps", "pays", "fois", "cas", "dos", "repas", "corps", "processus", "accès", "succès",
    "progrès", "relais", "avis", "mois", "poids", "prix", "choix", "taux", "lieux", "bus",
    "sens", "biais", "discours", "concours", "parcours", "recours", "secours", "cours",
})  # fmt: skip


def _plural_before(head: str) -> bool:
    """Whether the words before an « a » are a plural noun phrase (« des salariés et
    bénévoles », « des objectifs multiples »), which « a » cannot follow as its verb."""
    clause = re.split(r"[.;:!?,()\n]|\bqui\b", head)[-1].lower().split()
    if not clause or not re.fullmatch(r"[a-zà-ÿ]{3,}[sx]", clause[-1]) or clause[-1] in SINGULAR_S:
        return False
    for word in reversed(clause[-4:-1]):
        if word in PLURAL_DETERMINERS:
            return True
        if word in ("le", "la", "un", "une", "ce", "cet", "cette", "son", "sa", "chacun") or (
            word[:2] in ("l'", "l’")
        ):
            return False
    return False


def _after_participle_or_complement(head: str, after: str) -> bool:
    """Whether « a » follows a passive participle (« s'est élargi a deux », « ont été
    rencontrés a différentes étapes »), or a complement before an infinitive (« a consisté
    pour 2IAE a faire préciser »): then it is the preposition."""
    if re.search(
        r"\b(?:est|sont|été|était|étaient|soit|être)\s+(?:\w+\s+)?"
        r"[a-zà-ÿ]{2,}(?:é|i|u|is|it|ée|ées|és|ie|ies|us|ue|ues)\s*$",
        head,
    ):
        return True
    infinitive = re.fullmatch(r"[a-zà-ÿ]{2,}(?:er|ir|re)", after) and after not in NOT_INFINITIVES
    return bool(
        infinitive
        and re.search(
            r"\b(?:pour|par|avec|chez|envers)\s+(?:(?:les?|la|l['’]|des|une?)\s*)?\S+\s*$", head
        )
    )


def _is_number(word: str) -> bool:
    return word.isdigit() or word in NUMBERS


def _subject_before(head: str) -> bool:
    """Whether the clause before an « a » is a short noun phrase, its subject: « Le Pôle
    SUD », « Anjou Domicile », « l'action », « ESSOR » (not « Suite », « Grâce »)."""
    clause = re.split(r"[.;:!?,()\n]|^\s*-|\s-\s", head)[-1].split()
    if not clause or len(clause) > 5:
        return False
    first = clause[0].lower()
    if first in ("chacun", "chacune", "aucun", "aucune"):  # « Chacun des territoires a sa »
        return True
    if first in NOT_SUBJECT_START or any(
        w.lower() in ("est", "sont", "être", "a", "ont") for w in clause
    ):
        return False
    if first.startswith(DETERMINERS) and (first in DETERMINERS or first[:2] in ("l'", "l’")):
        return len(clause) >= 2 or first[:2] in ("l'", "l’")
    if all(w[:1].isupper() for w in clause):
        return len(clause) >= 2 or (clause[0].isupper() and len(clause[0]) > 1)
    return False


def fix_bullets(text: str) -> str:
    """Bullets read as `e`, `¢`, `«`, `*`: « e | a mise » → « - La mise »."""
    text = re.sub(r"(?m)^\s*[e¢«*•]\s?\|\s?a\b", "- La", text)
    text = re.sub(r"(?m)^\s*[e¢«*•]\s?L a\b", "- La", text)
    text = re.sub(r"(?m)^\s*[e¢*•] ?\| ?(?=[a-zé])", "- L", text)  # « e | amise »: « La mise »
    return re.sub(r"(?m)^\s*(?:[e¢*•®]|«(?![^»\n]*»))\s+(?=\S)", "- ", text)


def fix_elisions(text: str) -> str:
    """« UIAE », « U'emploi », « Uinitiative », « TANPE », « [Association » → « l'… »."""
    text = re.sub(r"\bU'(?=\w)", "l'", text)
    text = re.sub(r"\bU(?=[aeiouyéèêâîôh]|[AEIOUYÉ][a-zé])", "l'", text)
    # Brackets the scan gave to parentheses: « [vers … ) », « (et faire partager] ».
    text = re.sub(r"\[l? ?a (?=été|eu|fait|permis|pu)", "Il a ", text)  # « [l a été décidé »
    # « (… le dispositif “ TSF " de [AVISE) »: inside a parenthesis, the l' of the elision
    # read as a bracket before an acronym, the parenthesis closed after it.
    text = re.sub(
        rf"\b((?:de|à|a|par|pour|avec|sur|dans) )\[(?=(?:{VOWEL_ACRONYMS})\))",
        lambda m: m.group(1) + "l'" if _unclosed_parenthesis(text, m.start()) else m.group(0),
        text,
    )
    text = re.sub(r"\[(?=[^\[\]()]{0,300}\))", "(", text)
    text = re.sub(r"\(([^()\[\]]{0,300})\]", r"(\1)", text)
    # « [CRES] », « [service d'accueil de proximité … locale] »: both marks read as
    # brackets (the document prints no brackets); « complémentaires)] »: a stray one.
    text = re.sub(r"\[(?![\s'‘’])([^\[\]()]{1,300}?)\s*\]", r"(\1)", text)
    text = re.sub(r"\)\]", ")", text)
    # « [a formalisation du partenariat »: the L of the article read as a bracket.
    text = re.sub(r"(?<![\w(])\[(?=(?:a|e|es)\s+[^\W\d_])", "l", text)
    text = re.sub(r"(?<![\w(])\[['‘]* ?(?=[aeiouyéèêâîôhAEIOUYÉ])", "l'", text)
    text = re.sub(r"\bI'(?=[A-Za-zÀ-ÿ])", "l'", text)
    # « D°UN », « d ° un »: the apostrophe of small capitals read as a degree sign.
    text = re.sub(r"\b([DdLl]) ?° ?(?=[A-Za-z])", r"\1'", text)
    # « de 'Emploi », « pour 'émergence »: the l of the elision lost, its apostrophe kept.
    text = re.sub(r"(?<=\s)'(?=[AEIOUÉaeiouéèêh][a-zé])", "l'", text)
    text = re.sub(r"\blU(?=[a-zé])", "l'", text)
    # « d’'une », « qu’'il », « l'‘économie »: one apostrophe.
    text = re.sub(r"(\b[cdjlmnstCDJLMNST]|[Qq]u)(['’])['‘’]+(?=\w)", r"\1\2", text)
    text = re.sub(r"(?<=[A-Za-z]{3})(['’])['‘’]+(?=[A-Z])", r"\1", text)  # « Proxim’'Services »
    text = re.sub(r"\bV(?=AI\b|Al\b)", "l'", text)
    # « e |'appartenance »: the L of an item's elision read as a bar.
    text = re.sub(r"(?m)^(\s*- )\|['‘’](?=\w)", r"\1L'", text)
    text = re.sub(r"(?<![\w|])\|['‘’](?=[aeiouyéèêâîôh])", "l'", text)
    # « de [ “agrément qualité” », « de ["Agglopole Provence” »: the l' read as a bracket.
    text = re.sub(r"(?<![\w(])\[ ?(?=[“\"«] ?[aeiouyéèêâîôhAEIOUYÉ])", "l'", text)
    text = re.sub(r"\[(?=\()", "", text)  # « [(Etampes, Dourdan et Arpajon) »
    text = re.sub(r"(?<=[A-Z]{2})\|(?=\s)", "", text)  # « le RMI| et »
    return text


def _acronym_forms() -> str:
    """The vowel acronyms as the scan may print them: « AI » or « Al », « EI » or « El »."""
    forms = set()
    for acronym in VOWEL_ACRONYMS.split("|"):
        forms.add(acronym)
        if acronym.endswith("I"):
            forms.add(acronym[:-1] + "l")
    return "|".join(sorted(forms, key=len, reverse=True))


# « LAl », « TANPE », « IACI », « UEl », « VALCG », « lTAMSIC », « U'El », « de 'IAE »: the
# elided « l' » before an acronym, read as a capital, a bar or a bare apostrophe.
ELIDED_ACRONYM = re.compile(
    r"(?<![\w'’‘|\[])"
    r"(?P<prefix>[LTIU]['’‘]?|\|['’‘]|l[TU]?|V(?=A)|(?<=\s)['’])"
    rf"(?P<acronym>{_acronym_forms()})(?![\w'’])"
)


def _opens_sentence(text: str, start: int) -> bool:
    """Whether a sentence starts at `start`: the text's start, a paragraph's, an item's,
    or after a full stop."""
    head = text[:start]
    if not head.strip() or re.search(r"(?:^|\n)[ \t]*-[ \t]*$", head):
        return True
    if re.search(r"[.!?][\"»”)]*\s*$", head):
        return True
    # A blank line, unless the scan's double spacing cut a phrase: « les acteurs de ».
    return bool(re.search(r"\n[ \t]*\n[ \t]*$", head)) and not re.search(
        rf"(?:,|\b(?:{'|'.join(CONTINUING)}))\s*$", head, re.IGNORECASE
    )


# Words a phrase goes on after: a blank line after them cuts a sentence, it starts none.
CONTINUING = (
    "de", "du", "des", "la", "le", "les", "à", "a", "et", "ou", "en", "pour", "par", "avec",
    "sur", "dans", "un", "une", "au", "aux", "que", "qui", "via", "entre", "vers", "chez",
)  # fmt: skip


def fix_acronym_elisions(text: str, words: CleanWords) -> str:
    """« LAl n'est », « via IANPE », « de IACI », « L'El », « de 'IAE » → « l'AI n'est »,
    « via l'ANPE », « de l'ACI », « L'EI », « de l'IAE »: « L' » where a sentence starts.

    Only before the sector's vowel acronyms, and never where the whole is itself a word
    in capitals of the documents (« IAE » is no « l'AE »); a capital I read as l at the
    end of a known acronym (« EPCl », « ACl ») is an I.
    """

    def elision(match: re.Match) -> str:
        prefix, acronym = match.group("prefix"), match.group("acronym")
        glued = prefix + acronym
        if glued.isalpha() and words.capitals[glued]:
            return match.group(0)  # a real acronym: « IAE »
        if acronym.endswith("l"):
            acronym = acronym[:-1] + "I"
        if prefix[:1] == "L" and prefix[1:]:
            return prefix + acronym  # « L'El » was elided right
        article = "L'" if _opens_sentence(text, match.start()) else "l'"
        return article + acronym

    # « réseaux |AE 92 », « conventionnement |IAE »: a bar for the I, or a stray bar.
    text = re.sub(r"(?<![\w|])\|I?(?=AE\b)", "I", text)
    text = ELIDED_ACRONYM.sub(elision, text)

    def capital_i(match: re.Match) -> str:
        acronym = match.group(1) + "I"
        known = words.capitals[acronym] or words.scanned_capitals[acronym]
        return acronym if known and not words.knows(match.group(0)) else match.group(0)

    return re.sub(r"\b([A-Z]{1,5})l\b(?!['’])", capital_i, text)


def fix_acronyms(text: str) -> str:
    """The capital I read as l or 1: « Al », « CAl 92 », « A.C.1.D. », « l'Al »."""
    text = re.sub(r"(?<![\w.])([UTL]?)A\.C\.(?:I1|[1lL])\.D\.", r"\1A.C.I.D.", text)
    text = re.sub(r"\bCAIl\b", "CAI", text)
    text = re.sub(r"\b(C?A)l\b", r"\1I", text)
    text = re.sub(r"\bl'Al\b|\blAl\b", "l'AI", text)
    text = re.sub(r"\bIAl\b", "l'AI", text)  # « (IAl Centremploi »: l' read as I
    return re.sub(r"\bAls\b", "AI", text)


def fix_oe(text: str) -> str:
    text = re.sub(r"\bc[ce]?euvr(?=[eéèa-z])", "œuvr", text)  # « ceuvre », « ont ceuvré »
    text = re.sub(r"\b(?<=en )euvre", "œuvre", text)
    text = re.sub(r"\bcceur", "cœur", text)
    text = re.sub(r"\bCEuvre", "Œuvre", text)  # « Maîtrise d’CEuvre »
    return re.sub(r"\b[GE]UVRE\b", "ŒUVRE", text)


def fix_misread_letters(text: str) -> str:
    """Letters the scan confuses: « péle », « pdle » (pôle), « aolt » (août), « -ftre » (-ître),
    « gu'elle » (qu'elle)."""
    text = re.sub(r"\b([pP])[éd]le(s?)\b", r"\1ôle\2", text)
    text = re.sub(r"\b([PpCc])OLE\b", lambda m: m.group(1) + "ÔLE", text)
    text = re.sub(r"\baolt\b", "août", text)
    # « gu'elle porte » (qu'elle): no French word ends in « gu » elided before a vowel.
    text = re.sub(r"\bgu(?=['’][aeiouyhéèêàâîô])", "qu", text)
    text = re.sub(r"\bGu(?=['’][aeiouyhéèêàâîô])", "Qu", text)
    text = re.sub(r"ai['’]-?\s?(?=tre)", "aî", text)  # « Mai'tre », « connai’- tre »
    text = re.sub(r"(?<!\S)\|(?=l\b|[a-z]{2})", "I", text)  # « |l est »
    text = re.sub(r"(?<!\S)~(?=\w)", "“", text)
    text = re.sub(r"(?<=\d) ?m[?2](?!\w)", " m²", text)
    text = re.sub(r"\bcolts?\b", lambda m: "coût" + ("s" if m.group(0).endswith("s") else ""), text)
    return re.sub(r"(?<=[a-z])f(t(?:re|ra|rait|ront)?)\b", r"î\1", text)


def _tilde_quote(text: str, position: int) -> str:
    """The quotation mark a « ~ » stands for: opening before words a closing mark ends
    (« la marque ~ Proxim'Services ” »), closing after an opening one (« du “ Sillon ~ »)."""
    ahead = text[position + 1 : position + 60]
    closing = re.search(r"[”\"]", ahead)
    if closing and "“" not in ahead[: closing.start()] and ahead[: closing.start()].strip():
        return "“"
    behind = text[max(0, position - 120) : position]
    opening = max(behind.rfind("“"), behind.rfind("«"))
    if opening >= 0 and not re.search(r"[”»\n]\s*\n|[”»]", behind[opening:]):
        return "”"
    return "~"


def fix_signs(text: str) -> str:
    """Signs the scan read for letters or marks: « (ALCG) & Morez », « ou & Paris » (à);
    « ol chacun » (où); « ~ » for a quotation mark; « ([démarche “prospective”] » (one
    parenthesis); « [l défend » (Il)."""
    # « & » between lower-case words or after a parenthesis is « à »; in a name it stays
    # (« Insertion & Développement », « Informatique & formation »).
    text = re.sub(
        r"(?<![\w'’-])([a-zà-ÿ][\w'’-]*|\S*\)) & (?=[a-zà-ÿ]|[A-ZÀ-Ý][a-zà-ÿ])", r"\1 à ", text
    )
    text = re.sub(r"\bol\b(?= \w)", "où", text)
    text = re.sub(
        r"(?<!\S)~(?!\S)|(?<=[\w!?.])~(?!\w)", lambda m: _tilde_quote(text, m.start()), text
    )
    text = re.sub(r"\(\[([^()\[\]]{0,300})\]", r"(\1)", text)
    return re.sub(r"(?<![\w\[])\[l(?= [a-zé])", "Il", text)


def fix_emails(text: str) -> str:
    """The @ read as « (d », « ld » or « d » before a mail domain; a web address's « www »
    read « mww » or « vww »."""
    text = re.sub(r"(?<![\w.])[mv]ww\.(?=\w)", "www.", text)
    text = re.sub(rf"(?<=[\w.])(?:\(d|ld|d|\(|ª)(?=(?:{MAIL_DOMAINS})\.)", "@", text)
    return re.sub(r"(?<=\w) ?@ ?(?=\w)", "@", text)


def fix_missing_apostrophes(text: str, words: CleanWords) -> str:
    """« lemploi », « Laccompagnement », « dARCHER » → « l'emploi »… when the rest is a word."""

    def restore(match: re.Match) -> str:
        letter, rest = match.group(1), match.group(2)
        first = (letter + rest).split("-")[0]
        if (letter + rest).isupper() or words.knows(letter + rest) or words.knows(first):
            return match.group(0)  # « LEMOINE », « laisser », « Deux-Sèvres »
        if letter.isupper() and re.search(r"\b[A-Z][a-zà-ÿ]+ $", text[: match.start()]):
            return match.group(0)  # « Elisabeth Devreux »: a name
        rest = words.accented(rest)  # « lintérét » → « l'intérêt »
        hyphenated = "-" in rest and words.knows(rest.split("-")[0])  # « Linter-réseaux »
        if not (words.knows(rest) or hyphenated or (rest.isupper() and letter.islower())):
            return match.group(0)
        return f"{letter}'{rest}"

    return re.sub(r"\b([lLdD])([aeiouyéèêâîôhAEIOUYÉ][\w-]+)(?![.@\w])", restore, text)


def fix_capital_i(text: str, words: CleanWords) -> str:
    """« Ulsére », « Ulnitiative »: l' and a capital I read as « Ul » (but « Ulisse » stays)."""

    def restore(match: re.Match) -> str:
        word = words.accented("I" + match.group(1))
        return f"l'{word}" if words.knows(word) else match.group(0)

    return re.sub(r"\bUl([a-zé]{3,})", restore, text)


def fix_cut_names(text: str, words: CleanWords) -> str:
    """« COO-RACE », « ISAC-TYS », « DE-HONDT », « LO-QUET » → « COORACE », « ISACTYS »…:
    a line-end hyphen the joining of lines kept before a capital, inside one name.

    Joined only where the documents (the clean ones and the scan elsewhere) write the
    joined word more often than the hyphenated pair: « Rhône-Alpes », « Saint-Nazaire »
    stay.
    """

    def join(match: re.Match) -> str:
        left, right = match.group(1), match.group(2)
        joined = left + right
        hyphenated = words.hyphenated[_skeleton(f"{left}-{right}")]
        if all(len(part) > 2 and words.knows(part) for part in (left, right)):
            return match.group(0)  # two words: « PLATE-FORME » is as written
        return joined if words.frequency(joined) > hyphenated else match.group(0)

    return re.sub(
        r"\b([A-Za-zÀ-ÖØ-öø-ÿ]+)-[ \t]*\n?[ \t]*([A-ZÀ-Ý][A-Za-zÀ-ÖØ-öø-ÿ]*)\b", join, text
    )


@functools.cache
def _place_words() -> dict[str, str]:
    """The words of the régions' and départements' names, by their letters without
    accents: « rhone » → « Rhône », « drome » → « Drôme »."""
    rows = [
        row
        for name in ("regions", "former_regions", "departements")
        for row in reference.read_rows(name)
    ]
    return {
        _skeleton(word): word
        for row in rows
        for word in re.findall(r"[A-ZÀ-Ý][a-zà-ÿ]{2,}", row["name"])
    }


def fix_place_names(text: str) -> str:
    """« Drome », « Rhone Alpes », « Rhéne-Alpes » → « Drôme », « Rhône Alpes »,
    « Rhône-Alpes »: a territory's name with the accents of the official name (the scan
    drops them, or reads ô as é)."""
    places = _place_words()
    text = re.sub(r"(?<![\w@./])lle(?=-de-France)", "Île", text)  # « d’lle-de-France »

    def restore(match: re.Match) -> str:
        word = match.group(0)
        variants = [word] + [
            word[: m.start()] + right + word[m.end() :]
            for wrong, right in (("é", "ô"), ("é", "è"), ("e", "è"), ("é", "â"))
            for m in re.finditer(wrong, word)
        ]
        for variant in variants:
            form = places.get(_skeleton(variant))
            if form and (variant is word or variant.lower() == form.lower()):
                return form.upper() if word.isupper() else form
        return word

    return re.sub(
        r"(?<![\w@./-])[A-ZÀ-Ý](?:[a-zà-ÿ]{2,}|[A-ZÀ-Ý]{2,})(?![\w@]|\.\w)", restore, text
    )


def _restores_accents(scanned: str, form: str) -> bool:
    """Whether `form` only gives back accents the scan dropped from a word the dictionary
    knows: « pole », « taches », « coté » → « pôle », « tâches », « côté », and the è it
    reads é before a final s (« prés » → « près »). Not an accent moved or taken off
    (« soulevé » is no « soulève », « cotés » no « côtes », « adhérent » no « adhèrent »),
    nor a verb's final e made a participle (« identifie », « élabore »): the participle
    rule reads that after an auxiliary."""
    if len(scanned) != len(form):
        return False
    for index, (old, new) in enumerate(zip(scanned, form, strict=True)):
        if old == new:
            continue
        if old.lower() == "é" and new.lower() == "è" and scanned[index + 1 :].lower() == "s":
            continue
        if _skeleton(old) != old.lower() or _skeleton(new) != old.lower():
            return False  # an accent changed or taken off
        if old == "e" and re.fullmatch(r"s?", scanned[index + 1 :]):
            return False  # « identifie » / « identifié »: the verb or its participle
    return True


def _not_a_word(part: str, words: CleanWords, speller: Speller | Lexicon) -> bool:
    """A part of a joined word that is a name or a fragment (« surl », « eure »), not a word
    the dictionary knows once its accents or elision are restored (« filiere », « role »,
    « lintérét »)."""
    if len(part) < 4 or speller.knows(part):
        return False
    form = words.best_form.get(_skeleton(part))
    if form is not None and speller.knows(form):
        return False
    return not (_respelled(part, speller, words) or _elided(part, speller, words))


def fix_words(text: str, words: CleanWords, speller: Speller | Lexicon | None = None) -> str:
    """Accents and joined words, one word at a time; a word the dictionary knows is never
    split (« surcharge », « parlementaire », « mensuelle » are words, however rare here)."""

    def fix(match: re.Match) -> str:
        word = words.accented(match.group(0))
        if word != match.group(0) and speller is not None and speller.knows(match.group(0)):
            # A word of the dictionary only gains the accents the scan dropped.
            word = word if _restores_accents(match.group(0), word) else match.group(0)
        if word != match.group(0) or (speller is not None and speller.knows(word)):
            return word
        split = words.split_joined(word)
        if speller is not None and any(_not_a_word(part, words, speller) for part in split.split()):
            return word  # the unknown words' rules read it later
        if speller is not None and split != word and _prefixed_compound(word.lower(), speller):
            return word  # « interprofessionnel »: one word; the unknown words' rules read it
        return split

    # Not inside addresses: « laposte.net » is no « la poste ».
    return re.sub(r"(?<![\w@./-])[A-Za-zÀ-ÖØ-öø-ÿœŒ]{3,}(?![\w'’@]|\.\w)", fix, text)


def drop_footnote_marks(text: str) -> str:
    """Superscript note numbers read as ® or °: « VITA® », « ° La mise en œuvre »; but
    « °® » starting a line is a bullet."""
    text = re.sub(r"(?m)^[ \t]*°®[ \t]+(?=[a-z])", "- ", text)
    text = re.sub(r"(?<=\w)\s?°?®", "", text)
    return re.sub(r"(?m)^\s*°\s*(?=[A-Z])|(?<=\s)°®?\s(?=[a-zA-Z])", "", text)


def repair(text: str, words: CleanWords, speller: Speller | Lexicon | None = None) -> str:
    """All OCR repairs of document 000, in the order they need."""
    text = drop_footnote_marks(text)
    text = fix_bullets(text)
    text = fix_item_starts(fix_marks(text, words))
    text = fix_oe(text)
    text = fix_misread_letters(text)
    text = fix_acronyms(text)
    text = fix_acronym_elisions(text, words)
    text = fix_signs(text)
    text = fix_elisions(text)
    text = fix_emails(text)
    text = fix_missing_apostrophes(text, words)
    text = fix_capital_i(text, words)
    text = fix_cut_names(text, words)
    text = fix_place_names(text)
    # « lAl » only becomes « l'Al » above: the acronym rule once more.
    speller = speller or default_speller()
    speller.learn(set(re.findall(r"[^\W\d_]+", text)))
    text = fix_words(fix_acronyms(text), words, speller)
    text = fix_unknown_words(text, speller, words)
    text = fix_lost_participles(text, speller, words)
    text = fix_elision_case(words.restore_grave_a(fix_small_words(text, speller, words)))
    return fix_quotes(text)


# A paragraph's end (a blank line after a sentence's end; the scan puts others inside
# sentences) or an item's start: no quotation goes on past them.
QUOTE_BREAK = re.compile(r"[.!?:;][”\"]?[ \t]*\n[ \t]*\n|\n[ \t]*- ")


def _quote_pairs(text: str) -> list[tuple[int, str]]:
    """Each quotation mark of `text` (« “ », « ” », « " ») with the one it stands for.

    A mark glued to the word after it and not to the one before opens (« "Paniers »); one
    glued to the word before it closes (« Services" »); one between spaces opens unless a
    quotation is open, then closes (« l'équipe ” bâtiment " » is « “ bâtiment ” »). A
    quotation open at a paragraph's end or an item's start was never closed."""
    marks = []
    open_at = None
    for match in re.finditer(r"[“”\"]", text):
        i = match.start()
        if open_at is not None and QUOTE_BREAK.search(text, open_at, i):
            open_at = None
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        glued_before = not before.isspace() and before not in "(['’“”\""
        glued_after = not after.isspace() and after not in ".,;:!?)]"
        if glued_after and not glued_before:
            opens = match.group() != "”" or open_at is None
        elif glued_before and not glued_after:
            opens = match.group() == "“" and open_at is None
        else:
            opens = open_at is None
        marks.append((i, "“" if opens else "”"))
        open_at = i if opens else None
    return marks


def fix_quotes(text: str) -> str:
    """The quotation marks as the document prints them, “ … ”: the scan read many a
    closing one as a straight « " » or turned it (« “Grands Chantiers " », « l'équipe ”
    bâtiment " », « " espaces verts “ »). A closing mark with no opening one before it in
    its paragraph lost it: where the scan left two spaces in the sentence before it, the
    opening mark stood there (« mission  clause d'insertion " sont prévues », « VITA
    Egalité … hommes " lui permet »), else the stray mark goes. An opening mark with no
    closing one lost it before a spaced parenthesis (« ("Paniers Bio ). ») or the full
    stop of its sentence (« programme “Entreprendre Autrement . »); one before an
    address is none (« "http://www.panier-equal.eu/ »)."""
    marks = _quote_pairs(text)
    edits: list[tuple[int, int, str]] = []
    for index, (i, mark) in enumerate(marks):
        following = marks[index + 1] if index + 1 < len(marks) else None
        previous = marks[index - 1] if index else None
        paired_after = (
            following and following[1] == "”" and not QUOTE_BREAK.search(text, i, following[0])
        )
        paired_before = (
            previous and previous[1] == "“" and not QUOTE_BREAK.search(text, previous[0], i)
        )
        spaced = text[i - 1 : i].isspace() and text[i + 1 : i + 2].isspace()
        # a mark the scan printed as an opening one, or at a line's start, opens
        opening_like = text[i - 1 : i] == "\n" or text[i] == "“"
        if mark == "“" and not paired_after and spaced and not opening_like:
            mark = "”"  # « une tête de réseau " est désignée »: a closing one, alone
        elif mark == "“" and not paired_after:
            end = QUOTE_BREAK.search(text, i)
            rest = text[i + 1 : end.end() if end else len(text)]
            lost = re.match(r"[^.!?()“”\"]*?\w( )\)", rest)
            ends = re.match(r"[^.!?()“”\"]*?\w()\.(?:\s|$)", rest)
            if text.startswith(("http", "www"), i + 1):
                edits.append((i, i + 1, ""))  # « "http://www.panier-equal.eu/ »
            elif lost or ends:
                edits.append((i, i + 1, "“"))
                at = i + 1 + (lost or ends).start(1)
                closing = " ”" if spaced and ends and not lost else "”"
                edits.append((at, at + 1 if lost else at, closing))
            elif text[i] != "“":
                edits.append((i, i + 1, "“"))
            continue
        if mark == "”" and not paired_before:
            start = max(
                [m.end() for m in QUOTE_BREAK.finditer(text, max(0, i - 300), i)] + [i - 300, 0]
            )
            sentence = re.search(r"[^.!?;:]*$", text[start:i])
            lost = re.search(r"(?<=\w)  (?=\w)", sentence.group()) if sentence else None
            if lost:
                at = start + sentence.start() + lost.start()
                edits.append((at, at + 2, " “ "))
                edits.append((i, i + 1, "”"))
            else:
                edits.append((i - 1 if text[i - 1 : i] == " " else i, i + 1, ""))
            continue
        if text[i] != mark:
            # mirror the opening mark's spacing: « “Grands Chantiers " » → « “Grands Chantiers” »
            if mark == "”" and previous and text[i - 1 : i] == " ":
                opening = previous[0]
                if not text[opening + 1 : opening + 2].isspace():
                    edits.append((i - 1, i + 1, "”"))
                    continue
            edits.append((i, i + 1, mark))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def fix_elision_case(text: str) -> str:
    """The case of an elided « l' » the repairs gave by its scanned letter: « fait
    Lobjet », « par Lactivité », « Cependant, LAIDE », « ESSOR et LAMSIC » read « L' »
    inside a sentence are « l' » (after a word or a comma on the line, or at a line start
    after a comma or a word a phrase goes on after); « ['année 2008 constituera », after
    a full stop, opens its sentence: « L'année ». Also « IL faut » (Il) and the apostrophe
    read as a closing quotation mark before an opening one (« d” “entreprendre »)."""

    def inside(match: re.Match) -> str:
        head = text[max(0, match.start() - 80) : match.start()]
        on_the_line = re.search(r"[a-zà-ÿ,;][ \t]+$", head)
        continued = re.search(
            rf"(?:,|\b(?:{'|'.join(CONTINUING)}))[ \t]*\n[ \t]*$", head, re.IGNORECASE
        )
        return "l" + match.group(1) if on_the_line or continued else match.group(0)

    text = re.sub(r"(?<![\w'’‘])L(['’])(?=\w)", inside, text)
    text = re.sub(r"(?<!\betc)(?<!\bcf)(?<![.\s])([.!?][\"»”)]*\s+)l(['’])(?=\w)", r"\1L\2", text)
    text = re.sub(r"(?<![\w'’])IL(?= [a-zà-ÿ])", "Il", text)
    # « n‘a accepté »: an opening single quote for the apostrophe.
    text = re.sub(r"(?<![\w'’‘])([cdjlmnstCDJLMNST]|[Qq]u)‘(?=[A-Za-zÀ-ÿ])", r"\1’", text)
    return re.sub(r"(?<![\w'’])([dlDL])(?:”\s?|\"|)(?=“\w)", r"\1'", text)


# Auxiliaries after which a past participle follows: « a proposé », « ont été ».
AUXILIARIES = ("a", "ont", "avait", "avaient", "avons", "aurait", "été")


def fix_lost_participles(text: str, speller: Speller | Lexicon, words: CleanWords) -> str:
    """« a propose », « ont souhaite » → « a proposé », « ont souhaité »: the scan read the
    participle's final « é » as « e ». Only after an auxiliary, and only to a participle the
    dictionary knows and the clean documents write after an auxiliary (« il propose » stays).
    """
    pattern = (
        r"(?<![^\s'’])((?:a|ont|avait|avaient|avons|aurait|été)\s+"
        r"(?:(?:pas|plus|jamais|déjà|également|aussi|ainsi|donc|toujours|bien|d['’]abord)\s+)?)"
        r"([a-zà-ÿ]{3,}e)(?![\w'’-])"
    )
    speller.learn({m.group(2)[:-1] + "é" for m in re.finditer(pattern, text)})

    def fix(match: re.Match) -> str:
        participle = match.group(2)[:-1] + "é"
        if match.group(2) in GRAVE_PHRASES or match.group(2) == "charge":
            return match.group(0)  # « à distance », « à charge »: the preposition
        written = any(words.pairs[(aux, participle)] for aux in AUXILIARIES) or (
            words.frequency(participle) > 0
        )
        if written and speller.knows(participle):
            return match.group(1) + participle
        return match.group(0)

    return re.sub(pattern, fix, text)


# -- small words and marks the scan damaged: à, où, dès, dû; quotes, brackets, ordinals --

# Feminine nouns an ordinal counts: « 1re étape », « 2e phase ».
ORDINAL_NOUNS = "étape|phase|partie|session|séance|réunion|rencontre|édition|journée|année"
# What the scan made of a superscript ordinal's letters: « 1¢ », « 2¢me », « 4*™ », « 32 ».
ORDINAL = re.compile(
    rf"(?<![\w.,])([1-9])(?:¢me|¢|\*™|\*|™|2|ème|eme|éme|ère|ere)(?= (?:{ORDINAL_NOUNS})\b)"
)


def _opened_quote(text: str, position: int) -> bool:
    """Whether a quotation is open at `position` (the marks of the 200 characters before
    it; a straight « " » closes an open one, else opens one)."""
    opened = False
    for mark in re.findall(r"[“”\"«»]", text[max(0, position - 200) : position]):
        opened = mark in "“«" or (mark == '"' and not opened)
    return opened


def _unclosed_parenthesis(text: str, position: int) -> bool:
    """Whether a « ( » of the 300 characters before `position` is still open there."""
    return bool(re.search(r"\([^()]*$", text[max(0, position - 300) : position]))


def fix_marks(text: str, words: CleanWords) -> str:
    """Marks the scan read for others, before the words are repaired.

    Superscript ordinals (« 1¢ étape », « 2¢me », « 32 étape », « 4*™ étape » → « 1re »,
    « 2e », « 3e », « 4e étape »); an opening quotation mark read « * » before words a
    closing one ends (« pour * maladie ordinaire " »), a second opening mark that closes
    (« “ l'entretien général “supérieures »), a closing one read « ™ » (« publics ™. »,
    « Polyvalent”™ »); a closing parenthesis read « J » (« (...J », « Autrement “J, »,
    « plusieurs AlJ. »); the apostrophe of « d' » read « * »; « à » read « @ » between
    words (« parfois @ nous concentrer »; an address has its domain after the @).
    """
    text = ORDINAL.sub(lambda m: m.group(1) + ("re" if m.group(1) == "1" else "e"), text)
    text = re.sub(r"\b([dlDL])\* ?(?=[“\"«A-Za-zÀ-ÿ])", r"\1'", text)

    def parenthesis(match: re.Match) -> str:
        before = match.group(1)
        if not _unclosed_parenthesis(text, match.start()):
            return match.group(0)
        if before == "“":
            return "”)"
        if before.isalpha() and not (words.scanned[before.lower()] or before == "Al"):
            return match.group(0)  # a word of its own ending in J
        return before + ")"

    text = re.sub(
        r"((?<=[\s(])\.\.\.|“|(?<![\w])[A-Z][A-Za-z]{0,6})J(?=[\s,.;:]|$)", parenthesis, text
    )

    def star(match: re.Match) -> str:
        ahead = text[match.end() : match.end() + 60]
        closing = re.search(r"[”\"]", ahead)
        opens = closing and "“" not in ahead[: closing.start()]
        return "“" if opens and ahead[: closing.start()].strip() else match.group(0)

    text = re.sub(r"(?<=\s)\*(?= ?[A-Za-zÀ-ÿ])", star, text)

    def second_opening(match: re.Match) -> str:
        """« “ l'entretien général “supérieures »: in a quotation opened with a space
        after its mark, a mark glued to the next word is its closing one."""
        behind = text[max(0, match.start() - 200) : match.start()]
        opening = behind.rfind("“")
        if opening < 0 or not behind[opening + 1 : opening + 2].isspace():
            return match.group(0)
        return "” " if _opened_quote(text, match.start()) else match.group(0)

    text = re.sub(r"(?<=\s)“(?=\w)", second_opening, text)
    text = re.sub(r"”\s?™", "”", text)
    text = re.sub(r"™", lambda m: "”" if _opened_quote(text, m.start()) else "™", text)
    return re.sub(r"(?<=[a-zà-ÿ]) @ (?=[a-zà-ÿ]+\b(?![.@-]))", " à ", text)


def fix_item_starts(text: str) -> str:
    """An item whose first letter the scan lost: « e e non renouvellement » (le), « e
    'équipe et les compétences » (L'équipe), or read as a bracket (« e ['accueil », « e [a
    formalisation »). The bullet (« e ») is already a dash; the article takes the case the
    list's other items start with."""
    lines = text.split("\n")

    def capital(index: int) -> bool:
        starts = [
            re.match(r"\s*- (\S)", line)
            for line in lines[max(0, index - 20) : index] + lines[index + 1 : index + 21]
        ]
        letters = [m.group(1) for m in starts if m and m.group(1).isalpha()]
        return sum(c.isupper() for c in letters) > len(letters) / 2

    for index, line in enumerate(lines):
        if match := re.match(r"(\s*- )\[(?=(?:a|e|es)\s)", line):
            lines[index] = match.group(1) + ("L" if capital(index) else "l") + line[match.end() :]
            continue
        if match := re.match(r"(\s*- )\[['‘’]*(?=[aeiouyéèêâîôhAEIOUYÉ])", line):
            # « e ['accueil, l'information », « e [association intermédiaire »: the L of
            # the item's elision read as a bracket.
            article = "L'" if capital(index) else "l'"
            lines[index] = match.group(1) + article + line[match.end() :]
            continue
        if match := re.match(r"(\s*- )(?:e (?=[a-zA-ZÀ-ÿ]{2})|['’](?=[aeiouyéèêâîôh]))", line):
            article = "le " if match.group(0).endswith("e ") else "l'"
            if capital(index):
                article = article.capitalize()
            lines[index] = match.group(1) + article + line[match.end() :]
    return "\n".join(lines)


# Nouns of place and time a relative « où » follows: « le territoire où elle », « un
# contexte où la recherche »; after the second ones no noun is coordinated.
WHERE_NOUNS = frozenset({
    "territoire", "territoires", "lieu", "lieux", "zone", "zones", "quartier", "quartiers",
    "commune", "communes", "ville", "villes", "département", "départements", "région",
    "régions", "pays", "secteur", "secteurs", "site", "sites", "bassin", "endroit",
    "situation", "situations",
})  # fmt: skip
WHEN_NOUNS = frozenset({"contexte", "moment", "période", "époque", "cas", "jour", "année"})
SUBJECT_PRONOUNS = r"(?:il|ils|elle|elles|on|nous|vous|chacun|chacune|se|s['’])"
# After « dès »: an article (no « des » can stand before one), « lors », « que », a year.
SINCE_NEXT = r"(?:le|la|les|l['’]|lors|que|qu['’]|(?:19|20)\d\d)\b"


def _conjugated(word: str, speller: Speller | Lexicon, words: CleanWords) -> bool:
    """« réside », « coexistent »: a verb of the first group, which the documents never
    write after an article (« la zone » is a noun, « zoner » a verb as well)."""
    stem = re.match(r"(.{3,}?)(?:e|ent)$", word)
    if not stem or not speller.knows(word) or not speller.knows(stem.group(1) + "er"):
        return False
    return not any(words.pairs[(article, word)] for article in ("le", "la", "les", "un", "une"))


def fix_small_words(text: str, speller: Speller | Lexicon, words: CleanWords) -> str:
    """The small words the scan wrote without their accent or with a wrong letter, where
    the words around them leave no doubt: « jusqu'à », « 2 à 3 semaines », « à
    l'utilisation » (« al'utilisation »), « insertion à l'égalité » (« 3 l'égalité »);
    « où » after a noun of place or time before its clause (« le territoire où réside »,
    « ot elle a son siège », « là où », « d'où »); « dès » before an article, « lors » or
    a year (« dès l'ouverture », « dès 2008 »); « marchés publics »; « avons dû
    développer »; « l'acte II ». An « a » glued to a number is parted from it, for the
    a/à decision (« supérieures a7 jours »), and a number from the elision after it (« à
    J+1 d'un salarié »). A space the scan put before a comma or a full stop (« de
    l'IAE , VITA ») goes; an article of a code glued to the next word is parted from it
    (« L-124-2-1-1introduit »).
    """
    text = re.sub(r"(?<![/@.\w])([^\s/@]*[\w”)]) +(?=[,.](?:[ \t\n]|$))", r"\1", text)
    text = re.sub(r"(?<=-\d)(?=[a-zà-ÿ]{4,}\b)", " ", text)
    text = re.sub(r"\b([Jj]usqu['’])a\b", r"\1à", text)
    text = re.sub(r"(?<=\d)a(?= \d)", " à", text)
    text = re.sub(r"(?<=\d)(?=[dl]['’][aeiouyéèêâîôh])", " ", text)  # « à J+1d'un salarié »
    text = re.sub(r"(?<![\w'’])a(?=\d)", "a ", text)
    text = re.sub(r"(?<![\w'’-])al['’](?=[aeiouyéèêâîôh])", "à l'", text)
    text = re.sub(r"(?<=[a-zà-ÿ] )3 (?=l['’]\w)", "à ", text)

    text = re.sub(r"\b([dD]|[Jj]usqu)(['’])ou\b", r"\1\2où", text)
    text = re.sub(rf"\b([Ll])[aà](\s+)ou\b(?=\s+{SUBJECT_PRONOUNS})", r"\1à\2où", text)
    text = re.sub(rf"(?<![\w'’-])ot\b(?=\s+{SUBJECT_PRONOUNS})", "où", text)

    def where(match: re.Match) -> str:
        noun, following = match.group(1).lower(), match.group(3)
        clause = (
            re.fullmatch(SUBJECT_PRONOUNS, following)
            or _conjugated(following, speller, words)
            or (noun in WHEN_NOUNS and following in ("le", "la", "les", "l'", "l’"))
        )
        return match.group(1) + match.group(2) + "où" if clause else match.group(0)

    nouns = "|".join(sorted(WHERE_NOUNS | WHEN_NOUNS))
    text = re.sub(rf"\b({nouns})(\s+)ou\b(?=\s+([a-zà-ÿ]+['’]?))", where, text)

    text = re.sub(rf"(?<![\w'’-])([Dd])[eé]s(?=\s+{SINCE_NEXT})", r"\1ès", text)
    # « ainsi qu'a d'autres marchés », « ne demandant plus qu'a être »: after « ainsi »,
    # « plus », « tant »… the « qu' » is the comparison's and the « a » the preposition.
    text = re.sub(r"\b((?:ainsi|plus|tant|moins|autant|aussi)\s+qu['’])a\b", r"\1à", text)
    # Accents the dictionary cannot miss, both spellings being words: « prés de la
    # moitié » (près), « aux cotés d'entreprises » (côtés), « en termes d'age » (âge),
    # « vis-a-vis ».
    text = re.sub(
        r"(?<![\w'’-])(?<!\b(?:les|des|aux|ces|nos|vos|ses|mes) )([Pp])rés"
        r"(?=\s+d(?:e\b|u\b|es\b|['’]))",
        r"\1rès",
        text,
    )
    text = re.sub(r"\b((?:aux|du|de|à|des|les|ses|leurs)\s+)cot[eé](s?)\b", r"\1côté\2", text)
    text = re.sub(r"\b([dlDL]['’])age(s?)\b", r"\1âge\2", text)
    text = re.sub(r"\b([Vv])is-a-vis\b", r"\1is-à-vis", text)
    # « Structures d'Insertion par Activité Economique »: the sector's name, its elided
    # article lost; « 1 000 km?2 »: the superscript of the unit.
    text = re.sub(r"\b([Ii]nsertion\s+par\s+)(?=[Aa]ctivité)", r"\1l'", text)
    text = re.sub(
        r"(?<=\d )(k?m)\?([23])\b", lambda m: m.group(1) + "²³"[int(m.group(2)) - 2], text
    )
    # « souhaite travaillera un renforcement », « de s'ouvrira d'autres axes »: the
    # preposition glued to the infinitive makes a future, which no « de », « pour » or
    # « souhaite » takes before a determiner.
    text = re.sub(
        r"\b((?:de|pour|souhaite|souhaitent|veut|veulent|peut|peuvent|doit|doivent)\s+"
        r"(?:s['’]|se\s+)?)(\w{3,}(?:er|ir))a(\s+)"
        r"(?=(?:un|une|la|le|les|l['’]|d['’]|des|ce|cette|ces|son|sa|ses|leur|leurs)\b)",
        r"\1\2 à\3",
        text,
    )
    # « le projet associatif de ' égalité »: the l of the elision lost, its apostrophe
    # parted from the word.
    text = re.sub(
        r"\b((?:de|à|sur|pour|par|dans|avec)\s)['’] (?=[aeiouyéèêâîôh][a-zà-ÿ])", r"\1l'", text
    )
    # « courts (3 3 5 jours) »: the « à » of a range read as a 3.
    text = re.sub(
        r"(?<![\d,.])(\d+) 3 (\d+)(?=\s+(?:jours|mois|semaines|heures|ans|personnes)\b)",
        lambda m: (
            f"{m.group(1)} à {m.group(2)}" if int(m.group(1)) < int(m.group(2)) else m.group(0)
        ),
        text,
    )
    # « ne considére pas »: between « ne » and « pas » a verb conjugated, no participle (the
    # scan reads è as é).
    text = re.sub(r"\b([Nn]e\s+\w+)ér[eé](?=\s+pas\b)", r"\1ère", text)
    # « la mise en ouvre du projet »: the œ read « ou » (« ouvre » is a word).
    text = re.sub(
        r"\b((?:mise|mises|mis|mettre|met|mettent|mettant)\s+en\s+)ouvre\b", r"\1œuvre", text
    )
    # Small words glued to the next: « les2 AI », « (dont3 femmes » (a number, no note
    # call: the notes' calls are superscripts), « quia mis » (qui a), « locaux parla
    # Communauté » (par la; « il parla » stays).
    text = re.sub(
        r"(?<![\w./@-])(les|des|dont|et|soit|sur|pour|par|avec|environ)(?=\d+\b(?![.@/]))",
        r"\1 ",
        text,
    )
    text = re.sub(r"(?<![\w'’-])([Qq]u)ia(?=\s+[a-zà-ÿ])", r"\1i a", text)
    # « Maison de économie sociale », « Président de Association Intermédiaire ESSOR »,
    # « membre de Union Nationale »: « de » is never written before a vowel, the scan lost
    # the elided « l' » after it (its apostrophe too).
    text = re.sub(
        r"(?<![\w'’-])([Dd]e\s+)(?=[aeiouyéèêâîôAEIOUYÉÈÊ][a-zà-ÿ])"
        r"(?!(?:un|une|uns|unes|onze|oui|ou|où|y|huit|à|a)\b)",
        r"\1l'",
        text,
    )
    # « le référent de Al et le chef », « respectives de AI et des ACI »: the same before
    # the sector's acronyms (« de AI-ETTI », a compound, stays).
    text = re.sub(rf"(?<![\w'’-])([Dd]e\s+)(?=(?:{VOWEL_ACRONYMS})(?![\w'’-]))", r"\1l'", text)
    # « la gestion de hébergement »: the same before a silent h.
    text = re.sub(
        r"(?<![\w'’-])([Dd]e\s+)(?=h(?:éberg|abit|istoir|omme|eure|ôpital|ôtel|ygièn))",
        r"\1l'",
        text,
    )
    # « permet a Al d'être identifiée », « une collaboration avec Al »: the sector's AI is
    # never written bare after « à » or « avec »; the scan lost its « l' ».
    text = re.sub(r"(?<![\w'’-])((?:[àa]|avec)\s+)(?=A[Il](?![\w'’-]))", r"\1l'", text)
    text = re.sub(r"(?<!\b(?:il|on) )(?<!\belle )(?<![\w'’-])([Pp])arla(?=\s)", r"\1ar la", text)
    text = re.sub(r"\b([Mm])arche(s?)(?=\s+[Pp]ubli)", r"\1arché\2", text)
    text = re.sub(
        r"\b((?:avons|avez|ont|a|avait|avaient|aurait|auraient|aurions)\s+"
        r"(?:(?:donc|alors|bien|déjà|aussi|également|toujours|pas)\s+)?)di(?=\s+[a-zé]+(?:er|ir|re)\b)",
        r"\1dû",
        text,
    )
    # « une tète de réseau » (tête: no one « tète » here), « dans les années 1989- 90 »
    # (a range of years cut at a line end), « candidats (dG à la faiblesse » (dû),
    # « (2006 - début 2008. : » (the closing parenthesis read as a full stop), « ces
    # besoins auxquelsils » cut « aux quels ils ».
    text = re.sub(r"\b([Tt])ète(s?)\b", r"\1ête\2", text)
    text = re.sub(r"\b((?:19|20)\d\d)-(?: |[ \t]*\n[ \t]*)(\d\d)\b", r"\1-\2", text)
    text = re.sub(r"(?<![\w'’])dG(?=\s+[aà]\b)", "dû", text)
    text = re.sub(
        r"(?<=\d)\.(?= :)", lambda m: ")" if _unclosed_parenthesis(text, m.start()) else ".", text
    )
    text = re.sub(r"\b([Aa])ux quel(le)?s\b", r"\1uxquel\2s", text)
    return re.sub(
        r"\b(acte|titre|chapitre|tome|volet|article)(\s+)(Ill|IIl|Il|lI)\b",
        lambda m: m.group(1) + m.group(2) + ("III" if len(m.group(3)) == 3 else "II"),
        text,
    )


# -- the dictionary's rules ---------------------------------------------------------------


class Speller:
    """hunspell-fr, asked through one long-lived `hunspell -l` process.

    The measure of the import (`sources.spelling`) reads the same dictionary; here it
    tells a damaged word from a real one, and which repair of it is a word. Words go in
    batches, each closed by a sentinel the dictionary refuses; answers are cached. The
    sector's words of the allow-list count as known.

    Only development and the tests ask hunspell itself: the import reads its answers from
    the committed lexicon (`Lexicon`), so `make run` needs nothing but Python.
    """

    SENTINEL = "qqzzxqq"

    def __init__(self):
        from sources import spelling  # the measure's dictionary and allow-list

        self._known: dict[str, bool] = dict.fromkeys(spelling.allowed_words(), True)
        program, unbuffered = shutil.which("hunspell"), shutil.which("stdbuf")
        if program is None or unbuffered is None:
            raise spelling.DictionaryMissing(spelling.DictionaryMissing.__doc__)
        self._process = subprocess.Popen(  # noqa: S603 (fixed programs, words on stdin)
            [unbuffered, "-oL", program, "-l", "-d", spelling.DICTIONARY, "-i", "utf-8"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
        )

    def learn(self, words) -> None:
        """Ask the dictionary, in one exchange, about the words it was not asked yet."""
        asked = sorted({w for w in words if w not in self._known and re.fullmatch(r"[^\W\d_]+", w)})
        for word in words:
            if word not in self._known and word not in asked:
                self._known[word] = False  # not a word of letters
        if not asked:
            return
        self._process.stdin.write("\n".join([*asked, self.SENTINEL]) + "\n")
        self._process.stdin.flush()
        unknown = set()
        while (line := self._process.stdout.readline().strip()) != self.SENTINEL:
            if not line and self._process.poll() is not None:
                raise RuntimeError("hunspell stopped")
            unknown.add(line)
        self._known.update((word, word not in unknown) for word in asked)

    def knows(self, word: str) -> bool:
        if word not in self._known:
            self.learn([word])
        return self._known[word]


# Letters the scan reads for others, and the accents it drops: each is tried, one or two at
# a time, on a word the dictionary does not know (« filiere », « enquéte », « réle »,
# « plutdt », « cing », « théeme »).
MISREAD = [
    ("ée", "è"), ("eé", "é"), ("eé", "è"), ("ée", "é"), ("qg", "q"), ("éé", "é"),
    ("é", "è"), ("é", "ê"), ("é", "ô"), ("é", "e"), ("e", "è"), ("e", "é"), ("e", "ê"),
    ("è", "é"), ("a", "à"), ("a", "â"), ("i", "î"), ("i", "ï"), ("o", "ô"), ("u", "û"),
    ("u", "ù"), ("c", "ç"), ("g", "q"), ("d", "ô"), ("f", "î"), ("G", "û"), ("oe", "œ"),
    ("é", "ë"), ("éa", "â"),
]  # fmt: skip
# Short words a glued word may be cut into; longer parts must be words of the dictionary.
GLUE_WORDS = FUNCTION_WORDS | {
    "a", "à", "y", "il", "ni", "si", "ma", "mes", "ces", "cet", "va", "eu",
}  # fmt: skip
# Words the dictionary knows that are no part of a glued one: « lement » is the end of
# « également », not « le ment »; « envisite » is « en visite », not « envi site ».
NOT_PARTS = frozenset({"ment", "ments", "quia", "envi"})
# Real words the dictionary does not know, that no rule should « repair ».
NOT_DAMAGED = frozenset({"email"})
# Prefixes French writes glued to a word (« multipartenarial », « interprofessionnel »,
# « coanimation »): a word the scan prints whole as one of them and a word is no two words.
COMPOUND_PREFIXES = (
    "multi", "inter", "pluri", "intra", "extra", "trans", "anti", "auto", "semi", "poly",
    "micro", "post", "pré", "pre", "ré", "re", "co",
)  # fmt: skip
# Elided words glued to the next one, their apostrophe lost: « lemploi », « sest ».
ELIDED = ("qu", "l", "d", "s", "n", "j")


def _respelled(word: str, speller: Speller, words: CleanWords) -> str | None:
    """The word the dictionary knows, one or two misread letters away, or None.

    Of several, the one the clean documents write most (« tête », not « tète »).
    """
    candidates = [word]
    for _ in range(2):
        following = []
        for candidate in candidates:
            for wrong, right in MISREAD:
                for match in re.finditer(re.escape(wrong), candidate):
                    following.append(candidate[: match.start()] + right + candidate[match.end() :])
        speller.learn(following)
        if found := [candidate for candidate in following if speller.knows(candidate)]:
            return max(found, key=lambda candidate: words.frequency(candidate))
        candidates = following
    return None


def _known_or_respelled(word: str, speller: Speller, words: CleanWords) -> str | None:
    return word if speller.knows(word) else _respelled(word, speller, words)


def _unglued(word: str, speller: Speller, words: CleanWords) -> list[str] | None:
    """« aaccepté » → a accepté, « aconduitajouer » → a conduit a jouer.

    The cut with the fewest parts, a part the clean documents never write counting more
    (« qui a rendu », not « quia rendu »); parts of three letters or less are function
    words, of four letters words the documents write.
    """
    speller.learn({word[i:j] for i in range(len(word)) for j in range(i + 4, len(word) + 1)})
    best: list[tuple[float, list[str]] | None] = [(0, [])] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 25), end):
            if best[start] is None:
                continue
            part = word[start:end]
            if len(part) == len(word):
                continue  # the damaged word itself, which the scan may repeat
            if len(part) <= 3:
                # « en vue »: a three-letter word the clean documents write often
                known = part in GLUE_WORDS or (len(part) == 3 and words.counts[part] >= 5)
            elif len(part) == 4:
                # a word the documents write, not a name (« eure » is no part of « eu recours »)
                known = words.frequency(part) > 0 and part not in NOT_PARTS and speller.knows(part)
            else:
                known = speller.knows(part) and part not in NOT_PARTS
            if not known:
                continue
            cost = best[start][0] + (1 if len(part) <= 3 or words.frequency(part) else 2.5)
            if best[end] is None or cost < best[end][0]:
                best[end] = (cost, [*best[start][1], part])
    parts = best[-1][1] if best[-1] else None
    return parts if parts and 2 <= len(parts) <= 4 else None


def _elided(word: str, speller: Speller, words: CleanWords) -> tuple[str, str] | None:
    """« lemploi » → (« l' », « emploi »); « sest » → (« s' », « est »), as the clean
    documents elide (« n' », « s' », « qu' » only before words they elide so)."""
    lower = word.lower()
    for elided in ELIDED:
        rest = word[len(elided) :]
        if not lower.startswith(elided) or not re.match(r"[aeiouyhéèêâîô]", rest) or len(rest) < 3:
            continue
        if elided in ("l", "d"):
            known = _known_or_respelled(rest, speller, words)
            parts = None if known else _unglued(rest, speller, words)
            if parts and len(parts[0]) > 3:  # « limpactva » → « l'impact va »
                known = " ".join(parts)
        else:
            known = rest if words.pairs[(elided, rest)] and speller.knows(rest) else None
        if known:
            return word[: len(elided)] + "'", known
    return None


def _prefixed_compound(word: str, speller: Speller | Lexicon) -> bool:
    """« multipartenarial », « interprofessionnel »: a prefix glued to a word the dictionary
    knows, a regular compound it may not list, never « multi partenarial »."""
    return any(
        word.startswith(prefix)
        and len(word) - len(prefix) >= 5
        and speller.knows(word[len(prefix) :])
        for prefix in COMPOUND_PREFIXES
    )


def repair_unknown_word(word: str, speller: Speller, words: CleanWords) -> str:
    """A word the dictionary does not know, as the scan's usual faults explain it.

    A misread letter or a lost accent (« filiere » → « filière »); else a lost apostrophe
    (« lemploi » → « l'emploi ») or words glued together (« eninsertion » → « en
    insertion »), whichever the clean documents make likelier (« la journée », not
    « l'ajournée »). A word no rule explains is left as it is.
    """
    if len(word) < 3 or word.lower() in NOT_DAMAGED or not word[1:].islower():
        return word
    if speller.knows(word) or speller.knows(word.lower()):
        return word
    capital = word[0].isupper()
    lower = word.lower()
    parts = _unglued(lower, speller, words)
    if parts and all(part in GLUE_WORDS for part in parts) and not capital:
        return " ".join(parts)  # « dela » is « de la » before it is « delà »
    respelled = _respelled(word, speller, words)
    if respelled is None and _prefixed_compound(lower, speller):
        return word  # « multipartenarial » (G1-1, G2-5): one word, as printed
    elided = _elided(lower, speller, words)
    # « lacte »: « l'acte », which the documents write, not « lacté », which they never do.
    if respelled and not (elided and not words.frequency(respelled) and words.frequency(elided[1])):
        return respelled
    if not parts and not elided:
        # « surlexistence »: a function word glued to an elision, « sur l'existence »
        for glue in sorted(GLUE_WORDS, key=len, reverse=True):
            rest = lower[len(glue) :]
            if len(glue) > 1 and lower.startswith(glue) and (cut := _elided(rest, speller, words)):
                parts = [glue, "".join(cut)]
                break
    # A capital starts a sentence (« Enjuin », « Lamise ») or a name (« Partenord »,
    # « Ille »): a sentence's first word is a function word, and a longer one follows.
    if capital and parts and (parts[0] not in GLUE_WORDS or max(map(len, parts)) < 4):
        parts = None
    if elided and parts:
        content = [part for part in parts if part not in GLUE_WORDS] or parts
        # « l'adresse » unless the cut's word is far more common (« la journée »).
        if min(words.frequency(part) for part in content) >= 3 * words.frequency(elided[1]) + 3:
            elided = None
    repaired = "".join(elided) if elided else " ".join(parts) if parts else None
    if repaired is None:
        return word
    return repaired[0].upper() + repaired[1:] if capital else repaired


def _respelled_capitals(word: str, speller: Speller, words: CleanWords) -> str:
    """« COLLEGES » → « COLLÈGES »: a word in capitals (a title's) whose accent the scan lost;
    never a name or an acronym the documents write in capitals (« CEDRE », « PANIER »)."""
    lower = word.lower()
    if len(word) < 5 or words.capitals[word] or words.scanned_capitals[word] > 1:
        return word
    if speller.knows(lower) or not (respelled := _respelled(lower, speller, words)):
        return word
    return respelled.upper()


def _join_cut_words(text: str, speller: Speller, words: CleanWords) -> str:
    """« obli gations » → « obligations »: two neighbours, one unknown, that make a word;
    an adverb's « ment » cut off (« définitive ment »)."""
    pieces, position = [], 0
    tokens = list(re.finditer(r"(?<![\w@./-])[a-zà-ÿœ]+(?![\w'’@])", text))
    index = 0
    while index + 1 < len(tokens):
        left, right = tokens[index], tokens[index + 1]
        if right.start() == left.end() + 1 and text[left.end()] == " ":
            a, b, joined = left.group(0), right.group(0), None
            if len(a) > 1 and len(b) > 1 and not (speller.knows(a) and speller.knows(b)):
                # A function word is a word (« recu le » is « reçu le », not « recule »).
                glue = a in GLUE_WORDS or b in GLUE_WORDS
                joined = None if glue else _known_or_respelled(a + b, speller, words)
            if b in ("ment", "ments") and speller.knows(a + b):  # « définitive ment »
                joined = a + b
            if joined:
                pieces += [text[position : left.start()], joined]
                position, index = right.end(), index + 2
                continue
        index += 1
    return "".join([*pieces, text[position:]])


def fix_unknown_words(text: str, speller: Speller, words: CleanWords) -> str:
    """Every word of a text that the dictionary does not know, repaired by the rules above.

    Also: an elided word glued to the one before it (« financementn'a » → « financement
    n'a »), a capital glued to an article (« laVille » → « la Ville », « lANPE » →
    « l'ANPE »), « jusqua » (« jusqu'à »), and a word cut in two by a stray space
    (« obli gations »). A first name before a surname in capitals is a name: left alone.
    """
    speller.learn(set(re.findall(r"[^\W\d_]+", text)))

    def glued_elision(match: re.Match) -> str:
        head, letter = match.group(1), match.group(2)
        whole = head + letter
        known = _known_or_respelled(head, speller, words)
        if not known and head[:1].isupper():  # « Levolumed'heures »: « Le volume d'heures »
            known = repair_unknown_word(head, speller, words)
            known = None if known == head else known
        if speller.knows(whole) or not known:
            return match.group(0)
        apostrophe = "'" if match.group(3) == '"' else match.group(3)
        return f"{known} {letter}{apostrophe}"

    def lost_circumflex(match: re.Match) -> str:
        """« conna'tre », « Maf'tre », « maf'trisée », « Bo'te »: the î before a t read as a
        quote (with the f or l the scan may add: « Ma[f]'tre », « reconna[l]'tre »)."""
        head, tail = match.group(1), match.group(2)
        candidates = [head + "î" + tail] + ([head[:-1] + "î" + tail] if head[-1] in "fl" else [])
        return next((word for word in candidates if speller.knows(word)), match.group(0))

    text = re.sub(
        r"\b([A-ZÀ-Ýa-zà-ÿœ][a-zà-ÿœ]+?)(qu|[dlns])(['’\"])(?=[a-zà-ÿœ])(?!hui\b)",
        glued_elision,
        text,
    )
    text = re.sub(r"\b([a-zA-Z]+)['’](t[a-zéè]*)\b", lost_circumflex, text)

    def six_for_o(match: re.Match) -> str:
        """« co6té », « P6le »: the ô read as a 6 (with or without its o)."""
        word = match.group(0)
        candidates = (word.replace("o6", "ô"), word.replace("6", "ô"))
        return next((c for c in candidates if speller.knows(c.lower())), word)

    text = re.sub(r"\b[A-Za-zÀ-ÿ]+6[a-zà-ÿ]+\b", six_for_o, text)
    text = re.sub(r"\b([nldsjNLDSJ])\"(?=[aeiouyéèêh])", r"\1'", text)  # « il n"existe »
    text = re.sub(r"\b(la|le|les|de|du|des|et|en|au|aux)([A-ZÉ][a-zà-ÿ]{2,})\b", r"\1 \2", text)
    text = re.sub(r"\b([ld])T?([AEIOUÉ][A-Z]{2,}|[AEIOUÉ][a-zà-ÿ]{3,})\b", r"\1'\2", text)
    text = re.sub(r"\b([Jj]usqu)a\b", r"\1'à", text)
    text = re.sub(r"\b([Cc][’']est)-a-dire\b", r"\1-à-dire", text)

    def lost_l(match: re.Match) -> str:
        """« l'égitimées »: the l of « légitimées », read as « [ », became an elision."""
        whole = "l" + match.group(1)
        return (
            whole if not speller.knows(match.group(1)) and speller.knows(whole) else match.group(0)
        )

    text = re.sub(r"\bl['’]([a-zéè]{4,})\b", lost_l, text)

    text = _join_cut_words(text, speller, words)

    def title_word(match: re.Match) -> str:
        """A word of a title in capitals (between two words in capitals), its accent lost:
        « DANS LES COLLEGES DU … », « DE POLES DE DEVELOPPEMENT »."""
        before, after = text[: match.start()], text[match.end() :]
        in_title = re.search(r"(?<![\w'’])[A-ZÀ-Ý'’]{2,} $", before) or re.match(
            r" [A-ZÀ-Ý]{2,}(?![\w'’])", after
        )
        return _respelled_capitals(match.group(0), speller, words) if in_title else match.group(0)

    text = re.sub(r"(?<![\w@./'’-])[A-ZÀ-Ý]{5,}(?![\w'’@.-])", title_word, text)

    def word_fix(match: re.Match) -> str:
        if text[match.start() - 1 : match.start()] == "-":  # « peut-étre », « au-dela »
            respelled = _respelled(match.group(0), speller, words)
            return respelled if respelled and not speller.knows(match.group(0)) else match.group(0)
        if match.group(0)[0].isupper() and re.search(r"\b[A-Z][a-zà-ÿ-]+ $", text[: match.start()]):
            return match.group(0)  # « Typhaine Lesselingue »: a name
        repaired = repair_unknown_word(match.group(0), speller, words)
        before = text[max(0, match.start() - 3) : match.start()]
        if re.fullmatch(r"\W?[lLdD]['’]", before) and " " in repaired:
            # after « l' » or « d' », a noun with a letter glued to it (« l'emploia »), not
            # function words (« l'nion » is no « l'ni on »); « qu'ilest » is « qu'il est »
            return repaired if len(repaired.split(" ")[0]) > 3 else match.group(0)
        return repaired

    # Not inside addresses (« laposte.net » is no « la poste »), nor a first name before
    # its surname in capitals (« Francoise LE VERGE »: names are not corrected).
    return re.sub(r"(?<![\w@./])[A-Za-zÀ-ÖØ-öø-ÿœŒ]{3,}(?![\w'’@-]|\.\w| [A-Z]{2})", word_fix, text)


LEXICON_FILE = SOURCES_DIR / "ocr-lexicon.txt"


class Lexicon:
    """The dictionary's answers the repair of 000 needs, read from `ocr-lexicon.txt`.

    The file lists every word hunspell-fr knows among those the repair asks about while
    the shipped 000 is parsed; any other word is unknown. It is written by
    `python manage.py write_ocr_lexicon` and a test checks that writing it again gives the
    committed file, so it never drifts from the dictionary or the rules.
    """

    def __init__(self, known: set[str]):
        from sources import spelling  # the measure's allow-list

        self._known = frozenset(known) | spelling.allowed_words()

    @classmethod
    def shipped(cls) -> Lexicon:
        lines = LEXICON_FILE.read_text(encoding="utf-8").splitlines()
        return cls({line for line in lines if line and not line.startswith("#")})

    def learn(self, words) -> None:
        """Nothing to ask: the lexicon already holds the answers."""

    def knows(self, word: str) -> bool:
        return word in self._known


class RecordingSpeller(Speller):
    """hunspell-fr, keeping the words it knows among those asked: the lexicon to ship."""

    def known_words(self) -> set[str]:
        from sources import spelling

        allowed = spelling.allowed_words()
        return {word for word, known in self._known.items() if known and word not in allowed}


_speller: Speller | Lexicon | None = None


def default_speller() -> Speller | Lexicon:
    """The lexicon shipped with the documents (or the speller `recorded_lexicon` sets)."""
    global _speller
    if _speller is None:
        _speller = Lexicon.shipped()
    return _speller


def recorded_lexicon() -> str:
    """The lexicon file's text, as hunspell-fr answers while the shipped 000 is parsed."""
    global _speller
    from sources.documents import DOCUMENTS_BY_CODE
    from sources.importer import parse_document

    recording, previous = RecordingSpeller(), _speller
    _speller = recording
    try:
        parse_document(DOCUMENTS_BY_CODE["000"])
    finally:
        _speller = previous
    header = (
        "# Words hunspell-fr knows among those the OCR repair of 000 asks about.\n"
        "# Written by `python manage.py write_ocr_lexicon`; do not edit by hand.\n"
    )
    return header + "\n".join(sorted(recording.known_words())) + "\n"
