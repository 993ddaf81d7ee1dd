"""Django's model backend with two changes: the lockout rule on every sign-in
(``actions.check_credentials``), and the user's region loaded with the user: every page scopes
its rows by that region, and a second query for it on each request would be one more per page."""

from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class RegionModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        from .actions import check_credentials

        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        return check_credentials(username, password, can_authenticate=self.user_can_authenticate)

    async def aauthenticate(self, request, username=None, password=None, **kwargs):
        return await sync_to_async(self.authenticate)(request, username, password, **kwargs)

    def get_user(self, user_id):
        # sliced rather than ``first()``, which would sort by the model's ordering (the name)
        users = get_user_model()._default_manager.select_related("region").order_by()
        user = next(iter(users.filter(pk=user_id)[:1]), None)
        return user if user is not None and self.user_can_authenticate(user) else None
