from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from .forms import LoginForm, PasswordChangeForm
from .models import ApiToken


def login_view(request):
    form = LoginForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        target = request.POST.get("next") or request.GET.get("next")
        if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
            return redirect(target)
        return redirect("home:home")
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=400 if form.errors else 200,
    )


@require_POST
def logout_view(request):
    logout(request)
    return redirect("accounts:login")


class TokenListView(LoginRequiredMixin, View):
    """账号与接口令牌: the user's own API tokens (when made, last used, when they expire),
    a new one issued (its value shown once), one revoked; and the way to change the password,
    which revokes them all."""

    template_name = "accounts/token_list.html"

    def get(self, request, issued=None):
        tokens = ApiToken.objects.filter(user=request.user)
        return render(request, self.template_name, {"tokens": tokens, "issued": issued})

    def post(self, request):
        raw = ApiToken.issue(request.user)
        messages.success(request, _("已生成新的接口令牌。令牌只显示这一次，请立即复制保存。"))
        return self.get(request, issued=raw)


class TokenRevokeView(LoginRequiredMixin, View):
    def post(self, request, pk):
        token = get_object_or_404(ApiToken, pk=pk, user=request.user)
        token.delete()
        messages.success(request, _("已吊销该接口令牌。"))
        return redirect("accounts:token_list")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:token_list")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("密码已修改，原有的接口令牌已全部吊销。"))
        return response
