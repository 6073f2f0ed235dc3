"""`python -m benchmarks search|library`: server time of the search or library pages on
the imported content."""

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("scenario", choices=["search", "library"])
    parser.add_argument("--repeat", type=int, default=30, help="requests measured per page")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vita.settings")
    import django

    django.setup()
    from benchmarks import pages

    print(pages.table(pages.run(pages.SCENARIOS[args.scenario], args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
