"""The one writer of experience cards and of their related rows.

Proposals (`experiences.services.propose_cards`), the admin's spreadsheet imports
(`experiences.card_spreadsheet.CardSheet`, a file of 10,000 rows included) and the source
documents' import (`sources.writer`) hand it what they decided to write: the card's
fields, its départements, partners, listings in working groups, freins and leviers, and
tools. A batch is written in a few statements, each card's history is recorded once,
and each card's search document is refreshed once at the end.

What to write is the caller's decision: the source import asks it only for the fields
and lists no editor changed (`sources.ownership`), the admin import only for the columns
of its file.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from experiences.models import CardListing, CardPoint, CardTool, ExperienceCard, PointKind
from experiences.search import one_search_refresh
from organisations.models import Organisation
from vita.history import CHANGED, CREATED, record_history
from vita.models import PublicationStatus
from vita.slugs import free_slugs

BATCH_SIZE = 500  # cards per INSERT or UPDATE statement

# The many-to-many relations the writer sets: attribute → what `CardWrite` names it.
MANY_TO_MANY = ("departements", "partners")


@dataclass(eq=False)
class CardWrite:
    """A card to create (no primary key yet) or to update, and the related rows to set.

    `fields`: of a stored card, the fields to write (None: every field of `updatable`).
    A related list left None is left as it is; an empty list empties it."""

    card: ExperienceCard
    fields: tuple[str, ...] | None = None
    departements: list | None = None
    partners: list | None = None
    groups: list | None = None  # working groups the card is listed in
    # Texts; or (text, rubrique) pairs, where the caller gives the rubrique (a source
    # document does; a file or a proposal does not, a point that stays keeps its own).
    freins: list | None = None
    leviers: list | None = None
    tools: list[str] | None = None

    def points(self, kind: str) -> list | None:
        return self.freins if kind == PointKind.FREIN else self.leviers

    @property
    def related(self) -> dict:
        """The related lists this write sets, by name (the preview shows them)."""
        names = ("departements", "partners", "groups", "freins", "leviers", "tools")
        return {name: getattr(self, name) for name in names if getattr(self, name) is not None}


@dataclass
class StoredRows:
    """A stored card's listings, points and tools, as the writer keeps what a file does not
    say of them (a listing's place in its group, a point's rubrique, a tool's resource)."""

    departements: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    listings: list = field(default_factory=list)
    points: list = field(default_factory=list)
    tools: list = field(default_factory=list)


def stored_rows(pks, only: set[str] | None = None) -> dict[int, StoredRows]:
    """The related rows of the stored cards `pks`, read at once (a few queries); `only`
    names the lists to read (`StoredRows`' fields), all by default."""
    stored = defaultdict(StoredRows)
    pks = list(pks)
    if not pks:
        return stored
    for attribute in MANY_TO_MANY:
        if only is not None and attribute not in only:
            continue
        through, card, target = _through(attribute)
        links = through.objects.filter(**{f"{card}_id__in": pks})
        for link in links.select_related(target).order_by("pk"):
            getattr(stored[getattr(link, f"{card}_id")], attribute).append(getattr(link, target))
    for name, rows in (
        ("listings", CardListing.objects.order_by("pk")),
        ("points", CardPoint.objects.order_by("card", "kind", "position")),
        ("tools", CardTool.objects.order_by("card", "position")),
    ):
        if only is not None and name not in only:
            continue
        for row in rows.filter(card__in=pks):
            getattr(stored[row.card_id], name).append(row)
    return stored


def _through(attribute: str):
    """The through model of a many-to-many field, and its fields to the card and to the
    other row."""
    relation = ExperienceCard._meta.get_field(attribute)
    return (
        relation.remote_field.through,
        relation.m2m_field_name(),
        relation.m2m_reverse_field_name(),
    )


def write_cards(
    writes: list[CardWrite],
    *,
    user=None,
    new_organisations=(),
    typed_porteurs=(),
    stored: dict[int, StoredRows] | None = None,
    updatable: tuple[str, ...] = (),
) -> list[int]:
    """Create or update the cards of `writes` and set their related rows, all or none;
    returns the cards' ids.

    `new_organisations`: unsaved porteurs and partners the cards name, created first;
    `typed_porteurs`: stored organisations given their first structure type;
    `stored`: the related rows of the stored cards, if the caller read them already.
    A new card without a slug gets a free one of its title."""
    if any(write.card.pk is not None for write in writes) and stored is None:
        stored = stored_rows([write.card.pk for write in writes if write.card.pk is not None])
    with transaction.atomic():
        organisations = list(new_organisations)
        if organisations:
            Organisation.objects.bulk_create(organisations, batch_size=BATCH_SIZE)
            record_history(Organisation, [o.pk for o in organisations], CREATED, user)
        # BATCH_SIZE cards at a time: one search refresh of 10,000 cards at once is
        # slower than twenty of 500.
        for start in range(0, len(writes), BATCH_SIZE):
            _write_batch(writes[start : start + BATCH_SIZE], user, stored, updatable)
        porteurs = [o for o in typed_porteurs if o.pk is not None]
        if porteurs:
            Organisation.objects.bulk_update(porteurs, ["structure_types"])
            record_history(Organisation, [o.pk for o in porteurs], CHANGED, user)
    return [write.card.pk for write in writes]


def _write_batch(writes: list[CardWrite], user, stored, updatable) -> None:
    created = [write for write in writes if write.card.pk is None]
    updated = [write for write in writes if write.card.pk is not None]
    with one_search_refresh() as refreshed:
        _create([write.card for write in created], user)
        _update(updated, updatable, user)
        for writes_of_kind, known in ((created, None), (updated, stored)):
            if writes_of_kind:
                _write_related(writes_of_kind, known)
        refreshed.update(write.card.pk for write in writes)


def save_card(card: ExperienceCard, fields=None, reason: str = "") -> None:
    """Create one card, or write the `fields` of a stored one, on its own (the source
    documents' import decides field by field what it may write); its history is
    recorded once by django-simple-history, under `reason`."""
    if reason:
        card._change_reason = reason
    card.save(update_fields=fields)


def write_related(card: ExperienceCard, **lists) -> None:
    """Set some related lists of one stored card (`CardWrite`'s names), its own row left
    as it is; its search document refreshed once."""
    # What the writer keeps of the rows it replaces (a listing's place, a point's
    # rubrique, a tool's resource): read only for the lists being set.
    kept = {"groups": "listings", "freins": "points", "leviers": "points", "tools": "tools"}
    only = {kept[name] for name in lists if name in kept}
    with one_search_refresh() as refreshed:
        _write_related([CardWrite(card, **lists)], stored_rows([card.pk], only=only))
        refreshed.add(card.pk)


def _create(cards: list[ExperienceCard], user) -> None:
    if not cards:
        return
    now = timezone.now()
    unnamed = [card for card in cards if not card.slug]
    for card, slug in zip(
        unnamed, free_slugs(ExperienceCard, [c.title for c in unnamed]), strict=True
    ):
        card.slug = slug
    for card in cards:
        _stamp(card, now)
    for attempt in range(3):
        try:
            with transaction.atomic():
                ExperienceCard.objects.bulk_create(cards, batch_size=BATCH_SIZE)
            break
        except IntegrityError:
            # Two requests may pick the same free slug at once: the one that loses the
            # race gives its unnamed cards slugs with a random ending.
            taken = set(
                ExperienceCard.objects.filter(slug__in=[c.slug for c in unnamed]).values_list(
                    "slug", flat=True
                )
            )
            if not taken or attempt == 2:
                raise
            for card in cards:
                card.pk = None
            for card in unnamed:
                if card.slug in taken:
                    card.slug = f"{card.slug}-{secrets.token_hex(3)}"
    record_history(ExperienceCard, [card.pk for card in cards], CREATED, user)


def _stamp(card: ExperienceCard, now) -> None:
    """A card published by this write is published now."""
    if card.status == PublicationStatus.PUBLISHED and not card.published_at:
        card.published_at = now


def _update(writes: list[CardWrite], updatable: tuple[str, ...], user) -> None:
    if not writes:
        return
    now = timezone.now()
    # Django's bulk_update writes a CASE per card and field: cards are grouped by the
    # fields they change, only those are written.
    by_fields = defaultdict(list)
    for write in writes:
        _stamp(write.card, now)
        write.card.updated_at = now
        by_fields[updatable if write.fields is None else tuple(write.fields)].append(write.card)
    for fields, cards in by_fields.items():
        if fields:
            extra = ["published_at"] if "status" in fields else []
            ExperienceCard.objects.bulk_update(cards, [*fields, *extra], batch_size=BATCH_SIZE)
    pks = [write.card.pk for write in writes]
    # One date for the batch: one statement, not a CASE per card.
    ExperienceCard.objects.filter(pk__in=pks).update(updated_at=now)
    record_history(ExperienceCard, pks, CHANGED, user)


def _write_related(writes: list[CardWrite], stored: dict[int, StoredRows] | None) -> None:
    """The related rows of new cards (`stored` None) or of stored ones."""
    for attribute in MANY_TO_MANY:
        _write_many_to_many(attribute, writes, replace=stored is not None)
    _write_listings(writes, stored)
    _write_points(writes, stored)
    _write_tools(writes, stored)


def _write_many_to_many(attribute: str, writes: list[CardWrite], replace: bool) -> None:
    through, card_field, other_field = _through(attribute)
    card_column, other_column = f"{card_field}_id", f"{other_field}_id"
    rewritten = [
        (w.card, getattr(w, attribute)) for w in writes if getattr(w, attribute) is not None
    ]
    if not rewritten:
        return
    if replace:
        through.objects.filter(
            **{f"{card_column}__in": [card.pk for card, _ in rewritten]}
        ).delete()
    through.objects.bulk_create(
        (
            through(**{card_column: card.pk, other_column: item.pk})
            for card, items in rewritten
            for item in dict.fromkeys(items)
        ),
        batch_size=BATCH_SIZE * 4,
    )


def _stored(stored, card) -> StoredRows:
    return stored[card.pk] if stored is not None else StoredRows()


def _write_listings(writes: list[CardWrite], stored) -> None:
    """A listing's position is the card's place in its group: kept for the groups that
    stay, the new ones put the card last."""
    rewritten = [(w.card, w.groups) for w in writes if w.groups is not None]
    if not rewritten:
        return
    listed = {card.pk: _stored(stored, card).listings for card, _ in rewritten}
    wanted = {card.pk: {group.pk for group in groups} for card, groups in rewritten}
    stale = [
        listing.pk
        for card_pk, listings in listed.items()
        for listing in listings
        if listing.working_group_id not in wanted[card_pk]
    ]
    if stale:
        CardListing.objects.filter(pk__in=stale).delete()
    last = dict(
        CardListing.objects.filter(working_group__in={pk for g in wanted.values() for pk in g})
        .values_list("working_group")
        .annotate(last=Max("position"))
    )
    added = []
    for card, groups in rewritten:
        kept = {listing.working_group_id for listing in listed[card.pk]}
        for group in dict.fromkeys(groups):
            if group.pk not in kept:
                last[group.pk] = (last.get(group.pk) or 0) + 1
                added.append(CardListing(card=card, working_group=group, position=last[group.pk]))
    CardListing.objects.bulk_create(added, batch_size=BATCH_SIZE * 4)


def _write_points(writes: list[CardWrite], stored) -> None:
    """Freins and leviers rewritten in their new order; a point that stays keeps its
    rubrique (which neither a file nor a proposal gives)."""
    rewritten = [
        (w.card, kind, w.points(kind))
        for w in writes
        for kind in PointKind.values
        if w.points(kind) is not None
    ]
    if not rewritten:
        return
    topics = {}
    if stored is not None:
        for card, kind, _ in rewritten:
            for point in stored[card.pk].points:
                if point.kind == kind:
                    topics.setdefault((card.pk, kind, point.text), point.topic)
        stale = Q()
        for kind in PointKind.values:
            cards = [card.pk for card, of_kind, _ in rewritten if of_kind == kind]
            if cards:
                stale |= Q(card__in=cards, kind=kind)
        CardPoint.objects.filter(stale).delete()
    CardPoint.objects.bulk_create(
        (
            CardPoint(
                card=card,
                kind=kind,
                position=position,
                text=text,
                topic=topics.get((card.pk, kind, text), "") if topic is None else topic,
            )
            for card, kind, points in rewritten
            for position, (text, topic) in enumerate(map(_with_topic, points))
        ),
        batch_size=BATCH_SIZE * 4,
    )


def _with_topic(point) -> tuple[str, str | None]:
    return point if isinstance(point, tuple) else (point, None)


def _write_tools(writes: list[CardWrite], stored) -> None:
    """Tools rewritten in their new order; a tool that stays keeps its link to the
    library (which neither a file nor a proposal gives)."""
    rewritten = [(w.card, w.tools) for w in writes if w.tools is not None]
    if not rewritten:
        return
    linked = {}
    if stored is not None:
        for card, _ in rewritten:
            for tool in stored[card.pk].tools:
                linked.setdefault((card.pk, tool.text), tool.resource_id)
        CardTool.objects.filter(card__in=[card.pk for card, _ in rewritten]).delete()
    CardTool.objects.bulk_create(
        (
            CardTool(
                card=card, position=position, text=text, resource_id=linked.get((card.pk, text))
            )
            for card, texts in rewritten
            for position, text in enumerate(texts)
        ),
        batch_size=BATCH_SIZE * 4,
    )
