"""The card's search document, as `experiences/search_document.py` declared it
(written by `python manage.py card_search_migration`).

The first migration written so: the SQL of 0003, 0009 and 0012 generated from one
declaration, with a trigger on the départements (a renamed département updates its
cards) and none where no write can change a card (a new organisation or région, a
deleted card). Triggers refresh each card once per statement, as before.

Frozen: the SQL is written out, never imported; the reverse is the document before it
(the triggers of 0003 and the refresh of 0012, as PostgreSQL gave them back).
"""

from django.db import migrations

SEARCH_DOCUMENT = r"""DO $drop$
DECLARE
    installed record;
BEGIN
    FOR installed IN
        SELECT tgname, tgrelid::regclass AS tbl, tgfoid::regprocedure AS function
        FROM pg_trigger
        WHERE NOT tgisinternal AND tgname ~ '_card_search_(insert|update|delete)$'
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %s', installed.tgname, installed.tbl);
        EXECUTE format('DROP FUNCTION IF EXISTS %s', installed.function);
    END LOOP;
END $drop$;

CREATE OR REPLACE FUNCTION experiences_refresh_card_search(card_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('experiences.defer_search_refresh', true) = 'on' THEN
        RETURN;
    END IF;
    UPDATE experiences_experiencecard c
    SET search_vector = v.a || v.b || v.c,
        rank_vector = v.a || v.b
    FROM (
        SELECT c.id,
            setweight(to_tsvector('french_unaccent', concat_ws(' ',
                c.title)), 'A') AS a,
            setweight(to_tsvector('french_unaccent', concat_ws(' ',
                c.summary,
                c.territory_name,
                c.region_as_written,
                (SELECT concat_ws(' ', porteur.name, porteur.acronym) FROM organisations_organisation porteur WHERE porteur.id = c.porteur_id),
                (SELECT region.name FROM territories_region region WHERE region.id = c.region_id),
                (SELECT string_agg(departements.name, ' ') FROM experiences_experiencecard_departements t JOIN territories_departement departements ON departements.id = t.departement_id WHERE t.experiencecard_id = c.id))), 'B') AS b,
            setweight(to_tsvector('french_unaccent', concat_ws(' ',
                c.key_figures,
                c.context,
                c.actions,
                c.results,
                c.perspectives,
                c.problematiques,
                c.mutualisation_sought,
                c.mutualisation_offered,
                (SELECT string_agg(concat_ws(' ', points.topic, points.text), ' ') FROM experiences_cardpoint points WHERE points.card_id = c.id),
                (SELECT string_agg(tools.text, ' ') FROM experiences_cardtool tools WHERE tools.card_id = c.id))), 'C') AS c
        FROM experiences_experiencecard c JOIN unnest(card_ids) AS refreshed(id) ON c.id = refreshed.id
    ) AS v
    WHERE c.id = v.id;
END $$;

CREATE FUNCTION experiences_experiencecard_card_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    card_ids bigint[];
BEGIN
    IF pg_trigger_depth() > 1 THEN RETURN NULL; END IF;
    card_ids := ARRAY(SELECT x.id FROM new_rows x);
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER experiences_experiencecard_card_search_insert AFTER INSERT ON experiences_experiencecard REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_experiencecard_card_search_insert();

CREATE FUNCTION experiences_experiencecard_card_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    card_ids bigint[];
BEGIN
    IF pg_trigger_depth() > 1 THEN RETURN NULL; END IF;
    card_ids := ARRAY(SELECT x.id FROM (SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.title, n.summary, n.territory_name, n.region_as_written, n.porteur_id, n.region_id, n.key_figures, n.context, n.actions, n.results, n.perspectives, n.problematiques, n.mutualisation_sought, n.mutualisation_offered) IS DISTINCT FROM (o.title, o.summary, o.territory_name, o.region_as_written, o.porteur_id, o.region_id, o.key_figures, o.context, o.actions, o.results, o.perspectives, o.problematiques, o.mutualisation_sought, o.mutualisation_offered)) x);
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER experiences_experiencecard_card_search_update AFTER UPDATE ON experiences_experiencecard REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_experiencecard_card_search_update();

CREATE FUNCTION organisations_organisation_card_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    card_ids bigint[];
BEGIN
    card_ids := ARRAY(SELECT DISTINCT c.id FROM (SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.name, n.acronym) IS DISTINCT FROM (o.name, o.acronym)) x JOIN experiences_experiencecard c ON c.porteur_id = x.id);
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER organisations_organisation_card_search_update AFTER UPDATE ON organisations_organisation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organisations_organisation_card_search_update();

CREATE FUNCTION territories_region_card_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    card_ids bigint[];
BEGIN
    card_ids := ARRAY(SELECT DISTINCT c.id FROM (SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.name) IS DISTINCT FROM (o.name)) x JOIN experiences_experiencecard c ON c.region_id = x.id);
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER territories_region_card_search_update AFTER UPDATE ON territories_region REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION territories_region_card_search_update();

CREATE FUNCTION experiences_experiencecard_departements_card_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    card_ids bigint[];
BEGIN
    card_ids := ARRAY(SELECT DISTINCT x.experiencecard_id FROM new_rows x);
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER experiences_experiencecard_departements_card_search_insert AFTER INSERT ON experiences_experiencecard_departements REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_experiencecard_departements_card_search_insert();

CREATE FUNCTION experiences_experiencecard_departements_card_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    card_ids bigint[];
BEGIN
    card_ids := ARRAY(SELECT DISTINCT x.experiencecard_id FROM (SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.experiencecard_id, n.departement_id) IS DISTINCT FROM (o.experiencecard_id, o.departement_id)) x
            UNION SELECT DISTINCT x.experiencecard_id FROM (SELECT o.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.experiencecard_id, n.departement_id) IS DISTINCT FROM (o.experiencecard_id, o.departement_id)) x);
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER experiences_experiencecard_departements_card_search_update AFTER UPDATE ON experiences_experiencecard_departements REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_experiencecard_departements_card_search_update();

CREATE FUNCTION experiences_experiencecard_departements_card_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    card_ids bigint[];
BEGIN
    card_ids := ARRAY(SELECT DISTINCT x.experiencecard_id FROM old_rows x);
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER experiences_experiencecard_departements_card_search_delete AFTER DELETE ON experiences_experiencecard_departements REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_experiencecard_departements_card_search_delete();

CREATE FUNCTION territories_departement_card_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    card_ids bigint[];
BEGIN
    card_ids := ARRAY(SELECT DISTINCT t.experiencecard_id FROM (SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.name) IS DISTINCT FROM (o.name)) x JOIN experiences_experiencecard_departements t ON t.departement_id = x.id);
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER territories_departement_card_search_update AFTER UPDATE ON territories_departement REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION territories_departement_card_search_update();

CREATE FUNCTION experiences_cardpoint_card_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    card_ids bigint[];
BEGIN
    card_ids := ARRAY(SELECT DISTINCT x.card_id FROM new_rows x);
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER experiences_cardpoint_card_search_insert AFTER INSERT ON experiences_cardpoint REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_cardpoint_card_search_insert();

CREATE FUNCTION experiences_cardpoint_card_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    card_ids bigint[];
BEGIN
    card_ids := ARRAY(SELECT DISTINCT x.card_id FROM (SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.topic, n.text, n.card_id) IS DISTINCT FROM (o.topic, o.text, o.card_id)) x
            UNION SELECT DISTINCT x.card_id FROM (SELECT o.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.topic, n.text, n.card_id) IS DISTINCT FROM (o.topic, o.text, o.card_id)) x);
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER experiences_cardpoint_card_search_update AFTER UPDATE ON experiences_cardpoint REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_cardpoint_card_search_update();

CREATE FUNCTION experiences_cardpoint_card_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    card_ids bigint[];
BEGIN
    card_ids := ARRAY(SELECT DISTINCT x.card_id FROM old_rows x);
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER experiences_cardpoint_card_search_delete AFTER DELETE ON experiences_cardpoint REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_cardpoint_card_search_delete();

CREATE FUNCTION experiences_cardtool_card_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    card_ids bigint[];
BEGIN
    card_ids := ARRAY(SELECT DISTINCT x.card_id FROM new_rows x);
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER experiences_cardtool_card_search_insert AFTER INSERT ON experiences_cardtool REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_cardtool_card_search_insert();

CREATE FUNCTION experiences_cardtool_card_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    card_ids bigint[];
BEGIN
    card_ids := ARRAY(SELECT DISTINCT x.card_id FROM (SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.text, n.card_id) IS DISTINCT FROM (o.text, o.card_id)) x
            UNION SELECT DISTINCT x.card_id FROM (SELECT o.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.text, n.card_id) IS DISTINCT FROM (o.text, o.card_id)) x);
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER experiences_cardtool_card_search_update AFTER UPDATE ON experiences_cardtool REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_cardtool_card_search_update();

CREATE FUNCTION experiences_cardtool_card_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    card_ids bigint[];
BEGIN
    card_ids := ARRAY(SELECT DISTINCT x.card_id FROM old_rows x);
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER experiences_cardtool_card_search_delete AFTER DELETE ON experiences_cardtool REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_cardtool_card_search_delete();
"""

