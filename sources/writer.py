"""Write a ParsedDocument into the model, idempotently, counting what changed.

Records are matched on stable keys (slugs, codes, normalised organisation names),
so a second import finds everything in place and changes nothing. Records that a
source owns (its cards, resources, fiches, groups) are brought back to what the
source says. Organisations and people are shared by several documents and edited
by animators: the import only fills their empty fields, never overwrites one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.utils.text import slugify

from experiences.models import (
    CardContact,
    CardListing,
    CardPoint,
    ExperienceCard,
    ProjectListing,
)
from organisations.models import Organisation, Person
from resources.models import (
    Collection,
    Fiche,
    KeyPointKind,
    Keyword,
    KeywordEntry,
    Resource,
    Theme,
)
from sources import corrections
from sources.records import (
    CardRecord,
    ContactRecord,
    OrganisationRecord,
    ParsedDocument,
    PersonRecord,
    ResourceRecord,
    SourceFormatError,
)
from territories.models import Departement
from territories.services import find_region
from vita.models import PublicationStatus
from vita.slugs import free_slug
from workgroups.models import Programme, WorkingGroup

CREATED, UPDATED, UNCHANGED, DELETED = "créés", "modifiés", "inchangés", "supprimés"


@dataclass
class ImportReport:
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    warnings: list[str] = field(default_factory=list)

    def add(self, model: type[models.Model], outcome: str, number: int = 1) -> None:
        if number:
            self.counts[str(model._meta.verbose_name_plural)][outcome] += number

    def merge(self, other: ImportReport) -> None:
        for label, counter in other.counts.items():
            self.counts[label].update(counter)
        self.warnings.extend(other.warnings)

    @property
    def changed(self) -> bool:
        return any(c[CREATED] or c[UPDATED] or c[DELETED] for c in self.counts.values())


def name_key(name: str) -> str:
    """« Groupe  ISACTYS » and « groupe Isactys » are one organisation."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_name.lower())


GENERIC_PREFIXES = {"groupe", "association", "collectif"}
BRACKETED_ACRONYM = re.compile(r"\s*\(([A-Z0-9][A-Z0-9 .&-]*)\)\s*$")


def name_keys(name: str) -> list[str]:
    """The keys an organisation is known by: its name, without a bracketed acronym or a
    generic first word, and the acronym: « Association de Lutte Contre le Gaspillage
    (ALCG) » is « ALCG », « Groupe ISACTYS » is « ISACTYS »."""
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", name)
    variants = [name, bare]
    acronym = BRACKETED_ACRONYM.search(name)
    if acronym:
        variants.append(acronym.group(1))
    words = bare.split()
    if len(words) > 1 and words[0].lower() in GENERIC_PREFIXES:
        variants.append(" ".join(words[1:]))
    keys = [name_key(variant) for variant in variants]
    return list(dict.fromkeys(key for key in keys if key))


def _differs(instance: models.Model, name: str, value) -> bool:
    field_ = instance._meta.get_field(name)
    if field_.is_relation:
        return getattr(instance, field_.attname) != (value.pk if value is not None else None)
    return getattr(instance, name) != value


