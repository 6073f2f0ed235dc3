"""`python -m benchmarks search|library`: server time of the search or library pages on
the imported content; `python -m benchmarks import --rows 10000`: a bulk card import
through the task worker's job (rolled back)."""

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("scenario", choices=["search", "library", "import"])
    parser.add_argument("--rows", type=int, default=10_000, help="rows of the import file")
    parser.add_argument("--repeat", type=int, default=30, help="requests measured per page")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vita.settings")
    import django

    django.setup()
    if args.scenario == "import":
        from benchmarks import imports

        print(imports.run(args.rows).table())
        return 0
    from benchmarks import pages

    print(pages.table(pages.run(pages.SCENARIOS[args.scenario], args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
