"""Panels in the admin: a director saves a used version and gets the next one; a clinician,
even as Django staff, is refused; a bad cut-off is refused on its field, nothing saved."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from iop.accounts.models import Role
from relapse_prevention.models import ScreenPanel
from tests.accounts.test_admin import form_data
from tests.relapse_prevention.screen_helpers import panel, specimen_with

pytestmark = pytest.mark.django_db


def as_staff(user):
    user.is_staff = True
    user.save()
    return user


def change_url(version: ScreenPanel) -> str:
    return reverse("admin:relapse_prevention_screenpanel_change", args=[version.pk])


def inline_data(page: Any, version: ScreenPanel, thc_cutoff: str, duplicate: bool = False):
    formset = page.context["inline_admin_formsets"][0].formset
    prefix = formset.prefix
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(version.analytes.count() + (1 if duplicate else 0)),
        f"{prefix}-INITIAL_FORMS": str(formset.initial_form_count()),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, analyte in enumerate(version.analytes.all()):
        row = f"{prefix}-{i}"
        data.update(
            {
                f"{row}-id": analyte.pk,
                f"{row}-panel": version.pk,
                f"{row}-code": analyte.code,
                f"{row}-name": analyte.name,
                f"{row}-screen_cutoff": thc_cutoff
                if analyte.code == "thc"
                else analyte.screen_cutoff,
                f"{row}-confirmation_cutoff": analyte.confirmation_cutoff or "",
                f"{row}-unit": analyte.unit,
                f"{row}-explained_by": list(analyte.explained_by),
                f"{row}-ordering": analyte.ordering,
            }
        )
    if duplicate:
        row = f"{prefix}-{version.analytes.count()}"
        data.update(
            {
                f"{row}-panel": version.pk,
                f"{row}-code": "thc",
                f"{row}-name": "THC again",
                f"{row}-screen_cutoff": "20",
                f"{row}-unit": "ng/mL",
                f"{row}-ordering": "99",
            }
        )
    return data


def post_change(http, version, thc_cutoff, duplicate=False):
    url = change_url(version)
    page = http.get(url)
    assert page.status_code == 200
    data = {
        **form_data(page, effective_from=version.effective_from.isoformat()),
        **inline_data(page, version, thc_cutoff, duplicate),
    }
    return http.post(url, data)


def test_director_saving_a_used_panel_makes_version_two(client_record, staff, login_as):
    http = login_as(as_staff(staff[Role.DIRECTOR]))
    old = panel()
    specimen_with(client_record, {"thc": ("negative", None)})
    response = post_change(http, old, "20")
    new = ScreenPanel.objects.get(code=old.code, version=old.version + 1)
    assert response.status_code == 302 and response.url == change_url(new)
    old.refresh_from_db()
    assert old.retired
    assert str(old.analytes.get(code="thc").screen_cutoff) == "50.00"
    assert str(new.analytes.get(code="thc").screen_cutoff) == "20.00"
    listing = http.get(reverse("admin:relapse_prevention_screenpanel_changelist")).content.decode()
    assert "Oct. 1, 2025" in listing and listing.count(old.name) >= 2
    # A retired version opens read-only.
    assert "Save" not in http.get(change_url(old)).content.decode().split("submit-row")[-1][:400]


def test_director_saving_an_unused_panel_edits_it_in_place(staff, login_as):
    http = login_as(as_staff(staff[Role.DIRECTOR]))
    version = ScreenPanel.objects.get(code="urine-hhs-2025", version=1)
    assert post_change(http, version, "20").status_code == 302
    assert ScreenPanel.objects.filter(code=version.code).count() == 1
    assert str(version.analytes.get(code="thc").screen_cutoff) == "20.00"


@pytest.mark.parametrize(("cutoff", "duplicate"), [("0", False), ("-1", False), ("50", True)])
def test_bad_cutoff_or_duplicate_code_refused_on_the_field(
    client_record, staff, login_as, cutoff, duplicate
):
    http = login_as(as_staff(staff[Role.DIRECTOR]))
    old = panel()
    specimen_with(client_record, {"thc": ("negative", None)})
    response = post_change(http, old, cutoff, duplicate)
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "This analyte code is already in the panel."
        if duplicate
        else "A cut-off must be above zero."
    ) in page
    assert ScreenPanel.objects.filter(code=old.code).count() == 1
    old.refresh_from_db()
    assert not old.retired and str(old.analytes.get(code="thc").screen_cutoff) == "50.00"


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.PRESCRIBER])
def test_charting_roles_are_sent_to_the_admin_sign_in(staff, login_as, role):
    # Staff who do not run the admin are not admin users: it asks them to sign in as one.
    http = login_as(as_staff(staff[role]))
    login = reverse("admin:login")
    for url in (reverse("admin:relapse_prevention_screenpanel_changelist"), change_url(panel())):
        response = http.get(url)
        assert response.status_code == 302 and response["Location"].startswith(login), url


def test_an_administrator_without_the_panel_permission_is_refused(staff, login_as):
    http = login_as(as_staff(staff[Role.ADMINISTRATOR]))
    for url in (reverse("admin:relapse_prevention_screenpanel_changelist"), change_url(panel())):
        assert http.get(url).status_code == 403, url
