"""A synthetic corpus for the benchmark, grown from the imported content.

`grow_to(n)` adds published cards until the database holds `n` of them, with, in the
proportions below, porteurs and partners, library resources, working groups and themes.
Texts are words of the imported cards' own texts, each field as long as the same field
of an imported card drawn at random: the French of the sector, its lengths. Cards are
spread over every région and département (a card's départements are of its région),
every working group and every theme. The generator is seeded: the same sizes give the
same corpus. Rows are written in batches with bulk inserts, each card's search vector
refreshed once per batch (`one_search_refresh`); no history (the pages do not read it).

The first DISTINCT_CARDS cards are written one by one in Python, the next ones are
copies of those made by the database (texts, freins, leviers, tools, partners, themes)
with their own number, porteur, département, group and date; a copy keeps its model's
search vector (computing French vectors is 3 ms a card: 5 minutes at 100,000).
"""

from __future__ import annotations

import datetime
import random
import re
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from experiences.models import (
    CardCategory,
    CardListing,
    CardPoint,
    CardTool,
    ExperienceCard,
    PointKind,
)
from experiences.search import one_search_refresh
from organisations.enums import StructureType
from organisations.models import Organisation
from resources.models import Resource, ResourceKind, Theme
from territories.models import Departement, Milieu, Scale
from vita.models import PublicationStatus
from workgroups.models import Programme, WorkingGroup

CARDS_PER_ORGANISATION = 2
CARDS_PER_RESOURCE = 20
CARDS_PER_GROUP = 500
THEMES = [
    "Commande publique", "Mobilité", "Mutualisation", "Gouvernance", "Formation",
    "Accompagnement socioprofessionnel", "Économie circulaire", "Alimentation",
    "Numérique", "Handicap", "Ruralité", "Coopération territoriale",
]  # fmt: skip
TEXT_FIELDS = ["title", "summary", "context", "actions", "results", "problematiques"]
BATCH = 2000
DISTINCT_CARDS = 5000
COPIES_PER_STATEMENT = 20_000
SLUG_PREFIX = "banc-"  # the corpus's own rows


@dataclass
class Sample:
    """What the imported content gives the generator: its words and its lengths."""

    words: list[str]
    lengths: dict[str, list[int]]  # field → lengths of that field in the imported cards
    point_counts: list[int]
    tool_counts: list[int]

    @classmethod
    def of_imported_cards(cls) -> Sample:
        cards = list(ExperienceCard.objects.prefetch_related("points", "tools"))
        if not cards:
            raise RuntimeError("The corpus grows from the imported cards: run import_sources.")
        text = " ".join(getattr(card, name) for card in cards for name in TEXT_FIELDS)
        text += " ".join(point.text for card in cards for point in card.points.all())
        words = [w for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text) if len(w) > 1]
        return cls(
            words=words,
            lengths={name: [len(getattr(card, name)) for card in cards] for name in TEXT_FIELDS},
            point_counts=[len(card.points.all()) for card in cards],
            tool_counts=[len(card.tools.all()) for card in cards],
        )


