from allauth.account.decorators import secure_admin_login
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.urls import include, path

from iop import views
from iop.accounts import views as account_views
from iop.accounts.admin import admin_site_has_permission

# The Django admin login goes through allauth: same MFA stage and rate limits.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "IOP clinic administration"
admin.site.has_permission = admin_site_has_permission  # type: ignore[method-assign]
# Two-factor secrets are nobody's to read, a superuser's included.
if admin.site.is_registered(Authenticator):
    admin.site.unregister(Authenticator)

urlpatterns = [
    path("", views.home, name="home"),
    path("no-role/", views.no_role, name="no_role"),
    path("healthz", views.healthz, name="healthz"),
    path("session/status", account_views.session_status, name="session_status"),
    path("session/keepalive", account_views.session_keepalive, name="session_keepalive"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("staff/", include("iop.accounts.urls")),
    path("clients/", include("iop.clients.urls")),
    path("audit/", include("iop.audit.urls")),
    path("reports/", include("iop.reports.urls")),
    path("intake/", include("intake.urls")),
    path("plans/", include("treatment_plans.urls")),
    path("schedule/", include("scheduling.urls")),
    path("groups/", include("groups.urls")),
    path("", include("iop.medications.urls")),
    path("", include("relapse_prevention.urls")),
    path("", include("family.urls")),
    path("", include("iop.dashboard.urls")),
    path("", include("iop.reports.clinical.urls")),
]
