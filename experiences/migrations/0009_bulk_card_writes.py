"""Card triggers fit for bulk writes (an import writes 500 cards per statement).

- The search vector refresh can be deferred: while the transaction-local setting
  `experiences.defer_search_refresh` is on, the refresh triggers leave the cards alone,
  and `experiences.search.one_search_refresh` refreshes them once at the end. Without
  it, a batch refreshed each card once per table it wrote (the card, its points, its
  départements…), rewriting the row and its GIN entry each time.
- A card's words (spelling suggestions) are kept per statement, over transition tables,
  instead of a DELETE and an INSERT per card row.

Frozen: the SQL is written out here, never imported from another migration or the app.
"""

from django.db import migrations

DEFERRABLE = """
CREATE OR REPLACE FUNCTION experiences_refresh_card_search(card_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('experiences.defer_search_refresh', true) = 'on' THEN
        RETURN;
    END IF;
    UPDATE experiences_experiencecard c SET search_vector =
    setweight(to_tsvector('french_unaccent', coalesce(c.title, '')), 'A')
    || setweight(to_tsvector('french_unaccent', concat_ws(' ',
        c.summary, c.territory_name, c.region_as_written,
        (SELECT concat_ws(' ', o.name, o.acronym) FROM organisations_organisation o
          WHERE o.id = c.porteur_id),
        (SELECT r.name FROM territories_region r WHERE r.id = c.region_id),
        (SELECT string_agg(d.name, ' ') FROM experiences_experiencecard_departements cd
           JOIN territories_departement d ON d.id = cd.departement_id
          WHERE cd.experiencecard_id = c.id))), 'B')
    || setweight(to_tsvector('french_unaccent', concat_ws(' ',
        c.key_figures, c.context, c.actions, c.results, c.perspectives, c.problematiques,
        c.mutualisation_sought, c.mutualisation_offered,
        (SELECT string_agg(concat_ws(' ', p.topic, p.text), ' ') FROM experiences_cardpoint p
          WHERE p.card_id = c.id),
        (SELECT string_agg(t.text, ' ') FROM experiences_cardtool t WHERE t.card_id = c.id))),
        'C')
FROM unnest(card_ids) AS refreshed(id)
WHERE c.id = refreshed.id;
END $$;
"""

# The refresh of migration 0003, never deferred.
ALWAYS = """
CREATE OR REPLACE FUNCTION experiences_refresh_card_search(card_ids bigint[]) RETURNS void
LANGUAGE sql AS $$
UPDATE experiences_experiencecard c SET search_vector =
    setweight(to_tsvector('french_unaccent', coalesce(c.title, '')), 'A')
    || setweight(to_tsvector('french_unaccent', concat_ws(' ',
        c.summary, c.territory_name, c.region_as_written,
        (SELECT concat_ws(' ', o.name, o.acronym) FROM organisations_organisation o
          WHERE o.id = c.porteur_id),
        (SELECT r.name FROM territories_region r WHERE r.id = c.region_id),
        (SELECT string_agg(d.name, ' ') FROM experiences_experiencecard_departements cd
           JOIN territories_departement d ON d.id = cd.departement_id
          WHERE cd.experiencecard_id = c.id))), 'B')
    || setweight(to_tsvector('french_unaccent', concat_ws(' ',
        c.key_figures, c.context, c.actions, c.results, c.perspectives, c.problematiques,
        c.mutualisation_sought, c.mutualisation_offered,
        (SELECT string_agg(concat_ws(' ', p.topic, p.text), ' ') FROM experiences_cardpoint p
          WHERE p.card_id = c.id),
        (SELECT string_agg(t.text, ' ') FROM experiences_cardtool t WHERE t.card_id = c.id))),
        'C')
FROM unnest(card_ids) AS refreshed(id)
WHERE c.id = refreshed.id;
$$;
"""

# A card's words, as in 0004: the letters of French words; anything else separates words.
WORDS_PER_STATEMENT = """
DROP TRIGGER card_words ON experiences_experiencecard;
DROP FUNCTION experiences_card_words();

CREATE FUNCTION experiences_card_words_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO experiences_cardword (card_id, word, plain)
    SELECT words.* FROM new_rows c, LATERAL (
        SELECT DISTINCT c.id, word, immutable_unaccent(word)
        FROM regexp_split_to_table(
            lower(concat_ws(' ', c.title, c.summary, c.territory_name, c.actions)),
            '[^a-zàâäçéèêëîïôöùûüÿœæ]+') AS word
        WHERE length(word) BETWEEN 4 AND 60
    ) AS words;
    RETURN NULL;
END $$;
CREATE TRIGGER card_words_insert AFTER INSERT ON experiences_experiencecard
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
EXECUTE FUNCTION experiences_card_words_insert();

-- Transition tables allow no column list: the rows whose words may differ are picked.
CREATE FUNCTION experiences_card_words_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH reworded AS (
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.title, n.summary, n.territory_name, n.actions)
            IS DISTINCT FROM (o.title, o.summary, o.territory_name, o.actions)
    ), forgotten AS (
        DELETE FROM experiences_cardword w USING reworded WHERE w.card_id = reworded.id
    )
    INSERT INTO experiences_cardword (card_id, word, plain)
    SELECT words.* FROM new_rows c JOIN reworded ON reworded.id = c.id,
    LATERAL (
        SELECT DISTINCT c.id, word, immutable_unaccent(word)
        FROM regexp_split_to_table(
            lower(concat_ws(' ', c.title, c.summary, c.territory_name, c.actions)),
            '[^a-zàâäçéèêëîïôöùûüÿœæ]+') AS word
        WHERE length(word) BETWEEN 4 AND 60
    ) AS words;
    RETURN NULL;
END $$;
CREATE TRIGGER card_words_update AFTER UPDATE ON experiences_experiencecard
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT
EXECUTE FUNCTION experiences_card_words_update();
"""

# The row trigger of 0004, back.
WORDS_PER_ROW = """
DROP TRIGGER card_words_insert ON experiences_experiencecard;
DROP TRIGGER card_words_update ON experiences_experiencecard;
DROP FUNCTION experiences_card_words_insert();
DROP FUNCTION experiences_card_words_update();

CREATE FUNCTION experiences_card_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.title, NEW.summary, NEW.territory_name, NEW.actions)
        IS NOT DISTINCT FROM (OLD.title, OLD.summary, OLD.territory_name, OLD.actions) THEN
        RETURN NULL;
    END IF;
    DELETE FROM experiences_cardword WHERE card_id = NEW.id;
    INSERT INTO experiences_cardword (card_id, word, plain)
    SELECT DISTINCT NEW.id, word, immutable_unaccent(word)
    FROM regexp_split_to_table(
        lower(concat_ws(' ', NEW.title, NEW.summary, NEW.territory_name, NEW.actions)),
        '[^a-zàâäçéèêëîïôöùûüÿœæ]+') AS word
    WHERE length(word) BETWEEN 4 AND 60;
    RETURN NULL;
END $$;

CREATE TRIGGER card_words
AFTER INSERT OR UPDATE OF title, summary, territory_name, actions ON experiences_experiencecard
FOR EACH ROW EXECUTE FUNCTION experiences_card_words();
"""


class Migration(migrations.Migration):
    dependencies = [("experiences", "0008_history_and_submitter_account")]

    operations = [
        migrations.RunSQL(DEFERRABLE, ALWAYS),
        migrations.RunSQL(WORDS_PER_STATEMENT, WORDS_PER_ROW),
    ]
