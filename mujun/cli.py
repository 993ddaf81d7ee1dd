"""The `mujun` console script: every Django management command with the settings preset."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mujun.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["mujun", *sys.argv[1:]])


if __name__ == "__main__":
    main()