class Writer:
    """Texts as long as the sample's, of its words."""

    def __init__(self, sample: Sample, seed: int):
        self.sample = sample
        self.random = random.Random(seed)  # noqa: S311 - sample data, not secrets

    def text(self, field: str, at_least: int = 0) -> str:
        length = max(at_least, self.random.choice(self.sample.lengths[field]))
        return self.words(length)

    def words(self, length: int) -> str:
        if length <= 0:
            return ""
        chosen = self.random.choices(self.sample.words, k=max(1, length // 7))
        sentences = [" ".join(chosen[i : i + 14]) for i in range(0, len(chosen), 14)]
        return " ".join(s[:1].upper() + s[1:] + "." for s in sentences)[:length]


def published_cards() -> int:
    return ExperienceCard.objects.filter(status=PublicationStatus.PUBLISHED).count()


def grow_to(size: int, seed: int = 2026, distinct: int | None = None) -> int:
    """Adds published cards (and what they need) until there are `size`; the number
    added. The first `distinct` synthetic cards are written one by one, the next ones
    copied from them."""
    distinct = distinct or DISTINCT_CARDS
    missing = size - published_cards()
    if missing <= 0:
        return 0
    sample = Sample.of_imported_cards()
    writer = Writer(sample, seed + size)
    _ensure_themes()
    _ensure_groups(size // CARDS_PER_GROUP)
    organisations = _ensure_organisations(size // CARDS_PER_ORGANISATION, writer)
    _ensure_resources(size // CARDS_PER_RESOURCE, writer)
    context = _Context(
        departements=list(Departement.objects.select_related("region").order_by("code")),
        groups=list(WorkingGroup.objects.order_by("code")),
        themes=list(Theme.objects.order_by("slug")),
        organisations=organisations,
    )
    start = ExperienceCard.objects.filter(slug__startswith=SLUG_PREFIX).count()
    end = start + missing
    for first in range(start, min(end, distinct), BATCH):
        with transaction.atomic():
            _add_cards(range(first, min(first + BATCH, distinct, end)), writer, context)
    for first in range(max(start, distinct), end, COPIES_PER_STATEMENT):
        with transaction.atomic():
            _copy_cards(first, min(first + COPIES_PER_STATEMENT, end), context, distinct)
    return missing


@dataclass
class _Context:
    departements: list
    groups: list
    themes: list
    organisations: list


def _add_cards(numbers: range, writer: Writer, context: _Context) -> None:
    rand = writer.random
    now = timezone.now()
    cards, related = [], []
    for n in numbers:
        departement = context.departements[n % len(context.departements)]
        start_year = 2005 + n % 20
        card = ExperienceCard(
            title=writer.text("title", at_least=20)[:200],
            slug=f"{SLUG_PREFIX}{n}",
            summary=writer.text("summary"),
            category=rand.choice(CardCategory.values),
            porteur=context.organisations[n % len(context.organisations)],
            region=departement.region,
            territory_name=f"Pays de {departement.name}",
            scale=rand.choice(Scale.values),
            milieux=rand.sample(Milieu.values, rand.randint(1, 2)),
            start_year=start_year,
            end_year=start_year + rand.randint(0, 4) if rand.random() < 0.5 else None,
            context=writer.text("context"),
            actions=writer.text("actions", at_least=200),
            results=writer.text("results"),
            problematiques=writer.text("problematiques"),
            status=PublicationStatus.PUBLISHED,
            published_at=now - datetime.timedelta(days=n % 3650, minutes=n),
        )
        cards.append(card)
        others = [d for d in context.departements if d.region_id == departement.region_id]
        related.append(
            {
                "departements": {departement, rand.choice(others)},
                "partners": set(rand.sample(context.organisations, rand.randint(0, 2))),
                "themes": set(rand.sample(context.themes, rand.randint(1, 3))),
                "group": context.groups[n % len(context.groups)],
                "points": rand.choice(writer.sample.point_counts),
                "tools": rand.choice(writer.sample.tool_counts),
            }
        )
    with one_search_refresh() as refreshed:
        ExperienceCard.objects.bulk_create(cards)
        refreshed.update(card.pk for card in cards)
        for name, column in (("departements", "departement"), ("partners", "organisation"),
                             ("themes", "theme")):  # fmt: skip
            through = getattr(ExperienceCard, name).through
            through.objects.bulk_create(
                through(experiencecard_id=card.pk, **{f"{column}_id": item.pk})
                for card, rows in zip(cards, related, strict=True)
                for item in rows[name]
            )
        CardListing.objects.bulk_create(
            CardListing(card=card, working_group=rows["group"], position=card.pk % 30000)
            for card, rows in zip(cards, related, strict=True)
        )
        CardPoint.objects.bulk_create(
            CardPoint(
                card=card,
                kind=PointKind.FREIN if i % 2 else PointKind.LEVIER,
                position=i,
                text=writer.words(rand.randint(40, 200)),
            )
            for card, rows in zip(cards, related, strict=True)
            for i in range(rows["points"])
        )
        CardTool.objects.bulk_create(
            CardTool(card=card, position=i, text=writer.words(rand.randint(20, 80)))
            for card, rows in zip(cards, related, strict=True)
            for i in range(rows["tools"])
        )


COPY_CARDS = """
INSERT INTO experiences_experiencecard (
    created_at, updated_at, review_comment, title, slug, summary, category, porteur_id,
    region_id, region_as_written, territory_name, scale, milieux, start_year, end_year,
    key_figures, context, actions, results, perspectives, problematiques,
    mutualisation_sought, mutualisation_offered, tools_intro, status, published_at,
    search_vector, rank_vector)
SELECT now(), now(), '', m.title || ' ' || n, %(prefix)s || n, m.summary, m.category,
    (%(organisations)s::bigint[])[1 + n %% cardinality(%(organisations)s::bigint[])],
    d.region_id, '', 'Pays de ' || d.name, m.scale, m.milieux, m.start_year, m.end_year,
    m.key_figures, m.context, m.actions, m.results, m.perspectives, m.problematiques,
    m.mutualisation_sought, m.mutualisation_offered, m.tools_intro, m.status,
    now() - (n %% 3650) * interval '1 day' - n * interval '1 minute', m.search_vector,
    m.rank_vector
FROM generate_series(%(first)s, %(last)s - 1) AS n
JOIN experiences_experiencecard m ON m.slug = %(prefix)s || (n %% %(models)s)
JOIN territories_departement d
    ON d.id = (%(departements)s::bigint[])[1 + n %% cardinality(%(departements)s::bigint[])]
"""

# Each copy (card c, number n) and its model (m); then its related rows.
COPIES = """
WITH copies AS (
    SELECT c.id AS card_id, m.id AS model_id, n
    FROM generate_series(%(first)s, %(last)s - 1) AS n
    JOIN experiences_experiencecard c ON c.slug = %(prefix)s || n
    JOIN experiences_experiencecard m ON m.slug = %(prefix)s || (n %% %(models)s)
)
"""
COPY_RELATED = [
    """INSERT INTO experiences_experiencecard_departements (experiencecard_id, departement_id)
    SELECT card_id, (%(departements)s::bigint[])[1 + n %% cardinality(%(departements)s::bigint[])]
    FROM copies""",
    """INSERT INTO experiences_experiencecard_partners (experiencecard_id, organisation_id)
    SELECT card_id, p.organisation_id FROM copies
    JOIN experiences_experiencecard_partners p ON p.experiencecard_id = model_id""",
    """INSERT INTO experiences_experiencecard_themes (experiencecard_id, theme_id)
    SELECT card_id, t.theme_id FROM copies
    JOIN experiences_experiencecard_themes t ON t.experiencecard_id = model_id""",
    """INSERT INTO experiences_cardlisting (card_id, working_group_id, position, source_note)
    SELECT card_id, (%(groups)s::bigint[])[1 + n %% cardinality(%(groups)s::bigint[])],
        n %% 30000, '' FROM copies""",
    """INSERT INTO experiences_cardpoint (card_id, kind, position, topic, text)
    SELECT copies.card_id, p.kind, p.position, p.topic, p.text FROM copies
    JOIN experiences_cardpoint p ON p.card_id = model_id""",
    """INSERT INTO experiences_cardtool (card_id, position, text)
    SELECT copies.card_id, t.position, t.text FROM copies
    JOIN experiences_cardtool t ON t.card_id = model_id""",
]


def _copy_cards(first: int, last: int, context: _Context, distinct: int) -> None:
    params = {
        "first": first,
        "last": last,
        "prefix": SLUG_PREFIX,
        "models": distinct,
        "organisations": [org.pk for org in context.organisations],
        "departements": [d.pk for d in context.departements],
        "groups": [group.pk for group in context.groups],
    }
    # The copies keep their models' vectors: nothing to refresh.
    with one_search_refresh(), connection.cursor() as cursor:
        cursor.execute(COPY_CARDS, params)
        for statement in COPY_RELATED:
            cursor.execute(COPIES + statement, params)


def _ensure_themes() -> None:
    from django.utils.text import slugify

    Theme.objects.bulk_create(
        [Theme(name=name, slug=slugify(name)) for name in THEMES], ignore_conflicts=True
    )


def _ensure_groups(count: int) -> None:
    existing = WorkingGroup.objects.filter(slug__startswith=SLUG_PREFIX).count()
    programme, _ = Programme.objects.get_or_create(
        slug=f"{SLUG_PREFIX}programme", defaults={"name": "Programme d'essai"}
    )
    WorkingGroup.objects.bulk_create(
        WorkingGroup(
            code=f"B{n}",
            name=f"Atelier {THEMES[n % len(THEMES)]} {n}",
            slug=f"{SLUG_PREFIX}g{n}",
            programme=programme,
        )
        for n in range(existing, count)
    )


def _ensure_organisations(count: int, writer: Writer) -> list[Organisation]:
    existing = Organisation.objects.filter(slug__startswith=SLUG_PREFIX).count()
    departements = list(Departement.objects.order_by("code"))
    types = StructureType.values
    for first in range(existing, count, BATCH):
        Organisation.objects.bulk_create(
            Organisation(
                name=f"{writer.words(30).rstrip('.')} {n}",
                slug=f"{SLUG_PREFIX}structure-{n}",
                structure_types=[types[n % len(types)]],
                town=departements[n % len(departements)].name,
                departement=departements[n % len(departements)],
            )
            for n in range(first, min(first + BATCH, count))
        )
    return list(Organisation.objects.order_by("pk").only("pk"))


def _ensure_resources(count: int, writer: Writer) -> None:
    existing = Resource.objects.filter(slug__startswith=SLUG_PREFIX).count()
    kinds = [kind for kind in ResourceKind.values if kind != ResourceKind.MODELE_FICHE]
    for first in range(existing, count, BATCH):
        Resource.objects.bulk_create(
            Resource(
                title=writer.words(60).rstrip("."),
                slug=f"{SLUG_PREFIX}ressource-{n}",
                kind=kinds[n % len(kinds)],
                description=writer.text("summary"),
                year=2000 + n % 25,
                status=PublicationStatus.PUBLISHED,
            )
            for n in range(first, min(first + BATCH, count))
        )
