"""The card's search document: declared in `experiences/search_document.py`, installed
by frozen migrations, kept by triggers on every table it reads."""

import types

import pytest
from django.core.management import call_command
from django.db import connection

from experiences import search, search_document
from experiences.models import CardTool, ExperienceCard
from territories.models import Departement, Region
from tests import factories

pytestmark = pytest.mark.django_db

CHANGED_DECLARATION = (
    "The card's search document declared in experiences/search_document.py is not the one "
    "the migrations install (latest: {name}): run `python manage.py card_search_migration` "
    "and commit the migration it writes."
)


def _found(text):
    cards = search.matching(ExperienceCard.objects.all(), text)
    return set(cards.values_list("title", flat=True))


def _installed():
    """(table, trigger) → (definition, function body) of every trigger of the schema."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, t.tgname,
                replace(pg_get_triggerdef(t.oid), ' ON ' || n.nspname || '.', ' ON '), p.prosrc
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE NOT t.tgisinternal AND n.nspname = current_schema()
            """
        )
        return {(table, name): (definition, body) for table, name, definition, body in cursor}


def _differences():
    """What the database's triggers and refresh differ in from the declaration, in words."""
    declared = search_document.declared_triggers()
    installed = _installed()
    names = declared.keys() | search_document.OTHER_TRIGGERS
    messages = [f"missing trigger {name} on {table}" for table, name in names - installed.keys()]
    messages += [
        f"trigger {name} on {table} is not declared in experiences/search_document.py"
        for table, name in installed.keys() - names
    ]
    messages += [
        f"trigger {name} on {table} differs from its declaration"
        for (table, name), installed_trigger in installed.items()
        if (table, name) in declared and installed_trigger != declared[table, name]
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = %s", [search_document.REFRESH])
        (refresh,) = cursor.fetchone()
    if refresh != search_document.refresh_function().split("$$")[1]:
        messages.append(f"{search_document.REFRESH} differs from its declaration")
    return sorted(messages)


def test_the_migrations_install_the_declared_document():
    name, installed = search_document.frozen()

    assert installed == search_document.install_sql(), CHANGED_DECLARATION.format(name=name)


def test_a_declaration_changed_without_its_migration_is_found(monkeypatch):
    fields = dict(search_document.WEIGHTED_FIELDS)
    fields["C"] = (*fields["C"], "tools_intro")
    monkeypatch.setattr(search_document, "WEIGHTED_FIELDS", fields)

    assert search_document.frozen()[1] != search_document.install_sql()


def test_the_migration_written_installs_the_declaration_and_reverts_to_the_previous():
    source = search_document.migration_source(previous="SELECT 'previous';")
    migration = types.ModuleType("written")
    exec(compile(source, "written", "exec"), migration.__dict__)  # noqa: S102 our own text

    (operation,) = migration.Migration.operations
    assert operation.sql == search_document.install_sql() + search_document.BACKFILL
    assert operation.reverse_sql == "SELECT 'previous';" + search_document.BACKFILL
    assert ("experiences", search_document.frozen()[0]) in migration.Migration.dependencies
    assert {app for app, _ in migration.Migration.dependencies} == {
        "experiences",
        "organisations",
        "territories",
    }


def test_the_command_has_nothing_to_write_while_the_migrations_are_up_to_date(capsys):
    call_command("card_search_migration")

    assert "Rien à faire" in capsys.readouterr().out


def test_the_installed_triggers_are_the_declared_ones():
    assert _differences() == []


def test_a_missing_or_extra_trigger_is_named():
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TRIGGER territories_departement_card_search_update ON territories_departement;"
            "CREATE TRIGGER stray AFTER UPDATE ON territories_region "
            "FOR EACH STATEMENT EXECUTE FUNCTION territories_region_card_search_update();"
        )

    assert _differences() == [
        "missing trigger territories_departement_card_search_update on territories_departement",
        "trigger stray on territories_region is not declared in experiences/search_document.py",
    ]


def test_every_table_the_document_reads_has_its_trigger():
    tables = {table for table, _ in search_document.declared_triggers()}

    assert tables == {
        "experiences_experiencecard",
        "experiences_experiencecard_departements",
        "experiences_cardpoint",
        "experiences_cardtool",
        "organisations_organisation",
        "territories_region",
        "territories_departement",
    }


def test_a_renamed_departement_updates_its_cards():
    card = factories.ExperienceCardFactory(departements=["29"])
    other = factories.ExperienceCardFactory(departements=["35"])

    Departement.objects.filter(code="29").update(name="Penn-ar-Bed")

    assert _found("penn-ar-bed") == {card.title}
    assert other.title in _found("ille-et-vilaine")


def test_a_renamed_region_updates_its_cards():
    card = factories.ExperienceCardFactory()

    Region.objects.filter(code="53").update(name="Armorique")

    assert card.title in _found("armorique")


def test_a_renamed_porteur_updates_its_cards():
    card = factories.ExperienceCardFactory()
    card.porteur.name, card.porteur.acronym = "Compagnons Bâtisseurs", "CBB"
    card.porteur.save()

    assert _found("compagnons") == {card.title}
    assert _found("cbb") == {card.title}


def test_a_point_moved_to_another_card_leaves_the_first():
    first, second = factories.ExperienceCardFactory(), factories.ExperienceCardFactory()
    point = factories.FreinFactory(card=first, text="Un hiver rigoureux")
    assert _found("rigoureux") == {first.title}

    point.card = second
    point.save()

    assert _found("rigoureux") == {second.title}


def test_bulk_written_tools_and_their_deletion_update_the_cards():
    cards = [factories.ExperienceCardFactory() for _ in range(2)]
    CardTool.objects.bulk_create(
        [CardTool(card=card, text=f"Grille d'évaluation {n}") for n in range(3) for card in cards]
    )
    assert _found("grille") == {card.title for card in cards}

    CardTool.objects.filter(card=cards[0]).delete()

    assert _found("grille") == {cards[1].title}