class DocumentWriter:
    """Writes one document; call inside a transaction."""

    def __init__(self, document: ParsedDocument, report: ImportReport):
        self.document = document
        self.report = report
        self.aliases = {
            name_key(alias): canonical for alias, canonical in corrections.load().aliases.items()
        }
        self.organisations = self._organisation_index()
        self.resources: dict[str, Resource] = {}
        self.fiches: dict[str, Fiche] = {}
        self.cards: dict[str, ExperienceCard] = {}

    # -- generic upserts ----------------------------------------------------

    def _upsert(self, model, lookup: dict, values: dict, *, fill_only: bool = False):
        """Create, or bring the row's fields to `values`; returns (instance, outcome)."""
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            return model.objects.create(**lookup, **values), CREATED
        changed = [
            name
            for name, value in values.items()
            if _differs(instance, name, value)
            and not (fill_only and getattr(instance, name) not in ("", None, []))
        ]
        for name in changed:
            setattr(instance, name, values[name])
        if changed:
            instance.save(update_fields=changed)
        return instance, UPDATED if changed else UNCHANGED

    def _set_m2m(self, instance, name: str, targets) -> bool:
        manager = getattr(instance, name)
        wanted = {target.pk for target in targets}
        if set(manager.values_list("pk", flat=True)) == wanted:
            return False
        manager.set(wanted)
        return True

    def _sync_rows(self, parent, related_name: str, rows: list[dict]) -> bool:
        """Make the parent's ordered child rows equal `rows`, matched by position."""
        manager = getattr(parent, related_name)
        model = manager.model
        existing = list(manager.order_by("position", "pk"))
        changed = False
        for position, values in enumerate(rows):
            values = {**values, "position": position}
            if position < len(existing):
                row = existing[position]
                fields = [name for name, value in values.items() if _differs(row, name, value)]
                if fields:
                    for name in fields:
                        setattr(row, name, values[name])
                    row.save(update_fields=fields)
                    self.report.add(model, UPDATED)
                    changed = True
                else:
                    self.report.add(model, UNCHANGED)
            else:
                manager.create(**values)
                self.report.add(model, CREATED)
                changed = True
        surplus = existing[len(rows) :]
        for row in surplus:
            row.delete()
        self.report.add(model, DELETED, len(surplus))
        return changed or bool(surplus)

    def _publish(self, instance) -> None:
        """New records are published; later editorial decisions (archiving…) are the
        animators', and a new import does not overturn them."""
        instance.status = PublicationStatus.PUBLISHED
        instance.published_at = instance.created_at
        instance.save(update_fields=["status", "published_at"])

    def _finish(self, model, outcome: str, children_changed: bool) -> None:
        if outcome == UNCHANGED and children_changed:
            outcome = UPDATED
        self.report.add(model, outcome)

    # -- organisations and people ---------------------------------------------

    def _organisation_index(self) -> dict[str, Organisation]:
        index: dict[str, Organisation] = {}
        for organisation in Organisation.objects.order_by("pk"):
            self._index(organisation, index)
        return index

    @staticmethod
    def _index(organisation: Organisation, index: dict[str, Organisation]) -> None:
        for key in [*name_keys(organisation.name), name_key(organisation.acronym)]:
            if key:
                index.setdefault(key, organisation)

    def _canonical(self, name: str) -> str:
        return self.aliases.get(name_key(name), name)

    def find_organisation(self, name: str) -> Organisation | None:
        if not name:
            return None
        for key in name_keys(self._canonical(name)):
            if key in self.organisations:
                return self.organisations[key]
        return None

    def organisation(self, name: str) -> Organisation:
        """The organisation of that name, created with just its name if unknown."""
        return self.find_organisation(name) or self.write_organisation(OrganisationRecord(name))

    def write_organisation(self, record: OrganisationRecord) -> Organisation:
        name = self._canonical(record.name)
        existing = self.find_organisation(name) or self.find_organisation(record.acronym)
        departement = self._departement(record.departement_code)
        bracketed = BRACKETED_ACRONYM.search(name)
        values = {
            "acronym": record.acronym or (bracketed.group(1) if bracketed else ""),
            "structure_types": record.structure_types,
            "address": record.address,
            "postal_code": record.postal_code,
            "town": record.town,
            "departement": departement,
            "phone": record.phone,
            "email": record.email,
            "website": record.website,
            "description": record.description,
        }
        values = {key: value for key, value in values.items() if value not in ("", None, [])}
        if existing is not None:
            organisation, outcome = self._upsert(
                Organisation, {"pk": existing.pk}, values, fill_only=True
            )
        else:
            organisation, outcome = self._upsert(
                Organisation,
                {"slug": free_slug(Organisation, name)},
                {"name": name, **values},
            )
        self._index(organisation, self.organisations)
        # Found by its acronym under another name: that name is known now too.
        for key in name_keys(name):
            self.organisations.setdefault(key, organisation)
        networks_changed = False
        if record.networks:
            networks = [self.organisation(network) for network in record.networks]
            missing = [n for n in networks if not organisation.networks.filter(pk=n.pk).exists()]
            if missing:
                organisation.networks.add(*missing)
                networks_changed = True
        if record.parent and organisation.parent_id is None:
            organisation.parent = self.organisation(record.parent)
            organisation.save(update_fields=["parent"])
            networks_changed = True
        self._finish(Organisation, outcome, networks_changed)
        return organisation

    def person(self, record: PersonRecord) -> Person:
        slug = slugify(f"{record.first_name} {record.last_name}")[:255]
        organisation = self.organisation(record.organisation) if record.organisation else None
        values = {
            "first_name": record.first_name,
            "last_name": record.last_name,
            "role": record.role,
            "organisation": organisation,
            "email": record.email,
            "phone": record.phone,
        }
        values = {key: value for key, value in values.items() if value not in ("", None)}
        person, outcome = self._upsert(Person, {"slug": slug}, values, fill_only=True)
        self._finish(Person, outcome, False)
        return person

    # -- territories and vocabularies -------------------------------------------

    def _departement(self, code: str) -> Departement | None:
        if not code:
            return None
        departement = Departement.objects.filter(code=code).first()
        if departement is None:
            raise SourceFormatError(f"unknown département code {code!r}")
        return departement

    def _vocabulary(self, model, names: list[str]) -> list:
        items = []
        for name in names:
            item, outcome = self._upsert(
                model, {"slug": slugify(name)}, {"name": name}, fill_only=True
            )
            if outcome == CREATED:
                self.report.add(model, CREATED)
            items.append(item)
        return items

    # -- the document ---------------------------------------------------------

    def write(self) -> None:
        document = self.document
        for record in document.organisations:
            self.write_organisation(record)
        for collection in document.collections:  # the source document may belong to one
            self.write_collection(collection)
        self.write_resource(document.source)
        for programme in document.programmes:
            self.write_programme(programme)
        # Groups before resources (a resource names its groups), productions after.
        groups = [self.write_group(group) for group in document.groups]
        for resource in document.resources:
            self.write_resource(resource)
        for group, record in zip(groups, document.groups, strict=True):
            self.write_productions(group, record)
        for fiche in document.fiches:
            self.write_fiche(fiche)
        for fiche in document.fiches:
            self.write_fiche_links(fiche)
        for keyword in document.keywords:
            self.write_keyword(keyword)
        for card in document.cards:
            self.write_card(card)
        for card in document.cards:
            self.write_card_links(card)
        for listing in document.project_listings:
            self.write_project_listing(listing)
        self.report.warnings.extend(f"{document.code}: {w}" for w in document.warnings)

    def write_programme(self, record) -> Programme:
        values = {
            "name": record.name,
            "organiser": self.organisation(record.organiser) if record.organiser else None,
            "start_year": record.start_year,
            "end_year": record.end_year,
            "description": record.description,
        }
        programme, outcome = self._upsert(Programme, {"slug": record.key}, values)
        phases = [
            {
                "title": phase.title,
                "start_date": phase.start_date,
                "end_date": phase.end_date,
                "description": phase.description,
            }
            for phase in record.phases
        ]
        self._finish(Programme, outcome, self._sync_rows(programme, "phases", phases))
        return programme

    def write_collection(self, record) -> Collection:
        parent = Collection.objects.get(slug=record.parent_key) if record.parent_key else None
        values = {
            "name": record.name,
            "parent": parent,
            "position": record.position,
            "description": record.description,
        }
        collection, outcome = self._upsert(Collection, {"slug": record.key}, values)
        self._finish(Collection, outcome, False)
        return collection

    def write_resource(self, record: ResourceRecord) -> Resource:
        values = {
            "title": record.title,
            "kind": record.kind,
            "description": record.description,
            "publisher": self.organisation(record.publisher) if record.publisher else None,
            "year": record.year,
            "version_label": record.version_label,
            "version_date": record.version_date,
            "collection": (
                Collection.objects.get(slug=record.collection_key)
                if record.collection_key
                else None
            ),
            "position": record.position,
            "access_level": record.access_level,
            "availability": record.availability,
        }
        resource, outcome = self._upsert(Resource, {"slug": record.key}, values)
        if outcome == CREATED:
            self._publish(resource)
        changed = self._sync_rows(
            resource, "links", [{"url": url, "label": label} for url, label in record.urls]
        )
        changed |= self._set_m2m(
            resource,
            "author_organisations",
            [self.organisation(name) for name in record.author_organisations],
        )
        changed |= self._set_m2m(
            resource, "author_people", [self.person(person) for person in record.author_people]
        )
        changed |= self._set_m2m(resource, "working_groups", self._groups(record.group_codes))
        changed |= self._set_m2m(resource, "themes", self._vocabulary(Theme, record.themes))
        self._finish(Resource, outcome, changed)
        self.resources[record.key] = resource
        return resource

    def _resource(self, key: str) -> Resource:
        if key in self.resources:
            return self.resources[key]
        resource = Resource.objects.filter(slug=key).first()
        if resource is None:
            raise SourceFormatError(f"unknown resource {key!r}")
        return resource

    def _groups(self, codes: list[str]) -> list[WorkingGroup]:
        groups = []
        for code in codes:
            group = WorkingGroup.objects.filter(code=code).first()
            if group is None:
                raise SourceFormatError(f"unknown working group {code!r}")
            groups.append(group)
        return groups

    def write_fiche(self, record) -> Fiche:
        resource = self.write_resource(record.resource)
        values = {
            "resource": resource,
            "part": record.part,
            "section": record.section,
            "section_title": record.section_title,
            "position": record.position,
        }
        fiche, outcome = self._upsert(Fiche, {"code": record.code}, values)
        changed = self._sync_rows(
            fiche,
            "blocks",
            [{"kind": b.kind, "heading": b.heading, "body": b.body} for b in record.blocks],
        )
        key_points = [
            {"kind": KeyPointKind.SUCCESS_KEY, "text": text} for text in record.success_keys
        ] + [{"kind": KeyPointKind.WATCH_POINT, "text": text} for text in record.watch_points]
        changed |= self._sync_rows(fiche, "key_points", key_points)
        self._finish(Fiche, outcome, changed)
        self.fiches[record.code] = fiche
        return fiche

    def _fiche(self, code: str) -> Fiche:
        fiche = self.fiches.get(code) or Fiche.objects.filter(code=code).first()
        if fiche is None:
            raise SourceFormatError(f"unknown fiche code {code!r}")
        return fiche

    def write_fiche_links(self, record) -> None:
        fiche = self.fiches[record.code]
        rows = [
            {"target": self._fiche(link.target_code), "kind": link.kind} for link in record.links
        ]
        self._sync_rows(fiche, "outgoing_links", rows)

    def write_keyword(self, record) -> None:
        keyword, outcome = self._upsert(
            Keyword, {"slug": slugify(record.name)}, {"name": record.name}, fill_only=True
        )
        wanted = {(code, True) for code in record.primary_fiche_codes} | {
            (code, False) for code in record.other_fiche_codes
        }
        existing = {(e.fiche.code, e.is_primary) for e in keyword.entries.select_related("fiche")}
        if existing != wanted:
            keyword.entries.all().delete()
            KeywordEntry.objects.bulk_create(
                KeywordEntry(keyword=keyword, fiche=self._fiche(code), is_primary=primary)
                for code, primary in sorted(wanted)
            )
        self.report.add(KeywordEntry, CREATED if existing != wanted else UNCHANGED, len(wanted))
        self._finish(Keyword, outcome, existing != wanted)

    def write_group(self, record) -> WorkingGroup:
        values = {
            "name": record.name,
            "slug": slugify(f"{record.code} {record.name}")[:255],
            "kind": record.kind,
            "programme": Programme.objects.get(slug=record.programme_key),
            "position": record.position,
            "period_start": record.period_start,
            "period_end": record.period_end,
            "period_label": record.period_label,
            "origin": record.origin,
            "objectives": record.objectives,
            "conclusions": record.conclusions,
        }
        group, outcome = self._upsert(WorkingGroup, {"code": record.code}, values)
        changed = self._sync_rows(group, "contacts", self._contact_rows(record.contacts))
        changed |= self._set_m2m(
            group,
            "member_organisations",
            [self.organisation(name) for name in record.member_organisations],
        )
        self._finish(WorkingGroup, outcome, changed)
        return group

    def write_productions(self, group: WorkingGroup, record) -> None:
        for key in record.production_keys:
            resource = self._resource(key)
            if not resource.working_groups.filter(pk=group.pk).exists():
                resource.working_groups.add(group)

    def _contact_rows(self, contacts: list[ContactRecord]) -> list[dict]:
        return [
            {
                "person": self.person(contact.person),
                "role": contact.role,
                "organisation": (
                    self.organisation(contact.organisation) if contact.organisation else None
                ),
            }
            for contact in contacts
        ]

    def write_card(self, record: CardRecord) -> ExperienceCard:
        porteur = self.organisation(record.porteur)
        region = find_region(record.region_as_written) if record.region_as_written else None
        departements = [self._departement(code) for code in record.departement_codes]
        if region is None and departements:
            region = departements[0].region
        if region is None:
            raise SourceFormatError(f"card {record.key!r}: no région can be found")
        scale = record.scale
        if not departements:
            # A card the source places in a whole région covers its départements.
            departements = list(region.departements.all())
            scale = scale or "region"
        values = {
            "title": record.title,
            "summary": record.summary,
            "category": record.category,
            "porteur": porteur,
            "region": region,
            "region_as_written": record.region_as_written,
            "territory_name": record.territory_name,
            "scale": scale,
            "milieux": record.milieux,
            "start_year": record.start_year,
            "end_year": record.end_year,
            "key_figures": record.key_figures,
            "context": record.context,
            "actions": record.actions,
            "results": record.results,
            "perspectives": record.perspectives,
            "problematiques": record.problematiques,
            "mutualisation_sought": record.mutualisation_sought,
            "mutualisation_offered": record.mutualisation_offered,
            "source_resource": self._resource(self.document.source.key),
            "source_page": record.source_page,
            "fiche": self._fiche(record.fiche_code) if record.fiche_code else None,
        }
        card, outcome = self._upsert(ExperienceCard, {"slug": record.key}, values)
        if outcome == CREATED:
            self._publish(card)
        changed = False
        changed |= self._set_m2m(card, "departements", departements)
        changed |= self._set_m2m(card, "partners", [self.organisation(p) for p in record.partners])
        changed |= self._set_m2m(card, "themes", self._vocabulary(Theme, record.themes))
        changed |= self._set_m2m(card, "keywords", self._vocabulary(Keyword, record.keywords))
        changed |= self._sync_card_contacts(card, record.contacts)
        changed |= self._sync_points(card, record)
        changed |= self._sync_rows(
            card,
            "tools",
            [
                {
                    "text": tool.text,
                    "resource": self._resource(tool.resource_key) if tool.resource_key else None,
                }
                for tool in record.tools
            ],
        )
        changed |= self._sync_listings(card, record)
        self._finish(ExperienceCard, outcome, changed)
        self.cards[record.key] = card
        return card

    def _sync_points(self, card, record: CardRecord) -> bool:
        rows = [{"kind": p.kind, "topic": p.topic, "text": p.text} for p in record.points]
        # Positions count within each kind, as the admin shows them.
        existing = list(CardPoint.objects.filter(card=card).order_by("kind", "position", "pk"))
        wanted = []
        for kind in ("frein", "levier"):
            of_kind = [row for row in rows if row["kind"] == kind]
            wanted += [{**row, "position": index} for index, row in enumerate(of_kind)]
        current = [
            {"kind": p.kind, "topic": p.topic, "text": p.text, "position": p.position}
            for p in existing
        ]
        if current == sorted(wanted, key=lambda row: (row["kind"], row["position"])):
            self.report.add(CardPoint, UNCHANGED, len(existing))
            return False
        CardPoint.objects.filter(card=card).delete()
        CardPoint.objects.bulk_create(CardPoint(card=card, **row) for row in wanted)
        self.report.add(CardPoint, DELETED, len(existing))
        self.report.add(CardPoint, CREATED, len(wanted))
        return True

    def _sync_card_contacts(self, card, contacts: list[ContactRecord]) -> bool:
        rows = [
            {
                "person": self.person(c.person),
                "role": c.role,
                "codes": sorted(c.working_group_codes),
            }
            for c in contacts
        ]
        existing = list(card.contacts.order_by("position").prefetch_related("working_groups"))
        current = [
            {
                "person": contact.person,
                "role": contact.role,
                "codes": sorted(group.code for group in contact.working_groups.all()),
            }
            for contact in existing
        ]
        if current == rows:
            self.report.add(CardContact, UNCHANGED, len(rows))
            return False
        card.contacts.all().delete()
        for position, row in enumerate(rows):
            contact = CardContact.objects.create(
                card=card, person=row["person"], role=row["role"], position=position
            )
            contact.working_groups.set(self._groups(row["codes"]))
        self.report.add(CardContact, DELETED, len(existing))
        self.report.add(CardContact, CREATED, len(rows))
        return True

    def _sync_listings(self, card, record: CardRecord) -> bool:
        wanted = {
            listing.group_code: (listing.source_page, listing.source_note)
            for listing in record.listings
        }
        existing = {
            listing.working_group.code: listing
            for listing in card.listings.select_related("working_group")
        }
        changed = False
        for code, (page, note) in wanted.items():
            listing = existing.pop(code, None)
            if listing is None:
                (group,) = self._groups([code])
                position = CardListing.objects.filter(working_group=group).count()
                CardListing.objects.create(
                    card=card,
                    working_group=group,
                    position=position,
                    source_page=page,
                    source_note=note,
                )
                self.report.add(CardListing, CREATED)
                changed = True
            elif (listing.source_page, listing.source_note) != (page, note):
                listing.source_page, listing.source_note = page, note
                listing.save(update_fields=["source_page", "source_note"])
                self.report.add(CardListing, UPDATED)
                changed = True
            else:
                self.report.add(CardListing, UNCHANGED)
        for listing in existing.values():
            listing.delete()
            self.report.add(CardListing, DELETED)
            changed = True
        return changed

    def _card(self, key: str) -> ExperienceCard | None:
        return self.cards.get(key) or ExperienceCard.objects.filter(slug=key).first()

    def write_card_links(self, record: CardRecord) -> None:
        card = self.cards[record.key]
        rows = []
        for link in record.links:
            target_card = self._card(link.target_card_key) if link.target_card_key else None
            if link.target_card_key and target_card is None:
                raise SourceFormatError(f"card {record.key!r} links to unknown card")
            rows.append(
                {
                    "kind": link.kind,
                    "label": link.label,
                    "target_card": target_card,
                    "target_resource": (
                        self._resource(link.target_resource_key)
                        if link.target_resource_key
                        else None
                    ),
                }
            )
        self._sync_rows(card, "links", rows)

    def write_project_listing(self, record) -> None:
        (group,) = self._groups([record.group_code])
        values = {
            "porteur_name": record.porteur_name,
            "region_as_written": record.region_as_written,
            "departement": self._departement(record.departement_code),
            "source_page": record.source_page,
        }
        _, outcome = self._upsert(
            ProjectListing,
            {
                "working_group": group,
                "title": record.title,
                "source_resource": self._resource(self.document.source.key),
            },
            values,
        )
        self.report.add(ProjectListing, outcome)
