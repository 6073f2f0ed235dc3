"""Text repair shared by the parsers: layout damage common to all five documents.

Document-specific damage has its own module: `ocr` (the scanned 000), `macroman`
(the font-encoding fault of 001). Every function takes and returns plain text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

BULLET = r"[-–•●▪◦✓✔¢e\*]"  # `e` and `¢` are how the OCR of 000 reads bullets
_LIST_ITEM = re.compile(rf"^\s*(?:{BULLET}|\d{{1,2}}[.)°])\s+(?=\S)")
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿœŒ]+")


def _plain(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def normalise_spaces(text: str) -> str:
    """No-break and odd spaces become spaces; runs of spaces one; lines right-trimmed."""
    text = re.sub(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000\t]", " ", text)
    text = re.sub(r" {2,}", " ", text)
    return "\n".join(line.rstrip() for line in text.splitlines())


def join_hyphenated_lines(text: str, vocabulary: Vocabulary | None = None) -> str:
    """« conven-\\ntionnées » → « conventionnées »; « Loire-\\nAtlantique » keeps its hyphen.

    With a vocabulary, a word the documents write with its hyphen keeps it too
    (« socio-\\nprofessionnels »).
    """

    def join(match: re.Match) -> str:
        left, right = match.group(1), match.group(2)
        if vocabulary is not None and vocabulary.prefers_hyphen(left, right):
            return f"{left}-{right}"
        return left + right

    # A blank line may stand between the halves (double-spaced scans).
    text = re.sub(r"(\w+)-[ ]*\n(?:[ ]*\n)?[ ]*([a-zà-ÿœ]\w*)", join, text)
    return re.sub(r"(\w)-[ ]*\n[ ]*([A-ZÀ-Ý])", r"\1-\2", text)


def fix_spaced_hyphens(text: str) -> str:
    """« Loire -Atlantique », « centre- ville » → joined; a dash between spaces stays."""
    return re.sub(r"(?<=[A-Za-zÀ-ÿ]) ?(?:(?<= )-(?! )|(?<! )-(?= )) ?(?=[A-Za-zÀ-ÿ])", "-", text)


def fix_spaced_addresses(text: str) -> str:
    """Spaces inside URLs and e-mails: « www.vita - ressouces.org », « a @ b.fr »."""
    text = re.sub(r"(?<=\w) ?@ ?(?=\w)", "@", text)
    url = re.compile(r"\b((?:https?://|www\.)[\w./%?=&#~+-]*?)\s*(-|\.|/)\s*(?=[\w])")

    previous = None
    while previous != text:
        previous = text
        text = url.sub(lambda m: m.group(1) + m.group(2), text, count=0)
    return text


def fix_capital_splits(text: str) -> str:
    """« N OM », « M ILIEU », « V ILLE DE THIERS » → « NOM », « MILIEU », « VILLE »."""
    return re.sub(r"\b([B-HJ-NP-XZÉ]) ([A-ZÉÈÀÂÊÎÔÛÇ]{2,})\b", r"\1\2", text)


class Vocabulary:
    """Words seen in the documents, to tell a split word from two real words.

    The damage recurs, so fragments (« habita », « nts ») are seen too: a split is
    joined only when the joined word is far more frequent than its rarer part, or
    when a part is a lone letter that is no French word.
    """

    WORD_LETTERS = frozenset("aàyô")

    def __init__(self, *texts: str):
        self.forms = Counter(word for text in texts for word in _WORD.findall(text))
        self.hyphenated = Counter(
            word.lower() for text in texts for word in re.findall(r"\w+-\w+", text)
        )
        self.counts = Counter()
        for form, count in self.forms.items():
            self.counts[form.lower()] += count
        self._forms_by_plain: dict[str, list[tuple[int, str]]] = {}
        for form, count in self.forms.items():
            if not form.isupper():
                self._forms_by_plain.setdefault(_plain(form), []).append((count, form))

    def written_form(self, word: str) -> str:
        """How the documents usually write `word` outside capitals: « RENNES » → « Rennes ».

        The word's own accents are kept (« FILIÈRES » is « filières », however often the
        scan of 000 drops the accent).
        """
        forms = self._forms_by_plain.get(_plain(word))
        if forms and word.lower() != _plain(word):
            forms = [form for form in forms if form[1].lower() == word.lower()] or forms
        return max(forms)[1] if forms else word.lower()

    def prefers_hyphen(self, left: str, right: str) -> bool:
        """Whether the documents write « socio-professionnels » rather than joined."""
        return self.hyphenated[f"{left}-{right}".lower()] > self.counts[(left + right).lower()]

    def is_acronym(self, word: str) -> bool:
        """IAE, ETTI: written in capitals more often than not."""
        return self.forms[word] > self.forms[word.lower()] + self.forms[word.capitalize()]

    def count(self, word: str) -> int:
        return self.counts[word.lower()]

    def should_join(self, left: str, right: str) -> bool:
        joined = self.count(left + right)
        if joined < 2:
            return False
        for part in (left, right):
            if len(part) == 1 and part.lower() not in self.WORD_LETTERS:
                return True
        return joined >= 3 and joined >= 5 * min(self.count(left), self.count(right))

    def join_split_words(self, text: str) -> str:
        """« Con solidation », « habita nts », « de s » → joined; « a près » stays."""
        pair = re.compile(r"([A-Za-zÀ-ÿœ]+) ([a-zà-ÿœ]+)\b(?![\w'’])")
        position, pieces = 0, []
        while match := pair.search(text, position):
            start = match.start()
            if start and not (text[start - 1].isspace() or text[start - 1] in '(«“"-'):
                # Not a word's start (« l'e… », « E&C a »): look again from the next word.
                pieces.append(text[position : match.start(2)])
                position = match.start(2)
                continue
            left, right = match.group(1), match.group(2)
            pieces.append(text[position:start])
            if self.should_join(left, right):
                pieces.append(left + right)
                position = match.end()
            else:
                # The right word may itself start a split: « et de s ».
                pieces.append(left + " ")
                position = match.start(2)
        pieces.append(text[position:])
        return "".join(pieces)


def unwrap(text: str, vocabulary: Vocabulary | None = None) -> str:
    """Hard-wrapped lines → Markdown: paragraphs joined, list items as `- item`.

    Blank lines separate paragraphs; a line starting with a bullet starts a list item;
    other lines continue the paragraph or item before them.
    """
    blocks: list[str] = []
    current: list[str] = []
    in_item = False

    def flush():
        nonlocal current, in_item
        if current:
            joined = " ".join(current)
            numbered = re.match(r"\d+\. ", joined)
            blocks.append(f"- {joined}" if in_item and not numbered else joined)
        current, in_item = [], False

    for raw in join_hyphenated_lines(text, vocabulary).splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        item = _LIST_ITEM.match(line)
        if item:
            flush()
            in_item = True
            number = re.match(r"\s*(\d{1,2})[.)°]", line)
            line = (f"{number.group(1)}. " if number else "") + line[item.end() :]
        current.append(line)
    flush()
    markdown = []
    for block in blocks:
        both_items = block.startswith("- ") and markdown and markdown[-1].startswith("- ")
        if markdown and not both_items:
            markdown.append("")
        markdown.append(block)
    return "\n".join(markdown).strip()


# A block ending on one of these stops mid-phrase: « la "Maison Emploi et ».
_MID_PHRASE = re.compile(
    r"(?:\b(?:et|ou|de|du|des|la|le|les|à|a|en|pour|par|avec|sur|dans|un|une|au|aux|que|qui|"
    r"d'|l')|[\"“«(])\s*$",
    re.IGNORECASE,
)


def _ends_mid_phrase(block: str) -> bool:
    return bool(block) and not block.startswith(("- ", "#")) and bool(_MID_PHRASE.search(block))


def join_broken_paragraphs(markdown: str) -> str:
    """Rejoin a sentence that a layout break cut into two blocks.

    A block that does not end a sentence, followed by one that starts in lower case
    (or with a bracket), is the same sentence: « … avant le » + « plan Borloo, … ».
    A word hyphenated across the break is mended: « cons- » + « truction ».
    """
    blocks: list[str] = []
    for block in markdown.split("\n\n"):
        previous = blocks[-1] if blocks else ""
        continues = bool(re.match(r"[a-zà-ÿœ(]", block)) or _ends_mid_phrase(previous)
        if previous and continues and not re.search(r"[.!?:;»”\]]$", previous):
            if re.search(r"[a-zà-ÿ]-$", previous):
                blocks[-1] = previous[:-1] + block
            else:
                blocks[-1] = f"{previous} {block}"
        else:
            blocks.append(block)
    return "\n\n".join(blocks)


def clean(text: str, vocabulary: Vocabulary | None = None) -> str:
    """The generic repairs, in the order they need: spaces, splits, hyphens, addresses."""
    text = normalise_spaces(text)
    text = fix_capital_splits(text)
    if vocabulary is not None:
        text = vocabulary.join_split_words(text)
    text = fix_spaced_hyphens(text)
    return fix_spaced_addresses(text)
