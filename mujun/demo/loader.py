"""Build the demo county into the current database: the regions and users, then each app's
``mujun.<app>.demo.build(ctx)`` in the order of ``INSTALLED_APPS``, so later areas build on
earlier ones; then the daily run once. ``mujun demo`` and the browser walk both call it."""

import importlib
from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from . import regions
from .context import DemoContext


def build_county(ctx: DemoContext) -> DemoContext:
    with transaction.atomic():
        regions.build(ctx)
        for config in apps.get_app_configs():
            if not config.name.startswith("mujun.") or config.name == "mujun.demo":
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            module.build(ctx)
    # the daily run, once: the alerts as of today and the planner's statistics
    call_command("project_alerts", stdout=StringIO())
    return ctx
