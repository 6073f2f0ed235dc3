"""The source documents cut into their pages, as the portal's reader shows them.

Each document is cut by the marks its text kept, and numbered as honestly as they allow:

- 000 (the scanned recueil): a page starts at a line beginning with a space, or after a
  page footer (« Sommaire | 10 »). Thirteen footers survived the scan; the other pages are
  numbered between them by interpolation, and say so (« numéro estimé »). Where the text
  has more starts than the printed pages between two footers, starts that land on the same
  number are one page; where it has fewer, a page stands for several numbers (« p. 21 à 27 »).
- 001: the page headers « Fiches synthétiques projets - VITA - DTS - n / 40 »; the text
  before the first one is page 1; a span whose headers were lost is one page « p. 21 à 27 ».
- 002: the newsletter's eight pages, as its sommaire numbers them: the parser's layout
  blocks (`dla_territoires.SEGMENTS`) each know their page.
- 003: the manual has no page numbers of its own: each fiche was printed and paginated
  on its own (« Fiche II-3 - Page 2/4 »), and only ten of those footers survive. Its honest
  unit is the fiche (and the front matter, the index, the bibliography), numbered in order.
- 004: no page marks at all (a slide deck and its fiches): its unit is the part (the
  programme, each fiche ressource, each speaker's talk), numbered in order.

`Page.number` is what the reader's address holds (`/documents/000/page/12/`) and what the
import records as a record's page; `Page.label` is what the portal shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sources.documents import DOCUMENTS_BY_CODE, SourceDocument
from sources.parsers.segments import part_starts


@dataclass(frozen=True)
class Page:
    number: int
    last: int  # == number, unless the page stands for numbers whose marks were lost
    label: str  # « p. 12 », « p. 29 (numéro estimé) », « fiche I-C-2-b », « partie 3 »
    title: str  # what the page holds, when the cut knows it; else ""
    start: int  # first line (0-based) in the document's text
    end: int  # line after the last
    estimated: bool = False
    key: str = ""  # a structural key: a fiche's code (003), « fiche-2 », « intervention-1 » (004)

    @property
    def heading(self) -> str:
        """The label as a heading: « Page 12 », « Fiche I-C-2-b », « Partie 3 »."""
        if self.label.startswith("p. "):
            return "Page " + self.label.removeprefix("p. ")
        return self.label[:1].upper() + self.label[1:]

    def holds(self, number: int) -> bool:
        return self.number <= number <= self.last


@dataclass(frozen=True)
class PagedDocument:
    document: SourceDocument
    unit: str  # « page », « fiche », « partie »: what a page of the reader is
    numbering: str  # French: how the pages were cut and numbered
    pages: tuple[Page, ...]
    lines: tuple[str, ...]

    @property
    def code(self) -> str:
        return self.document.code

    def page(self, number: int) -> Page | None:
        return next((page for page in self.pages if page.holds(number)), None)

    def page_of_line(self, index: int) -> Page:
        return next(page for page in reversed(self.pages) if page.start <= index)

    def page_of_key(self, key: str) -> Page | None:
        return next((page for page in self.pages if page.key == key), None)

    def text(self, page: Page) -> str:
        return "\n".join(self.lines[page.start : page.end])

    def page_of_text(self, fragment: str) -> Page | None:
        """The page whose text holds `fragment` (whitespace-insensitive), or None."""
        wanted = _squeeze(fragment)
        return next((p for p in self.pages if wanted in _squeeze(self.text(p))), None)

    def neighbours(self, page: Page) -> tuple[Page | None, Page | None]:
        index = self.pages.index(page)
        previous = self.pages[index - 1] if index else None
        following = self.pages[index + 1] if index + 1 < len(self.pages) else None
        return previous, following


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def paged(code: str) -> PagedDocument:
    """The document of this code, cut into its pages (KeyError for an unknown code)."""
    document = DOCUMENTS_BY_CODE[code]
    lines = tuple(document.path.read_text(encoding="utf-8").splitlines())
    unit, numbering, pages = CUTTERS[code](list(lines))
    return PagedDocument(document, unit, numbering, tuple(pages), lines)


def line_pages_000(lines: list[str]) -> list[int]:
    """The page number of each line of the recueil (000), as its reader numbers them.
    The parser of 000 calls it on its (corrected) text, so its records' pages are the
    reader's."""
    pages = _pages_000(lines)
    numbers = []
    for page in pages:
        numbers += [page.number] * (page.end - page.start)
    return numbers