PREVIOUS = r"""DO $drop$
DECLARE
    installed record;
BEGIN
    FOR installed IN
        SELECT tgname, tgrelid::regclass AS tbl, tgfoid::regprocedure AS function
        FROM pg_trigger
        WHERE NOT tgisinternal AND tgname ~ '_card_search_(insert|update|delete)$'
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %s', installed.tgname, installed.tbl);
        EXECUTE format('DROP FUNCTION IF EXISTS %s', installed.function);
    END LOOP;
END $drop$;

CREATE OR REPLACE FUNCTION experiences_refresh_card_search(card_ids bigint[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
BEGIN
    IF current_setting('experiences.defer_search_refresh', true) = 'on' THEN
        RETURN;
    END IF;
    UPDATE experiences_experiencecard c
    SET search_vector = v.title || v.presentation || v.story,
        rank_vector = v.title || v.presentation
    FROM (
        SELECT c.id,
            setweight(to_tsvector('french_unaccent', coalesce(c.title, '')), 'A') AS title,
            setweight(to_tsvector('french_unaccent', concat_ws(' ',
                c.summary, c.territory_name, c.region_as_written,
                (SELECT concat_ws(' ', o.name, o.acronym) FROM organisations_organisation o
                  WHERE o.id = c.porteur_id),
                (SELECT r.name FROM territories_region r WHERE r.id = c.region_id),
                (SELECT string_agg(d.name, ' ') FROM experiences_experiencecard_departements cd
                   JOIN territories_departement d ON d.id = cd.departement_id
                  WHERE cd.experiencecard_id = c.id))), 'B') AS presentation,
            setweight(to_tsvector('french_unaccent', concat_ws(' ',
                c.key_figures, c.context, c.actions, c.results, c.perspectives,
                c.problematiques, c.mutualisation_sought, c.mutualisation_offered,
                (SELECT string_agg(concat_ws(' ', p.topic, p.text), ' ')
                   FROM experiences_cardpoint p WHERE p.card_id = c.id),
                (SELECT string_agg(t.text, ' ') FROM experiences_cardtool t
                  WHERE t.card_id = c.id))), 'C') AS story
        FROM experiences_experiencecard c JOIN unnest(card_ids) AS refreshed(id)
            ON c.id = refreshed.id
    ) AS v
    WHERE c.id = v.id;
END $function$;

CREATE OR REPLACE FUNCTION experiences_cardpoint_card_search_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    card_ids bigint[] := ARRAY(SELECT card_id FROM old_rows AS x);
BEGIN
    
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $function$
;
CREATE TRIGGER experiences_cardpoint_card_search_delete AFTER DELETE ON experiences_cardpoint REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_cardpoint_card_search_delete();

CREATE OR REPLACE FUNCTION experiences_cardpoint_card_search_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    card_ids bigint[] := ARRAY(SELECT card_id FROM new_rows AS x);
BEGIN
    
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $function$
;
CREATE TRIGGER experiences_cardpoint_card_search_insert AFTER INSERT ON experiences_cardpoint REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_cardpoint_card_search_insert();

CREATE OR REPLACE FUNCTION experiences_cardpoint_card_search_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    card_ids bigint[] := ARRAY(SELECT card_id FROM new_rows AS x UNION SELECT card_id FROM old_rows AS x);
BEGIN
    
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $function$
;
CREATE TRIGGER experiences_cardpoint_card_search_update AFTER UPDATE ON experiences_cardpoint REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_cardpoint_card_search_update();

CREATE OR REPLACE FUNCTION experiences_cardtool_card_search_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    card_ids bigint[] := ARRAY(SELECT card_id FROM old_rows AS x);
BEGIN
    
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $function$
;
CREATE TRIGGER experiences_cardtool_card_search_delete AFTER DELETE ON experiences_cardtool REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_cardtool_card_search_delete();

CREATE OR REPLACE FUNCTION experiences_cardtool_card_search_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    card_ids bigint[] := ARRAY(SELECT card_id FROM new_rows AS x);
BEGIN
    
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $function$
;
CREATE TRIGGER experiences_cardtool_card_search_insert AFTER INSERT ON experiences_cardtool REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_cardtool_card_search_insert();

CREATE OR REPLACE FUNCTION experiences_cardtool_card_search_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    card_ids bigint[] := ARRAY(SELECT card_id FROM new_rows AS x UNION SELECT card_id FROM old_rows AS x);
BEGIN
    
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $function$
;
CREATE TRIGGER experiences_cardtool_card_search_update AFTER UPDATE ON experiences_cardtool REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_cardtool_card_search_update();

CREATE OR REPLACE FUNCTION experiences_experiencecard_card_search_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    card_ids bigint[] := ARRAY(SELECT id FROM old_rows AS x);
BEGIN
    IF pg_trigger_depth() > 1 THEN RETURN NULL; END IF;
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $function$
;
CREATE TRIGGER experiences_experiencecard_card_search_delete AFTER DELETE ON experiences_experiencecard REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_experiencecard_card_search_delete();

CREATE OR REPLACE FUNCTION experiences_experiencecard_card_search_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    card_ids bigint[] := ARRAY(SELECT id FROM new_rows AS x);
BEGIN
    IF pg_trigger_depth() > 1 THEN RETURN NULL; END IF;
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $function$
;
CREATE TRIGGER experiences_experiencecard_card_search_insert AFTER INSERT ON experiences_experiencecard REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_experiencecard_card_search_insert();

CREATE OR REPLACE FUNCTION experiences_experiencecard_card_search_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    card_ids bigint[] := ARRAY(SELECT id FROM new_rows AS x UNION SELECT id FROM old_rows AS x);
BEGIN
    IF pg_trigger_depth() > 1 THEN RETURN NULL; END IF;
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $function$
;
CREATE TRIGGER experiences_experiencecard_card_search_update AFTER UPDATE ON experiences_experiencecard REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_experiencecard_card_search_update();

CREATE OR REPLACE FUNCTION experiences_experiencecard_departements_card_search_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    card_ids bigint[] := ARRAY(SELECT experiencecard_id FROM old_rows AS x);
BEGIN
    
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $function$
;
CREATE TRIGGER experiences_experiencecard_departements_card_search_delete AFTER DELETE ON experiences_experiencecard_departements REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_experiencecard_departements_card_search_delete();

CREATE OR REPLACE FUNCTION experiences_experiencecard_departements_card_search_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    card_ids bigint[] := ARRAY(SELECT experiencecard_id FROM new_rows AS x);
BEGIN
    
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $function$
;
CREATE TRIGGER experiences_experiencecard_departements_card_search_insert AFTER INSERT ON experiences_experiencecard_departements REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_experiencecard_departements_card_search_insert();

CREATE OR REPLACE FUNCTION experiences_experiencecard_departements_card_search_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    card_ids bigint[] := ARRAY(SELECT experiencecard_id FROM new_rows AS x UNION SELECT experiencecard_id FROM old_rows AS x);
BEGIN
    
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $function$
;
CREATE TRIGGER experiences_experiencecard_departements_card_search_update AFTER UPDATE ON experiences_experiencecard_departements REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION experiences_experiencecard_departements_card_search_update();

CREATE OR REPLACE FUNCTION organisations_organisation_card_search_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    card_ids bigint[] := ARRAY(SELECT c.id FROM experiences_experiencecard c JOIN old_rows AS x ON c.porteur_id = x.id);
BEGIN
    
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $function$
;
CREATE TRIGGER organisations_organisation_card_search_delete AFTER DELETE ON organisations_organisation REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION organisations_organisation_card_search_delete();

CREATE OR REPLACE FUNCTION organisations_organisation_card_search_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    card_ids bigint[] := ARRAY(SELECT c.id FROM experiences_experiencecard c JOIN new_rows AS x ON c.porteur_id = x.id);
BEGIN
    
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $function$
;
CREATE TRIGGER organisations_organisation_card_search_insert AFTER INSERT ON organisations_organisation REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organisations_organisation_card_search_insert();

CREATE OR REPLACE FUNCTION organisations_organisation_card_search_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    card_ids bigint[] := ARRAY(SELECT c.id FROM experiences_experiencecard c JOIN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.name, n.acronym) IS DISTINCT FROM (o.name, o.acronym)) AS x ON c.porteur_id = x.id);
BEGIN
    
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $function$
;
CREATE TRIGGER organisations_organisation_card_search_update AFTER UPDATE ON organisations_organisation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organisations_organisation_card_search_update();

CREATE OR REPLACE FUNCTION territories_region_card_search_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    card_ids bigint[] := ARRAY(SELECT c.id FROM experiences_experiencecard c JOIN old_rows AS x ON c.region_id = x.id);
BEGIN
    
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $function$
;
CREATE TRIGGER territories_region_card_search_delete AFTER DELETE ON territories_region REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION territories_region_card_search_delete();

CREATE OR REPLACE FUNCTION territories_region_card_search_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    card_ids bigint[] := ARRAY(SELECT c.id FROM experiences_experiencecard c JOIN new_rows AS x ON c.region_id = x.id);
BEGIN
    
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $function$
;
CREATE TRIGGER territories_region_card_search_insert AFTER INSERT ON territories_region REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION territories_region_card_search_insert();

CREATE OR REPLACE FUNCTION territories_region_card_search_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    card_ids bigint[] := ARRAY(SELECT c.id FROM experiences_experiencecard c JOIN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.name) IS DISTINCT FROM (o.name)) AS x ON c.region_id = x.id);
BEGIN
    
    IF cardinality(card_ids) > 0 THEN
        PERFORM experiences_refresh_card_search(card_ids);
    END IF;
    RETURN NULL;
END $function$
;
CREATE TRIGGER territories_region_card_search_update AFTER UPDATE ON territories_region REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION territories_region_card_search_update();
"""


class Migration(migrations.Migration):
    dependencies = [
        ('experiences', '0016_french_ordering'),
        ('organisations', '0010_french_ordering'),
        ('territories', '0006_load_communes'),
    ]

    # No card is refreshed: this refresh writes the same vectors as 0012's (checked on the
    # imported cards), and rewriting 100,000 rows would lock them through the deploy.
    operations = [migrations.RunSQL(SEARCH_DOCUMENT, PREVIOUS)]
