from django.conf import settings


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy to the public site.

    The Wagtail admin ships inline scripts of its own, so it keeps Wagtail's defaults.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
            response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=()")
        return response