# -- 000 --------------------------------------------------------------------------------

FOOTER_000 = re.compile(r"(?i)^\s*(?:\d+\s*[|\\=\[]?\s*sommaire|sommaire\s*[|=\[]?\s*\d+)\s*$")
PAGE_START_000 = re.compile(r"^ \S")


def _pages_000(lines: list[str]) -> list[Page]:
    starts, after_footer = [0], False
    for index, line in enumerate(lines):
        opens = PAGE_START_000.match(line) or (after_footer and line.strip())
        if index and index != starts[-1] and opens:
            starts.append(index)
            after_footer = False
        if FOOTER_000.match(line):
            after_footer = True
    ends = [*starts[1:], len(lines)]
    known: dict[int, int] = {}
    for cut, (start, end) in enumerate(zip(starts, ends, strict=True)):
        footer = next((lines[i] for i in range(start, end) if FOOTER_000.match(lines[i])), None)
        if footer is not None:
            known[cut] = int(re.search(r"\d+", footer).group())
    anchors = sorted(known.items())
    numbers = []
    for cut in range(len(starts)):
        before = [(c, n) for c, n in anchors if c <= cut]
        after = [(c, n) for c, n in anchors if c >= cut]
        if cut in known:
            number = known[cut]
        elif before and after:
            (a, pa), (b, pb) = before[-1], after[0]
            number = pa + round((cut - a) * (pb - pa) / (b - a))
        elif before:
            number = before[-1][1] + cut - before[-1][0]
        else:
            number = after[0][1] - (after[0][0] - cut)
        numbers.append(max(number, numbers[-1] if numbers else 1))
    merged: list[list] = []  # [number, start, end, estimated]
    for cut, number in enumerate(numbers):
        if merged and merged[-1][0] == number:
            merged[-1][2] = ends[cut]
            merged[-1][3] = merged[-1][3] and cut not in known
        else:
            merged.append([number, starts[cut], ends[cut], cut not in known])
    pages = []
    for index, (number, start, end, estimated) in enumerate(merged):
        last = merged[index + 1][0] - 1 if index + 1 < len(merged) else number
        pages.append(Page(number, last, _page_label(number, last, estimated), "", start, end,
                          estimated))  # fmt: skip
    return pages


def _page_label(number: int, last: int, estimated: bool) -> str:
    label = f"p. {number}" if last == number else f"p. {number} à {last}"
    return f"{label} (numéro estimé)" if estimated else label


def _cut_000(lines: list[str]):
    numbering = (
        "Le texte du scan découpé en pages : une page commence à une ligne en retrait ou "
        "après un pied de page « Sommaire | n ». Treize numéros de page ont survécu au scan ; "
        "les autres sont estimés entre eux et signalés comme tels."
    )
    return "page", numbering, _pages_000(lines)


# -- 001 --------------------------------------------------------------------------------

HEADER_001 = re.compile(r"^\s*Fiches synthétiques projets\W+\S*\W*VITA\W+DTS\W*(\d+)\s*/\s*40\b")


def _cut_001(lines: list[str]):
    heads = [(0, 1)]
    for index, line in enumerate(lines):
        if header := HEADER_001.match(line):
            heads.append((index, int(header.group(1))))
    pages = []
    for position, (start, number) in enumerate(heads):
        following = heads[position + 1] if position + 1 < len(heads) else None
        end = following[0] if following else len(lines)
        last = following[1] - 1 if following else number
        label = f"p. {number}" if last == number else f"p. {number} à {last}"
        pages.append(Page(number, last, label, "", start, end))
    numbering = (
        "Les pages du document, d'après ses en-têtes « Fiches synthétiques projets - VITA - "
        "DTS - n / 40 ». Les en-têtes des pages 22 à 27 sont perdus : ces pages n'en font "
        "qu'une ici. Le texte s'arrête à la page 32."
    )
    return "page", numbering, pages


# -- 002 --------------------------------------------------------------------------------


