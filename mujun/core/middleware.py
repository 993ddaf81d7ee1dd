"""Middleware of the platform's own: a request too large to be any upload is refused before
it is read, every answer carries the Content-Security-Policy, and pages go out compressed."""

import json

from django.conf import settings
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware

from .uploads import MB


class RequestSizeMiddleware:
    """413 for a request that declares a body larger than the upload limit and a margin for
    the form around the file: nothing of it is read or written to a temporary file. (A reverse
    proxy in front should refuse it first: nginx's ``client_max_body_size``.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MUJUN_UPLOAD_MAX_MB * MB + MB
        if length > limit:
            message = f"请求过大（{length / MB:.1f} MB），上传文件不能超过 {settings.MUJUN_UPLOAD_MAX_MB} MB"
            if request.path.startswith("/api/"):
                return HttpResponse(
                    json.dumps({"detail": message}, ensure_ascii=False),
                    status=413,
                    content_type="application/json; charset=utf-8",
                )
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


# Scripts only from the platform itself (no inline script, no eval: the pages' data reach their
# scripts as <script type="application/json">); styles may be inline, since ECharts writes its
# tooltips and htmx its indicator style that way; nothing is framed, no form posts elsewhere.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """Adds ``Content-Security-Policy`` to every answer that has none (issue 21, item 9): a
    script that found its way into a page through stored text would not run."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class HtmlGZipMiddleware(GZipMiddleware):
    """Django's GZip for HTML pages only (issue 16, item 5): a page of 50 rows shrinks to about
    a tenth. Every page carries the CSRF token (the logout form, htmx's header), so BREACH was
    weighed: Django masks the token afresh in every response, so the compressed length says
    nothing about it, and since Django 4.2 this middleware adds up to 100 random bytes to every
    compressed response ("Heal The Breach"), which blurs the length of anything else a
    reflected search term could be matched against. Downloads are left alone (an .xlsx is a zip
    already), JSON answers too (the issue asked for pages), and static files are
    WhiteNoise's."""

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        return super().process_response(request, response)
