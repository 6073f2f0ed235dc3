"""Repair of 001's font-encoding fault: Mac Roman text read one column off in Latin-1.

Some runs of document 001 came out of a font whose code page was shifted: each non-ASCII
character reads as its Mac Roman byte plus 0x20 (plus 0x1F from 0xCF up), taken as
Latin-1. ASCII is unharmed. So « é » (Mac Roman 0x8E) reads `®`, « à » reads `¨`,
« ’ » (0xD5) reads `ô`, « « » reads `ç`, « … » (0xC9) reads `é`.

A damaged run can be as short as one character (« dôêtre » is « d’être »), and the
shifted characters split in two kinds:

- symbols that French prose does not write (`®`, `¨`, `¹`, `©`, `°` outside « n° »…):
  a word holding one is damaged through and through, so it is decoded whole;
- letters that are also genuine in the undamaged runs (`ô`, `î`, `ç`, `è`, `é`, `ï`): each
  is decoded only where its context says so (« lôemploi », « îuvre », « ç atypique è »,
  « entreprisesé) », dot leaders `éééé`), and « rôle », « façon », « après » stay.

Capitals are never damaged. `ftfy` does not see this fault: the text is valid Latin-1.
"""

from __future__ import annotations

import re

from sources.repair import Vocabulary


def _shift_table() -> dict[str, str]:
    """What each Latin-1 character from 0xA0 up stands for in a damaged run."""
    table = {}
    for code in range(0xA0, 0x100):
        # 0xEE is both Œ (0xCE + 0x20) and œ (0xCF + 0x1F): the lowercase is the one seen.
        mac_byte = code - 0x1F if code >= 0xEE else code - 0x20
        table[chr(code)] = bytes([mac_byte]).decode("mac_roman")
    return table


SHIFTED = _shift_table()

# Shifted characters that are no letters of French prose: they only come from the fault.
# « and » are genuine in the undamaged runs, ° is genuine in « n° », § ² ³ may be.
SYMBOLS = "".join(
    char for char in map(chr, range(0xA1, 0xC0)) if char not in "«»°§²³"
)  # ¡¢£¤¥¦¨©ª¬­®¯±´µ¶·¸¹º¼½¾¿
LETTER = "A-Za-zÀ-ÖØ-öø-ÿœŒ"

_WORD = re.compile(rf"[{LETTER}{SYMBOLS}°]+")
_DOT_LEADERS = re.compile(r"é{3,}[é.]*")  # a sommaire's « ........ » between title and page
_EN_DASH = re.compile(r"ï(?![a-zà-ÿ])|(?<![a-zà-ÿ])ï")  # « naïf » keeps its ï
_OE_LIGATURE = re.compile(r"î(?=u)")  # « îuvre », « cîur »: no French word has « îu »
_OPENING_GUILLEMET = re.compile(rf"(?<![{LETTER}])ç")  # a genuine ç follows a letter
_CLOSING_GUILLEMET = re.compile(rf"(?<![{LETTER}])è(?![{LETTER}])")  # « 1 ère » keeps è
# The apostrophe of an elision before a vowel or h: « dôun », « quôil », « Aujourdôhui ».
_ELISION = re.compile(
    r"\b(?:[cdjlmnsCDJLMNS]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu|[Qq]uoiqu|[Pp]resqu|[Aa]ujourd)"
    r"ô(?=[aeiouyhàâäéèêëîïôöùûüœAEIOUYHÀÂÉÈÊÎÔÛŒ])"
)
# No French word has ô before a capital: « ACTôEURE », « ActôEure », « FLOCôH », « DôPouce ».
_APOSTROPHE_BEFORE_CAPITAL = re.compile(rf"(?<=[{LETTER}])ô(?=[A-Z])")
_APOSTROPHE_AFTER_SPACE = re.compile(rf"(?<=[{LETTER}]) +ô(?=[{LETTER}])")  # « d ôESSEM »
_LONE_E_ACUTE = re.compile(rf"(?<![{LETTER}])é(?![{LETTER}])")
_FINAL_E_ACUTE = re.compile(rf"(?<![{LETTER}])([{LETTER}]+)é(?![{LETTER}])")
_WORD_BEFORE = re.compile(rf"(?<![{LETTER}])([{LETTER}]+) $")
_WORD_AFTER = re.compile(rf" ([{LETTER}]+)")  # matched where the é ends


def decode(text: str) -> str:
    """Every shifted character of `text` decoded, capitals excepted (a blind translate)."""
    return "".join(SHIFTED.get(char, char) if not char.isupper() else char for char in text)


def repair(text: str, vocabulary: Vocabulary | None = None) -> str:
    """`text` with its damaged runs decoded and its genuine letters kept.

    `vocabulary` tells « projeté » (« projet… ») from « proposé »; without one,
    the words of `text` itself are used.
    """
    text = _decode_damaged_words(text)
    text = _DOT_LEADERS.sub("…", text)
    text = _EN_DASH.sub("–", text)
    text = _OE_LIGATURE.sub("œ", text)
    text = _OPENING_GUILLEMET.sub("«", text)
    text = _CLOSING_GUILLEMET.sub("»", text)
    text = _ELISION.sub(lambda match: match.group(0)[:-1] + "’", text)
    text = _APOSTROPHE_BEFORE_CAPITAL.sub("’", text)
    text = _APOSTROPHE_AFTER_SPACE.sub("’", text)
    return _decode_ellipses(text, vocabulary or Vocabulary(text))


def _decode_damaged_words(text: str) -> str:
    """A word holding a shift symbol is damaged whole: « dôactivit®é » → « d’activité… »."""

    def fix(match: re.Match) -> str:
        word = match.group(0)
        following = text[match.end() : match.end() + 3]
        if any(char in SYMBOLS for char in word) or _has_shifted_degree(word, following):
            return decode(word)
        return word

    return _WORD.sub(fix, text)


def _has_shifted_degree(word: str, following: str) -> bool:
    """`°` is « ê » (« °tre », « m°me ») unless it is « n° » or follows a number."""
    for index, char in enumerate(word):
        if char != "°":
            continue
        after_n = index > 0 and word[index - 1] in "nN"
        before_number = index == len(word) - 1 and re.match(r"\s*\d", following)
        if not (after_n or before_number):
            return True
    return False


def _decode_ellipses(text: str, vocabulary: Vocabulary) -> str:
    """`é` for « … » where no French word is: « TSF é pour », « entreprisesé) »."""

    def lone(match: re.Match) -> str:
        before = _WORD_BEFORE.search(text[max(match.start() - 40, 0) : match.start()])
        after = _WORD_AFTER.match(text, match.end())
        if before and vocabulary.count(before.group(1) + "é") > vocabulary.count(before.group(1)):
            return "é"  # the end of a split word: « Communaut é »
        if after and vocabulary.count("é" + after.group(1)) > vocabulary.count(after.group(1)):
            return "é"  # the start of a split word
        return "…"

    def final(match: re.Match) -> str:
        stem = match.group(1)
        if _is_word_before_ellipsis(stem, vocabulary):
            return stem + "…"
        return match.group(0)

    text = _LONE_E_ACUTE.sub(lone, text)
    return _FINAL_E_ACUTE.sub(final, text)


def _is_word_before_ellipsis(stem: str, vocabulary: Vocabulary) -> bool:
    """« projet » + é is « projet… »: the stem is a common word, the stem + é a rare one."""
    if len(stem) < 3:
        return False  # « né », « pé renne »: too short to tell a word from a fragment
    count = vocabulary.count(stem)
    return count >= 2 and count >= 3 * vocabulary.count(stem + "é")
