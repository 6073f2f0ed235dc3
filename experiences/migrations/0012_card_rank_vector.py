"""A small vector to rank cards by: the title (A) and the presentation (B) of the card,
kept by the search refresh beside the whole-card search vector.

Ranking by the whole-card vector read every matching card's vector out of TOAST (about
5 KB a card): 675 ms for a word found in half of 100,000 cards. The rank vector is a few
hundred bytes and stays in the card's row. The story (C) still decides what matches.

Frozen: the SQL is written out here, never imported from another migration or the app.
"""

import django.contrib.postgres.search
from django.db import migrations

REFRESH_BOTH = """
CREATE OR REPLACE FUNCTION experiences_refresh_card_search(card_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
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
END $$;
"""

# The deferrable refresh of 0009, back.
SEARCH_VECTOR_ONLY = """
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

BACKFILL = (
    "SELECT experiences_refresh_card_search(ARRAY(SELECT id FROM experiences_experiencecard));"
)


class Migration(migrations.Migration):
    dependencies = [("experiences", "0011_card_facet_columns_index")]

    operations = [
        migrations.AddField(
            model_name="experiencecard",
            name="rank_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunSQL(REFRESH_BOTH, SEARCH_VECTOR_ONLY),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
    ]
