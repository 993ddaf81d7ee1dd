"""Test preset: fast hashing, in-memory mail, no outbound network."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEBUG = False
ALLOWED_HOSTS = ["*"]
# Every test builds its own projects: a freshness probe is never trusted across them.
MUJUN_ALERT_PROBE_SECONDS = 0
# Towns and tiers are read afresh in every test (their own tests turn the keeping on).
MUJUN_CHOICES_CACHE_SECONDS = 0
