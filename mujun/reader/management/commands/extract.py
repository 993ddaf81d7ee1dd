"""`mujun extract`: the report reader's command line (all of it lives in `mujun.reader.cli`)."""

import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Read indicator facts from published reports, or score the reader with --gold DIR."

    def run_from_argv(self, argv):
        # argparse lives in cli.run so that the command behaves the same with and without Django;
        # the reader is imported here, not at module level, to keep `mujun help` fast
        from mujun.reader.cli import run

        sys.exit(run(argv[2:]))

    def handle(self, *args, **options):
        from mujun.reader.cli import run

        return None if run(list(args)) == 0 else sys.exit(1)
