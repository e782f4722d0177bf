from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.admin.views.account import LoginView as WagtailLoginView

from .throttle import client_ip, login_throttle


class ThrottleLoginMixin:
    """Refuses further attempts after too many failures from one IP or on one account."""

    def post(self, request, *args, **kwargs):
        account = request.POST.get("username", "")
        ip = client_ip(request)
        if login_throttle.is_blocked(ip=ip, account=account):
            form = self.get_form()
            form.errors.clear()
            form.add_error(
                None,
                _("Too many failed attempts. For your security, please wait 15 minutes and try again."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        login_throttle.record_failure(
            ip=client_ip(self.request), account=self.request.POST.get("username", "")
        )
        return super().form_invalid(form)


class LoginView(ThrottleLoginMixin, auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class ThrottledAdminLoginView(ThrottleLoginMixin, WagtailLoginView):
    pass


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You are logged out."))
        return response


@login_required
def profile(request):
    return render(request, "accounts/profile.html")
