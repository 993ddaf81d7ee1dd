"""The `mujun` console script: every Django management command with the settings preset."""

import importlib
import os
import signal
import sys

# Commands that need no database and must answer quickly (`mujun extract` on one report in
# under a second, start-up included) skip Django's start-up; each module's ``run(argv)`` is the
# same code its management command calls, so both behave alike.
STANDALONE = {
    "extract": "mujun.reader.cli",
    "evaluate": "mujun.evaluation.engine.cli",
}


def main() -> None:
    args = sys.argv[1:]
    if args and args[0] in STANDALONE:
        # `mujun extract ... | head` should stop quietly, like any Unix filter.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        sys.exit(importlib.import_module(STANDALONE[args[0]]).run(args[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mujun.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["mujun", *args])


if __name__ == "__main__":
    main()
