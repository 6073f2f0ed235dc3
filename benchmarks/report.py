"""The benchmark's results as docs/benchmarks.md (tables) and JSON (everything)."""

from __future__ import annotations

import json
from pathlib import Path

TARGETS = {
    "liste, trois facettes": 60,
    "liste, recherche": 80,
    "fiche": 20,
}
NAIVE_RATIO_TARGET = 5
IMPORT_RATE_TARGET = 500
IMPORT_MEMORY_TARGET_MB = 400

# Why the main queries are shaped as they are; the plans below show it at full size.
QUERY_NOTES = """\
- **Filtered list** (`experiences.selectors.search_cards`): the FilterSet's facets become
  `id IN (subquery)` conditions on the link tables (`card_listed_once`, the département
  and theme link tables' `(card, item)` unique indexes), the région and the category plain
  columns; the page is the first 20 of `ORDER BY title, id` over published cards, its
  porteurs and régions fetched for those 20. The facet counts and the number of results
  run as one query (`vita/facet_paths.py`): the cards once as a CTE, read from the
  covering index `card_status_facet_columns` when the text search is not asked, with a
  flag per selected facet; each facet a `GROUP BY` over the rows its other facets keep.
- **Searched list**: `search_vector @@ websearch_to_tsquery('french_unaccent', …)` uses
  the GIN index `card_search_vector_gin` (with `random_page_cost = 1.1`, set per
  connection: at PostgreSQL's default of 4 the planner walked the whole table, reading
  every card's vector out of TOAST); ranking (`ts_rank`) reads `rank_vector` (title and
  presentation, a few hundred bytes in the row), not the whole-card vector.
- **Card page** (`experiences.selectors.card_detail`): one row by the unique slug index,
  its related rows by their foreign-key indexes, prefetched in a fixed number of
  queries whatever the number of cards.
"""


def _ms(value: float) -> str:
    return f"{value:.1f}"


def _ok(passed: bool) -> str:
    return "✅" if passed else "❌"


def summary(results: dict) -> list[tuple[str, str, bool]]:
    """(target, measured, met) at the largest size."""
    sizes = results["sizes"]
    largest = sizes[max(sizes, key=int)]
    rows = []
    for page, limit in TARGETS.items():
        median = largest["pages"][page]["median_ms"]
        rows.append((f"{page} : médiane ≤ {limit} ms", f"{_ms(median)} ms", median <= limit))
    counts = {
        page: sorted({entry["pages"][page]["queries"] for entry in sizes.values()})
        for page in largest["pages"]
    }
    constant = all(len(values) == 1 for values in counts.values())
    varying = ", ".join(f"{page} {values}" for page, values in counts.items() if len(values) > 1)
    rows.append(
        ("requêtes par page constantes quand les fiches croissent",
         "oui" if constant else f"non : {varying}", constant)
    )  # fmt: skip
    for page in ("liste, trois facettes", "liste, recherche"):
        naive = largest["naive"][page]
        ratio = naive["median_ms"] / largest["pages"][page]["median_ms"]
        at_least = "≥ " if naive.get("capped") else ""
        rows.append(
            (f"{page} : ≥ {NAIVE_RATIO_TARGET}× plus rapide que la liste naïve",
             f"{at_least}{ratio:.1f}×", ratio >= NAIVE_RATIO_TARGET)
        )  # fmt: skip
    if "load" in largest:
        load = largest["load"]
        rows.append(
            (f"charge ({load['users']} clients, {load['seconds']} s) : zéro erreur",
             f"{load['failures']} erreur(s), {load['requests_per_second']:.0f} req/s",
             load["failures"] == 0)
        )  # fmt: skip
    bulk = results.get("bulk_import")
    if bulk:
        rate, peak = bulk["import_rows_per_s"], bulk["peak_rss_mb"]
        rows.append(
            (f"import de {bulk['rows']} lignes : ≥ {IMPORT_RATE_TARGET} lignes/s, "
             f"≤ {IMPORT_MEMORY_TARGET_MB} Mo",
             f"{rate:.0f} lignes/s, {peak:.0f} Mo",
             rate >= IMPORT_RATE_TARGET and peak <= IMPORT_MEMORY_TARGET_MB)
        )  # fmt: skip
    return rows


def summary_table(results: dict) -> str:
    largest = max(results["sizes"], key=int)
    lines = [f"| objectif ({int(largest):,} fiches) | mesuré | |".replace(",", " "),
             "| --- | --- | --- |"]  # fmt: skip
    lines += [f"| {target} | {measured} | {_ok(met)} |" for target, measured, met in
              summary(results)]  # fmt: skip
    return "\n".join(lines)


