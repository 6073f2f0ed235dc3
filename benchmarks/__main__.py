"""The project's benchmark.

`python -m benchmarks` (`make bench`): the whole suite on a database of its own, at
1,000, 10,000 and 100,000 cards; writes docs/benchmarks.md and docs/benchmarks.json and
prints the summary. `--sizes 1000` for a quick run, `--keep` keeps the database.

On the configured database (nothing written): `search` and `library` time those pages
on the imported content; `import --rows 10000` measures a bulk card import through the
task worker's job (rolled back).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("scenario", nargs="?", default="suite",
                        choices=["suite", "run-suite", "search", "library", "import"])  # fmt: skip
    parser.add_argument("--sizes", default="1000,10000,100000", help="cards, comma-separated")
    parser.add_argument("--repeat", type=int, default=30, help="requests measured per page")
    parser.add_argument("--load-seconds", type=int, default=60, help="0: no load run")
    parser.add_argument("--rows", type=int, default=10_000, help="rows of the import file")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark's database")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--json", action="store_true", help="import: print JSON")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vita.settings")
    import django

    django.setup()
    if args.scenario == "suite":
        return _suite(args)
    if args.scenario == "run-suite":
        return _run_suite(args)
    if args.scenario == "import":
        from benchmarks import imports

        measure = imports.run(args.rows)
        print(json.dumps(measure.as_dict()) if args.json else measure.table())
        return 0
    from benchmarks import pages

    print(pages.table(pages.run(pages.SCENARIOS[args.scenario], args.repeat)))
    return 0


def _suite(args) -> int:
    """The parent: a database of its own, the suite in a child process pointed at it."""
    from benchmarks import report, suite

    url = suite.database_url(suite.BENCH_DATABASE)
    suite.recreate_database(suite.BENCH_DATABASE)
    results_path = Path(args.out).with_suffix(".json")
    try:
        with tempfile.TemporaryDirectory() as work_dir:
            command = [sys.executable, "-m", "benchmarks", "run-suite", "--sizes", args.sizes,
                       "--repeat", str(args.repeat), "--load-seconds", str(args.load_seconds),
                       "--rows", str(args.rows), "--out", args.out]  # fmt: skip
            env = suite.child_environment(url, Path(work_dir))
            finished = subprocess.run(command, env=env, cwd=ROOT, check=False)
    finally:
        if not args.keep:
            suite.recreate_database(suite.BENCH_DATABASE, drop_only=True)
    if finished.returncode:
        return finished.returncode
    results = json.loads(results_path.read_text())
    print(report.summary_table(results))
    print(f"\nDetails: {args.out}")
    return 0


def _run_suite(args) -> int:
    """The child, on the benchmark's database."""
    from benchmarks import report, suite

    sizes = [int(size) for size in args.sizes.split(",")]
    results = suite.run(sizes, args.repeat, args.load_seconds, import_rows=args.rows)
    out = Path(args.out)
    report.write(results, out, out.with_suffix(".json"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
