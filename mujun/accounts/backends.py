"""Django's model backend, loading the user's region with the user: every page scopes its
rows by that region, and a second query for it on each request is a tenth of a list page."""

from django.contrib.auth.backends import ModelBackend


class RegionModelBackend(ModelBackend):
    def get_user(self, user_id):
        from .models import User

        # the pk is unique: no ordering to compile (the model's, or the one first() adds)
        found = User._default_manager.select_related("region").filter(pk=user_id).order_by()
        user = next(iter(found[:1]), None)
        return user if user is not None and self.user_can_authenticate(user) else None