def markdown(results: dict) -> str:
    machine = results["machine"]
    out = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on {machine['date']}: {machine['cpu']}, "
        f"{machine['memory_gb']} GB of memory, {machine['system']}; Python "
        f"{machine['python']}, Django {machine['django']}, PostgreSQL {machine['postgresql']}. "
        "The suite runs on a database of its own (`vita_bench`), with production settings "
        "(DEBUG off, cached templates). Times are server times in milliseconds: in-process "
        "through Django's test client, then over HTTP on loopback (gunicorn, 2 workers). "
        "The corpus is synthetic, grown from the imported content "
        "(`benchmarks/corpus.py`). Rewritten by each run of `make bench`; the raw figures "
        "are in `docs/benchmarks.json`.",
        "",
        "## Summary",
        "",
        summary_table(results),
        "",
        "## Pages, in-process",
        "",
        "SQL ms is the time of the page's queries as the connection times them (their "
        "share of the request in brackets): the rest is Python (view, template).",
        "",
    ]
    for size, entry in sorted(results["sizes"].items(), key=lambda item: int(item[0])):
        out += [f"### {int(size):,} cards".replace(",", " "), "",
                f"Corpus grown in {entry['corpus_s']:.0f} s.", "",
                "| page | URL | median | p95 | SQL ms | queries | KB |",
                "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
        for name, m in entry["pages"].items():
            share = 100 * m["sql_ms"] / m["median_ms"] if m["median_ms"] else 0
            out.append(
                f"| {name} | `{m['url']}` | {_ms(m['median_ms'])} | {_ms(m['p95_ms'])} "
                f"| {_ms(m['sql_ms'])} ({share:.0f} %) | {m['queries']} | {m['size_kb']:.0f} |"
            )
        out.append("")
    out += ["## Against the naive list", "",
            "The naive list (`benchmarks/naive.py`): a `ListView` with django-filter, "
            "`icontains` text matching and a count query per facet option, on the same "
            "data in the same process. Ratio: our median divided by its median. A naive "
            "request still running after the time limit is stopped: its time is then a "
            "lower bound (>), and the speed-up too (≥).", "",
            "| cards | scenario | ours ms | queries | naive ms | queries | ours / naive "
            "| speed-up |", "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for size, entry in sorted(results["sizes"].items(), key=lambda item: int(item[0])):
        for name, naive in entry["naive"].items():
            ours = entry["pages"][name]
            over, under = ("> ", "≤ ") if naive.get("capped") else ("", "")
            out.append(
                f"| {int(size)} | {name} | {_ms(ours['median_ms'])} | {ours['queries']} "
                f"| {over}{_ms(naive['median_ms'])} | {naive['queries'] or '—'} "
                f"| {under}{ours['median_ms'] / naive['median_ms']:.3f} "
                f"| {over.replace('>', '≥')}{naive['median_ms'] / ours['median_ms']:.1f}× |"
            )
    out.append("")
    http_sizes = [(s, e) for s, e in results["sizes"].items() if "http" in e]
    if http_sizes:
        out += ["## Over HTTP (gunicorn, 2 workers, loopback)", "",
                "| cards | page | median | p95 | KB |",
                "| ---: | --- | ---: | ---: | ---: |"]  # fmt: skip
        for size, entry in sorted(http_sizes, key=lambda item: int(item[0])):
            for name, m in entry["http"].items():
                out.append(
                    f"| {int(size)} | {name} | {_ms(m['median_ms'])} | {_ms(m['p95_ms'])} "
                    f"| {m['size_kb']:.0f} |"
                )
        out.append("")
    for size, entry in results["sizes"].items():
        if "load" in entry:
            load = entry["load"]
            out += [f"## Load run ({int(size)} cards)", "",
                    f"locust, {load['users']} clients without pause for {load['seconds']} s "
                    "mixing the filtered list, card pages, word searches (list and site "
                    "search), the home page and the library; gunicorn with 2 workers on "
                    "loopback (the load generator shares the machine's cores; rate limits "
                    "off: every client is one address).", "",
                    "| page | requests | errors | median ms | p95 ms |",
                    "| --- | ---: | ---: | ---: | ---: |"]  # fmt: skip
            for name, page in load["by_page"].items():
                out.append(f"| {name} | {page['requests']} | {page['failures']} "
                           f"| {page['median_ms']:.0f} | {page['p95_ms']:.0f} |")  # fmt: skip
            out += [f"| **all** | {load['requests']} | {load['failures']} "
                    f"| {load['median_ms']:.0f} | {load['p95_ms']:.0f} |", "",
                    f"{load['requests_per_second']:.0f} requests per second.", ""]  # fmt: skip
    out += ["## Imports", ""]
    sources = results["sources_import"]
    out.append(f"- The five source documents (`import_sources`, empty database): "
               f"{sources['seconds']:.1f} s, peak memory {sources['peak_mb']:.0f} MB.")  # fmt: skip
    bulk = results.get("bulk_import")
    if bulk:
        out.append(
            f"- A CSV of {bulk['rows']} new cards through the task worker's job "
            f"(`python -m benchmarks import`): check {bulk['check_s']:.1f} s "
            f"({bulk['check_rows_per_s']:.0f} rows/s), import {bulk['import_s']:.1f} s "
            f"({bulk['import_rows_per_s']:.0f} rows/s), peak memory {bulk['peak_rss_mb']:.0f} MB."
        )
    out += ["", "## Query plans", "", QUERY_NOTES]
    for size, entry in results["sizes"].items():
        for page, plans in entry.get("explain", {}).items():
            out += [f"### {page} ({int(size)} cards)", ""]
            for plan in plans:
                out += [f"{plan['ms']:.1f} ms:", "", "```sql", plan["sql"][:1500], "```", "",
                        "```", plan["plan"], "```", ""]  # fmt: skip
    return "\n".join(out).rstrip() + "\n"


def write(results: dict, markdown_path: Path, json_path: Path) -> None:
    markdown_path.write_text(markdown(results))
    json_path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
