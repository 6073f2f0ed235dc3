"""Repairs for the OCR of the scanned 2008 recueil (document 000).

The scan misreads a few things systematically: the elided « l' » (as U, T, [ or a
bare apostrophe), œ (« ceuvre », « cceur »), the capital I of acronyms (« Al »,
« A.C.1.D. »), bullets (`e`, `¢`, `*`), the @ of e-mails, and accents (« premiére »,
« étre », « péle »). Rules are written for those; accents and missing apostrophes
are checked against the words of the clean documents, so a rule never invents a word.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter, defaultdict

# Acronyms of the sector that start with a vowel, hence take « l' ».
VOWEL_ACRONYMS = "IAE|ANPE|ESS|AI|ACI|EI|ETTI|EITI|ASP|EA|A\\.C\\.I\\.D\\.|UREI|AIDE|AIR|ALCG"
MAIL_DOMAINS = (
    "wanadoo|orange|laposte|free|club-internet|cegetel|aol|yahoo|hotmail|gmail|nantesmetropole"
    "|cg62|ulisse38|isactys|coorace|cc-parthenay|tiscali|neuf|9online|voila|ccas|mairie"
)


def _skeleton(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


class CleanWords:
    """Word forms of the documents that were not scanned, to restore what OCR lost."""

    def __init__(self, *texts: str, scanned: str = ""):
        words = [w for text in texts for w in re.findall(r"[A-Za-zÀ-ÖØ-öø-ÿœŒ]+", text)]
        # Words of the scan itself, seen twice or more: real words, not joined ones.
        self.scanned = Counter(w.lower() for w in re.findall(r"[A-Za-zÀ-ÖØ-öø-ÿœŒ]+", scanned))
        self.counts = Counter(word.lower() for word in words)
        lowered = [w.lower() for w in words]
        self.pairs = Counter(itertools.pairwise(lowered))
        by_skeleton: dict[str, Counter] = defaultdict(Counter)
        for word, count in self.counts.items():
            by_skeleton[_skeleton(word)][word] += count
        self.best_form = {
            skeleton: forms.most_common(1)[0][0] for skeleton, forms in by_skeleton.items()
        }

    def knows(self, word: str) -> bool:
        return self.counts[word.lower()] > 0

    def accented(self, word: str) -> str:
        """« premiére » → « première »: the clean form with the same letters, if unknown."""
        if self.knows(word) or len(word) < 3:
            return word
        form = self.best_form.get(_skeleton(word))
        if form is None or self.counts[form] < 2:
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
                word_like = part in FUNCTION_WORDS if len(part) <= 3 else self._seen(part)
                shorter = best[end] is None or (
                    before is not None and len(before) + 1 < len(best[end])
                )
                if before is not None and word_like and shorter:
                    best[end] = [*before, part]
        return best[-1]

    def restore_grave_a(self, text: str) -> str:
        """« a la fin », « a partir de » → « à … », as the clean documents write those pairs.

        The scan drops the grave accent of the preposition. After a subject (« il a »,
        « qui a ») the word is the verb and stays.
        """

        def fix(match: re.Match) -> str:
            before, letter, after = match.group(1) or "", match.group(2), match.group(3)
            grave = f"{before} {'À' if letter == 'A' else 'à'} {after}".lstrip()
            if before.lower() in SUBJECTS:
                return match.group(0)
            if after.lower() in ("se", "s"):  # « a se rencontrer »: an infinitive follows
                return grave
            with_grave = self.pairs[("à", after.lower())]
            infinitive = re.search(r"..(?:er|ir)$", after) and after not in NOT_INFINITIVES
            if infinitive or (
                with_grave >= 3 and with_grave > 2 * self.pairs[("a", after.lower())]
            ):
                return grave
            return match.group(0)

        return re.sub(r"(?<!\S)(?:(\S+) )?(a|A) (\w+)", fix, text)


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


def fix_bullets(text: str) -> str:
    """Bullets read as `e`, `¢`, `«`, `*`: « e | a mise » → « - La mise »."""
    text = re.sub(r"(?m)^\s*[e¢«*•]\s?\|\s?a\b", "- La", text)
    text = re.sub(r"(?m)^\s*[e¢«*•]\s?L a\b", "- La", text)
    text = re.sub(r"(?m)^\s*[e¢*•]\|", "- L", text)
    return re.sub(r"(?m)^\s*(?:[e¢*•®]|«(?![^»\n]*»))\s+(?=\S)", "- ", text)


def fix_elisions(text: str) -> str:
    """« UIAE », « U'emploi », « Uinitiative », « TANPE », « [Association » → « l'… »."""
    text = re.sub(rf"\b[UT]({VOWEL_ACRONYMS})\b", r"l'\1", text)
    text = re.sub(r"\bU'(?=\w)", "l'", text)
    text = re.sub(r"\bU(?=[aeiouyéèêâîôh]|[AEIOUYÉ][a-zé])", "l'", text)
    # Brackets the scan gave to parentheses: « [vers … ) », « (et faire partager] ».
    text = re.sub(r"\[l? ?a (?=été|eu|fait|permis|pu)", "Il a ", text)  # « [l a été décidé »
    text = re.sub(r"\[(?=[^\[\]()]{0,300}\))", "(", text)
    text = re.sub(r"\(([^()\[\]]{0,300})\]", r"(\1)", text)
    text = re.sub(r"(?<![\w(])\[['‘]* ?(?=[aeiouyéèêâîôhAEIOUYÉ])", "l'", text)
    text = re.sub(r"\bI'(?=[A-Za-zÀ-ÿ])", "l'", text)
    # « D°UN », « d ° un »: the apostrophe of small capitals read as a degree sign.
    text = re.sub(r"\b([DdLl]) ?° ?(?=[A-Za-z])", r"\1'", text)
    # « de 'Emploi », « pour 'émergence »: the l of the elision lost, its apostrophe kept.
    text = re.sub(r"(?<=\s)'(?=[AEIOUÉaeiouéèêh][a-zé])", "l'", text)
    text = re.sub(r"\blU(?=[a-zé])", "l'", text)
    text = re.sub(r"\bV(?=AI\b|Al\b)", "l'", text)
    return text


def fix_acronyms(text: str) -> str:
    """The capital I read as l or 1: « Al », « CAl 92 », « A.C.1.D. », « l'Al »."""
    text = re.sub(r"\bA\.C\.[1lL]\.D\.", "A.C.I.D.", text)
    text = re.sub(r"\bCAIl\b", "CAI", text)
    text = re.sub(r"\b(C?A)l\b", r"\1I", text)
    text = re.sub(r"\bl'Al\b|\blAl\b", "l'AI", text)
    return re.sub(r"\bAls\b", "AI", text)