def _cut_002(lines: list[str]):
    from sources.parsers.dla_territoires import SEGMENTS

    normalised = [line.replace("’", "'").replace("“", '"').replace("”", '"') for line in lines]
    firsts = {}
    for spec, start in zip(SEGMENTS, part_starts(normalised, SEGMENTS, "002"), strict=True):
        firsts.setdefault(spec.page, start)
    numbers = sorted(firsts)
    pages = []
    for index, number in enumerate(numbers):
        start = 0 if index == 0 else firsts[number]
        end = firsts[numbers[index + 1]] if index + 1 < len(numbers) else len(lines)
        pages.append(Page(number, number, f"p. {number}", "", start, end))
    numbering = (
        "Les huit pages de la lettre, telles que son sommaire les numérote ; le texte ne garde "
        "pas de numéros de page, chaque page est repérée par les rubriques qu'elle porte."
    )
    return "page", numbering, pages


# -- 003 --------------------------------------------------------------------------------

FICHE_ANCHOR_003 = "EN BREF"
PART_TITLE_003 = re.compile(r"^\s*(?!(?:I|II|III)\.\s)\S")


def _cut_003(lines: list[str]):
    from sources.parsers.manuel_dts import BIBLIOGRAPHY_HEADING, INDEX_HEADING, PLAN_ENTRIES

    anchors = [i for i, line in enumerate(lines) if line.strip() == FICHE_ANCHOR_003]
    if len(anchors) != len(PLAN_ENTRIES):
        raise ValueError(f"003: {len(anchors)} fiches, {len(PLAN_ENTRIES)} expected")
    # A fiche's title opens its first page: the nearest line above « EN BREF » that
    # starts with a space (the text's mark of a new page).
    starts = [
        next(i for i in range(anchor - 1, 0, -1) if PAGE_START_000.match(lines[i]))
        for anchor in anchors
    ]
    after = range(anchors[-1], len(lines))
    index_start = next(i for i in after if lines[i].strip() == INDEX_HEADING)
    bibliography = next(i for i in after if lines[i].strip() == BIBLIOGRAPHY_HEADING)
    cuts = [(0, "debut", "Édito, introduction et sommaire", "avant les fiches")]
    for start, anchor, entry in zip(starts, anchors, PLAN_ENTRIES, strict=True):
        # Its title: the first line that is not the part's heading (« I. REPERES »).
        title = next(
            (line.strip() for line in lines[start:anchor] if PART_TITLE_003.match(line)), ""
        )
        cuts.append((start, entry.code, title, f"fiche {entry.code}"))
    cuts.append((index_start, "index", "Quelques mots clefs", "index"))
    cuts.append((bibliography, "bibliographie", "Bibliographie", "bibliographie"))
    pages = []
    for number, (start, key, title, label) in enumerate(cuts, start=1):
        end = cuts[number][0] if number < len(cuts) else len(lines)
        pages.append(Page(number, number, label, title, start, end, key=key))
    numbering = (
        "Le manuel n'a pas de pagination d'ensemble : chaque fiche était imprimée et "
        "paginée à part (« Fiche II-3 - Page 2/4 »), et seuls dix de ces pieds de page "
        "subsistent. Il se lit donc fiche par fiche, dans l'ordre du manuel."
    )
    return "fiche", numbering, pages


# -- 004 --------------------------------------------------------------------------------

FICHE_HEADER_004 = "Le comité régional d'inclusion dans l'emploi"
SPEAKER_004 = re.compile(r"^Intervenante? :")


def _cut_004(lines: list[str]):
    cuts = [(0, "programme", "Programme et fiches ressources")]
    fiches = talks = 0
    for index, line in enumerate(lines):
        if line.strip() == FICHE_HEADER_004:
            fiches += 1
            title = next((t.strip() for t in lines[index + 1 :] if t.strip()), "")
            cuts.append((index, f"fiche-{fiches}", title))
        elif SPEAKER_004.match(line):
            # A talk opens two lines of text above its speaker: its theme, then its title.
            above = [i for i in range(index - 1, cuts[-1][0], -1) if lines[i].strip()][:2]
            start = above[-1] if above else index
            talks += 1
            title = lines[above[0]].strip() if above else ""
            cuts.append((start, f"intervention-{talks}", title))
    pages = []
    for number, (start, key, title) in enumerate(cuts, start=1):
        end = cuts[number][0] if number < len(cuts) else len(lines)
        pages.append(Page(number, number, f"partie {number}", title, start, end, key=key))
    numbering = (
        "Le document n'a aucune marque de page (un support de webinaire et ses fiches) : il "
        "se lit par parties, dans son ordre : le programme, chaque fiche ressource, chaque "
        "intervention."
    )
    return "partie", numbering, pages


CUTTERS = {"000": _cut_000, "001": _cut_001, "002": _cut_002, "003": _cut_003, "004": _cut_004}
