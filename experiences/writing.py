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

import enum
import secrets
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from experiences.models import (
    CardContact,
    CardLink,
    CardListing,
    CardPoint,
    CardTool,
    ExperienceCard,
    PointKind,
)
from experiences.search import one_search_refresh
from organisations.models import Organisation
from vita.history import CHANGED, CREATED, record_history
from vita.models import PublicationStatus
from vita.slugs import free_slugs

BATCH_SIZE = 500  # cards per INSERT or UPDATE statement

# The many-to-many relations the writer sets: `CardWrite` names them as the card does.
MANY_TO_MANY = ("departements", "partners", "themes", "keywords")


class RowOutcome(enum.StrEnum):
    """What a related row became in a write, counted by `write_related` (the source
    import reports it)."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    DELETED = "deleted"


# The stored rows (`StoredRows`' fields) each related list of `CardWrite` is compared with.
STORED_FOR = {
    **{name: name for name in MANY_TO_MANY},
    "groups": "listings",
    "freins": "points",
    "leviers": "points",
    "tools": "tools",
    "contacts": "contacts",
    "links": "links",
}


@dataclass(eq=False)
class CardWrite:
    """A card to create (no primary key yet) or to update, and the related rows to set.

    `fields`: of a stored card, the fields to write (None: every field of `updatable`).
    A related list left None is left as it is; an empty list empties it. Ordered rows
    (freins, leviers, tools, contacts, links) are matched by their place: a row that
    stays keeps its id, only what changed in it is written."""

    card: ExperienceCard
    fields: tuple[str, ...] | None = None
    departements: list | None = None
    partners: list | None = None
    themes: list | None = None
    keywords: list | None = None
    # Working groups the card is listed in; or (group, {"source_page": …, "source_note":
    # …}) pairs, where the caller says where its source files the card there.
    groups: list | None = None
    # Texts; or (text, rubrique) pairs, where the caller gives the rubrique (a source
    # document does; a file or a proposal does not, a point that stays keeps its own).
    freins: list | None = None
    leviers: list | None = None
    # Texts; or (text, resource) pairs, where the caller links a tool to the library (a
    # source document does; a tool that stays keeps its link otherwise).
    tools: list | None = None
    # Rows as dicts of their fields (`CardContact`'s, with "working_groups" a list;
    # `CardLink`'s): only the source documents give them.
    contacts: list[dict] | None = None
    links: list[dict] | None = None

    def points(self, kind: str) -> list | None:
        return self.freins if kind == PointKind.FREIN else self.leviers

    @property
    def related(self) -> dict:
        """The related lists this write sets, by name (the preview shows them)."""
        return {name: getattr(self, name) for name in STORED_FOR if getattr(self, name) is not None}


@dataclass
class StoredRows:
    """A stored card's related rows, as the writer compares them with what it is given
    and keeps what a file does not say of them (a listing's place in its group, a point's
    rubrique, a tool's resource)."""

    departements: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    keywords: list = field(default_factory=list)
    listings: list = field(default_factory=list)
    points: list = field(default_factory=list)
    tools: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    links: list = field(default_factory=list)


def stored_rows(pks, only: set[str] | None = None) -> dict[int, StoredRows]:
    """The related rows of the stored cards `pks`, read at once (a query per list);
    `only` names the lists to read (`StoredRows`' fields), all by default."""
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
        ("points", CardPoint.objects.order_by("card", "kind", "position", "pk")),
        ("tools", CardTool.objects.order_by("card", "position", "pk")),
        (
            "contacts",
            CardContact.objects.order_by("card", "position", "pk").prefetch_related(
                "working_groups"
            ),
        ),
        ("links", CardLink.objects.order_by("card", "position", "pk")),
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
        stored = stored_rows(
            [write.card.pk for write in writes if write.card.pk is not None],
            only={STORED_FOR[name] for write in writes for name in write.related},
        )
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
                _write_related(writes_of_kind, known, Counter())
        refreshed.update(write.card.pk for write in writes)


def save_card(card: ExperienceCard, fields=None, reason: str = "") -> None:
    """Create one card, or write the `fields` of a stored one, on its own (the source
    documents' import decides field by field what it may write); its history is
    recorded once by django-simple-history, under `reason`."""
    if reason:
        card._change_reason = reason
    card.save(update_fields=fields)


def write_related(card: ExperienceCard, **lists) -> Counter:
    """Set some related lists of one stored card (`CardWrite`'s names), its own row left
    as it is; its search document refreshed once. Returns what became of the rows:
    a count by (model, outcome)."""
    outcomes = Counter()
    only = {STORED_FOR[name] for name in lists}
    with one_search_refresh() as refreshed:
        _write_related([CardWrite(card, **lists)], stored_rows([card.pk], only=only), outcomes)
        refreshed.add(card.pk)
    return outcomes


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


def _write_related(
    writes: list[CardWrite], stored: dict[int, StoredRows] | None, outcomes: Counter
) -> None:
    """The related rows of new cards (`stored` None) or of stored ones."""
    for attribute in MANY_TO_MANY:
        _write_many_to_many(attribute, writes, replace=stored is not None)
    _write_listings(writes, stored, outcomes)
    _write_points(writes, stored, outcomes)
    _write_tools(writes, stored, outcomes)
    # The people named on the card with the groups each answers for; its links to other
    # cards and to resources.
    _write_rows_as_given(CardContact, "contacts", writes, stored, outcomes)
    _write_rows_as_given(CardLink, "links", writes, stored, outcomes)


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


def _write_listings(writes: list[CardWrite], stored, outcomes: Counter) -> None:
    """A listing's position is the card's place in its group: kept for the groups that
    stay, the new ones put the card last. Where the source files the card there is
    written when the caller gives it."""
    rewritten = [(w.card, _first_of_each(w.groups, {})) for w in writes if w.groups is not None]
    if not rewritten:
        return
    last = dict(
        CardListing.objects.filter(
            working_group__in={group.pk for _, wanted in rewritten for group in wanted}
        )
        .values_list("working_group")
        .annotate(last=Max("position"))
    )
    stale, changed, added = [], defaultdict(list), []
    for card, wanted in rewritten:
        listings = {listing.working_group_id: listing for listing in _stored(stored, card).listings}
        kept = {group.pk for group in wanted}
        stale += [listing for pk, listing in listings.items() if pk not in kept]
        for group, detail in wanted.items():
            listing = listings.get(group.pk)
            if listing is None:
                last[group.pk] = last.get(group.pk, -1) + 1
                added.append(
                    CardListing(card=card, working_group=group, position=last[group.pk], **detail)
                )
            else:
                _change(listing, detail, changed, outcomes)
    _apply(CardListing, stale, changed, added, outcomes)


def _first_of_each(items: list, default) -> dict:
    """Items, or (item, what the caller says of it) pairs, by item: an item named twice
    counts once, at its first place; an item alone says `default`."""
    detailed = {}
    for item in items:
        key, detail = item if isinstance(item, tuple) else (item, default)
        detailed.setdefault(key, detail)
    return detailed


def _write_points(writes: list[CardWrite], stored, outcomes: Counter) -> None:
    """Freins and leviers in their new order; a point whose text stays keeps its rubrique
    (which neither a file nor a proposal gives)."""
    lists = []
    for write in writes:
        for kind in PointKind.values:
            points = write.points(kind)
            if points is None:
                continue
            rows = [point for point in _stored(stored, write.card).points if point.kind == kind]
            topics = {}
            for point in rows:
                topics.setdefault(point.text, point.topic)
            wanted = []
            for point in points:
                text, topic = point if isinstance(point, tuple) else (point, None)
                topic = topics.get(text, "") if topic is None else topic
                wanted.append({"kind": kind, "text": text, "topic": topic})
            lists.append((write.card, rows, wanted))
    _write_in_order(CardPoint, lists, outcomes)


def _write_tools(writes: list[CardWrite], stored, outcomes: Counter) -> None:
    """Tools in their new order; a tool whose text stays keeps its link to the library,
    unless the caller gives the link."""
    lists = []
    for write in writes:
        if write.tools is None:
            continue
        rows = _stored(stored, write.card).tools
        linked = {}
        for tool in rows:
            linked.setdefault(tool.text, tool.resource_id)
        wanted = []
        for tool in write.tools:
            if isinstance(tool, tuple):
                text, resource = tool
                wanted.append({"text": text, "resource_id": getattr(resource, "pk", None)})
            else:
                wanted.append({"text": tool, "resource_id": linked.get(tool)})
        lists.append((write.card, rows, wanted))
    _write_in_order(CardTool, lists, outcomes)


def _write_rows_as_given(model, attribute: str, writes, stored, outcomes: Counter) -> None:
    """Rows only a source document gives (contacts, links), as it gives them, in order."""
    _write_in_order(
        model,
        [
            (write.card, getattr(_stored(stored, write.card), attribute), getattr(write, attribute))
            for write in writes
            if getattr(write, attribute) is not None
        ],
        outcomes,
    )


def _write_in_order(model, lists, outcomes: Counter) -> None:
    """Make each card's ordered rows of `model` the wanted ones, matched by place: a row
    that stays keeps its id. `lists` holds (card, its stored rows in order, the rows
    wanted as dicts of their fields, a many-to-many field as a list)."""
    many = {f.name for f in model._meta.many_to_many}
    stale, changed, added, to_set = [], defaultdict(list), [], []
    for card, rows, wanted in lists:
        for position, values in enumerate(wanted):
            values = {**values, "position": position}
            related = {name: values.pop(name) for name in many & values.keys()}
            if position < len(rows):
                row = rows[position]
                differ = [name for name, items in related.items() if _differs(row, name, items)]
                _change(row, values, changed, outcomes, also_changed=bool(differ))
            else:
                row, differ = model(card=card, **values), list(related)
                added.append(row)
            to_set += [(row, name, related[name]) for name in differ]
        stale += rows[len(wanted) :]
    _apply(model, stale, changed, added, outcomes)
    for row, name, items in to_set:
        getattr(row, name).set(items)


def _differs(row, name: str, value) -> bool:
    """Whether a stored row's field holds another value (a relation compared by key)."""
    field_ = row._meta.get_field(name)
    if field_.many_to_many:
        return {item.pk for item in getattr(row, name).all()} != {item.pk for item in value}
    if field_.is_relation:
        return getattr(row, field_.attname) != getattr(value, "pk", value)
    return getattr(row, name) != value


def _change(row, values: dict, changed: dict, outcomes: Counter, also_changed=False) -> None:
    """Set on a stored row the values that differ; it is written with the rows that
    change the same fields."""
    fields = tuple(name for name, value in values.items() if _differs(row, name, value))
    for name in fields:
        setattr(row, name, values[name])
    if fields:
        changed[fields].append(row)
    outcomes[type(row), RowOutcome.UPDATED if fields or also_changed else RowOutcome.UNCHANGED] += 1


def _apply(model, stale: list, changed: dict, added: list, outcomes: Counter) -> None:
    """Delete, update and create rows of `model`, a statement or a few each."""
    if stale:
        model.objects.filter(pk__in=[row.pk for row in stale]).delete()
    for fields, rows in changed.items():
        model.objects.bulk_update(rows, fields, batch_size=BATCH_SIZE * 4)
    model.objects.bulk_create(added, batch_size=BATCH_SIZE * 4)
    outcomes[model, RowOutcome.DELETED] += len(stale)
    outcomes[model, RowOutcome.CREATED] += len(added)