def fix_oe(text: str) -> str:
    text = re.sub(r"\bc[ce]euvre|\bceuvre|\b(?<=en )euvre", "œuvre", text)
    text = re.sub(r"\bcceur", "cœur", text)
    return re.sub(r"\b[GE]UVRE\b", "ŒUVRE", text)


def fix_misread_letters(text: str) -> str:
    """Letters the scan confuses: « péle », « pdle » (pôle), « aolt » (août), « -ftre » (-ître)."""
    text = re.sub(r"\b([pP])[éd]le(s?)\b", r"\1ôle\2", text)
    text = re.sub(r"\b([PpCc])OLE\b", lambda m: m.group(1) + "ÔLE", text)
    text = re.sub(r"\baolt\b", "août", text)
    text = re.sub(r"ai['’]-?\s?(?=tre)", "aî", text)  # « Mai'tre », « connai’- tre »
    text = re.sub(r"(?<!\S)\|(?=l\b|[a-z]{2})", "I", text)  # « |l est »
    text = re.sub(r"(?<!\S)~(?=\w)", "“", text)
    text = re.sub(r"(?<=\d) ?m[?2](?!\w)", " m²", text)
    text = re.sub(r"\bcolts?\b", lambda m: "coût" + ("s" if m.group(0).endswith("s") else ""), text)
    return re.sub(r"(?<=[a-z])f(t(?:re|ra|rait|ront)?)\b", r"î\1", text)


def fix_emails(text: str) -> str:
    """The @ read as « (d », « ld » or « d » before a mail domain."""
    text = re.sub(rf"(?<=[\w.])(?:\(d|ld|d|\(|ª)(?=(?:{MAIL_DOMAINS})\.)", "@", text)
    return re.sub(r"(?<=\w) ?@ ?(?=\w)", "@", text)


def fix_missing_apostrophes(text: str, words: CleanWords) -> str:
    """« lemploi », « Laccompagnement », « dARCHER » → « l'emploi »… when the rest is a word."""

    def restore(match: re.Match) -> str:
        letter, rest = match.group(1), match.group(2)
        if (letter + rest).isupper() or words.knows(letter + rest):
            return match.group(0)  # « LEMOINE », « laisser »
        rest = words.accented(rest)  # « lintérét » → « l'intérêt »
        if not (words.knows(rest) or (rest.isupper() and letter.islower())):
            return match.group(0)
        return f"{letter}'{rest}"

    return re.sub(r"\b([lLdD])([aeiouyéèêâîôhAEIOUYÉ][\w-]+)(?![.@\w])", restore, text)


def fix_capital_i(text: str, words: CleanWords) -> str:
    """« Ulsére », « Ulnitiative »: l' and a capital I read as « Ul » (but « Ulisse » stays)."""

    def restore(match: re.Match) -> str:
        word = words.accented("I" + match.group(1))
        return f"l'{word}" if words.knows(word) else match.group(0)

    return re.sub(r"\bUl([a-zé]{3,})", restore, text)


def fix_words(text: str, words: CleanWords) -> str:
    """Accents and joined words, one word at a time."""

    def fix(match: re.Match) -> str:
        word = words.accented(match.group(0))
        return words.split_joined(word) if word == match.group(0) else word

    # Not inside addresses: « laposte.net » is no « la poste ».
    return re.sub(r"(?<![\w@./-])[A-Za-zÀ-ÖØ-öø-ÿœŒ]{3,}(?![\w'’@]|\.\w)", fix, text)


def drop_footnote_marks(text: str) -> str:
    """Superscript note numbers read as ® or °: « VITA® », « ° La mise en œuvre »."""
    text = re.sub(r"(?<=\w)\s?°?®", "", text)
    return re.sub(r"(?m)^\s*°\s*(?=[A-Z])|(?<=\s)°®?\s(?=[a-zA-Z])", "", text)


def repair(text: str, words: CleanWords) -> str:
    """All OCR repairs of document 000, in the order they need."""
    text = drop_footnote_marks(text)
    text = fix_bullets(text)
    text = fix_oe(text)
    text = fix_misread_letters(text)
    text = fix_acronyms(text)
    text = fix_elisions(text)
    text = fix_emails(text)
    text = fix_missing_apostrophes(text, words)
    text = fix_capital_i(text, words)
    # « lAl » only becomes « l'Al » above: the acronym rule once more.
    return words.restore_grave_a(fix_words(fix_acronyms(text), words))
