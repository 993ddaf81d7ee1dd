import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mujun.settings.base")
application = get_wsgi_application()


def _settle():
    """Load every view now and keep what start-up made out of the garbage collector's way:
    without it each full collection walks the hundreds of thousands of objects of Django and
    its apps, and those pauses land on the unlucky requests (the 95th percentile)."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every app's views)
    gc.collect()
    gc.freeze()


_settle()
