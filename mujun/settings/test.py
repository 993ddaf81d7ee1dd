"""Test preset: fast hashing, in-memory mail, no outbound network."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEBUG = False
ALLOWED_HOSTS = ["*"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, as in production, not SQLite's shared in-memory database, whose table locks do
    # not wait for the busy timeout: the tests of simultaneous requests need the real thing.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-mujun.sqlite3")}  # noqa: F405

# Jobs run in the test's own process as they are queued, on the database broker: the suite needs
# no worker and no Redis.
Q_CLUSTER = {**Q_CLUSTER, "sync": True, "orm": "default"}  # noqa: F405
Q_CLUSTER.pop("redis", None)
