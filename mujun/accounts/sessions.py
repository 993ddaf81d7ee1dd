"""Django's database sessions, each request's lookup run from SQL compiled once
(``core.compiled.KeyLookup``). Everything else (saving, expiry, flushing) is Django's."""

from django.contrib.sessions.backends import db
from django.db import router
from django.utils import timezone

from mujun.core.compiled import KeyLookup


def _by_key(key):
    return (
        db.SessionStore.get_model_class()
        .objects.filter(session_key=key)
        .values_list("session_data", "expire_date")
    )


# session keys are letters and digits (Django's own), so this one is never a real key
_LOOKUP = KeyLookup(_by_key, "\x00stand-in")


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        # Django's query tests the expiry in SQL; the row's own date, tested here, is the same
        # rule (expired or missing: no session) without a timestamp to adapt into the SQL
        if self.session_key:
            alias = router.db_for_read(self.model)
            for data, expires in _LOOKUP.rows(alias, self.session_key):
                if expires > timezone.now():
                    return self.model(
                        session_key=self.session_key, session_data=data, expire_date=expires
                    )
        self._session_key = None
        return None
