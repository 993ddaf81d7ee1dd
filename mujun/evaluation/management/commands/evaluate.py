"""``mujun evaluate``: the evaluation engine's CLI as a management command.

The arguments are parsed once, by ``engine.cli``, so ``mujun evaluate --help`` and the
engine's own entry point (``python -m mujun.evaluation.engine.cli``) behave alike.
"""

import argparse
import sys

from django.core.management.base import BaseCommand, CommandError

from mujun.evaluation.engine.cli import DESCRIPTION, run


class Command(BaseCommand):
    help = DESCRIPTION

    def run_from_argv(self, argv):
        # argv is ["mujun", "evaluate", ...]; everything after the command name is ours.
        sys.exit(run(argv[2:]))

    def add_arguments(self, parser):
        # Only for call_command("evaluate", "data.csv", "--scheme", …): pass everything on.
        parser.add_argument("args", nargs=argparse.REMAINDER)

    def handle(self, *args, **options):
        code = run(list(args), stdout=self.stdout, stderr=self.stderr)
        if code:
            raise CommandError(f"mujun evaluate stopped with status {code}", returncode=code)
