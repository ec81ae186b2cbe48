from __future__ import annotations

import datetime

import time_machine
from django.urls import reverse
from django.utils import timezone

from intake.models import ContactAttempt, Referral, ReferralStatus
from iop.accounts.models import Role
from iop.clients.models import Client
from tests.factories import ClientFactory, member

URL = reverse("intake:referral_create")


def _post_data(**overrides):
    data = {
        "client-legal_first_name": "Avery",
        "client-legal_last_name": "Stone",
        "client-date_of_birth": "1991-04-02",
        "client-phone": "(202) 555-0100",
        # Yesterday in UTC is past in every program's zone (today in UTC is tomorrow in New
        # York each evening, which the form refuses as a future date).
        "referral-received_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "referral-source": "self",
        "referral-reason": "Nightmares and drinking to sleep",
        "referral-urgency": "routine",
    }
    data.update(overrides)
    return data


def test_intake_creates_referral_and_client_with_next_record_number(staff, login_as):
    ClientFactory(program=staff[Role.INTAKE].memberships.get().program, record_number="R-1041")
    response = login_as(staff[Role.INTAKE]).post(URL, _post_data())
    referral = Referral.objects.get(client__legal_last_name="Stone")
    assert response.status_code == 302
    assert response.url == reverse("intake:referral_detail", args=[referral.pk])
    assert referral.client.record_number == "R-1042"
    assert referral.status == ReferralStatus.NEW


def test_likely_duplicate_is_shown_and_nothing_saved(program, staff, login_as):
    existing = ClientFactory(
        program=program,
        legal_first_name="Avery",
        legal_last_name="Stone",
        date_of_birth=datetime.date(1991, 4, 2),
    )
    response = login_as(staff[Role.INTAKE]).post(URL, _post_data())
    page = response.content.decode()
    assert response.status_code == 200
    assert "This may be someone already in our records" in page
    assert existing.record_number in page
    assert Client.objects.filter(legal_last_name="Stone").count() == 1
    assert not Referral.objects.exists()


def test_confirming_a_different_person_creates_the_new_client(program, staff, login_as):
    ClientFactory(
        program=program,
        legal_first_name="Avery",
        legal_last_name="Stone",
        date_of_birth=datetime.date(1991, 4, 2),
    )
    response = login_as(staff[Role.INTAKE]).post(URL, _post_data(confirm_new_person="yes"))
    assert response.status_code == 302
    assert Client.objects.filter(legal_last_name="Stone").count() == 2


RECORD_NUMBER_TAKEN = (
    "This record number is already in use in this program. Leave it blank to assign the next one."
)


def test_same_record_number_is_a_duplicate(program, staff, login_as):
    existing = ClientFactory(program=program, record_number="R-2001", legal_last_name="Other")
    response = login_as(staff[Role.INTAKE]).post(
        URL, _post_data(**{"client-record_number": "r-2001"})
    )
    assert existing.display_name in response.content.decode()
    assert not Referral.objects.exists()


def test_a_record_number_taken_in_this_program_gets_the_message_and_saves_nothing(
    program, staff, login_as
):
    """Even after "this is a different person": one number, one client in a program."""
    ClientFactory(program=program, record_number="R-2001", legal_last_name="Other")
    response = login_as(staff[Role.INTAKE]).post(
        URL, _post_data(**{"client-record_number": "r-2001", "confirm_new_person": "yes"})
    )
    assert response.status_code == 200
    assert response.context["client_form"].errors["record_number"] == [RECORD_NUMBER_TAKEN]
    assert RECORD_NUMBER_TAKEN in response.content.decode()
    assert not Client.objects.filter(legal_last_name="Stone").exists()
    assert not Referral.objects.exists()


def test_another_programs_record_number_may_be_used_here_and_reveals_nothing(
    program, other_program, staff, login_as
):
    """The form answers a number another program holds exactly as it answers a free one."""
    ClientFactory(program=other_program, record_number="R-2001", legal_last_name="Elsewhere")
    http = login_as(staff[Role.INTAKE])
    taken_there = http.post(URL, _post_data(**{"client-record_number": "R-2001"}))
    free = http.post(
        URL,
        _post_data(**{"client-record_number": "R-2002", "client-legal_first_name": "Blake"}),
    )
    assert taken_there.status_code == free.status_code == 302
    mine = Client.objects.get(legal_last_name="Stone", legal_first_name="Avery")
    assert (mine.record_number, mine.program) == ("R-2001", program)


def test_the_next_record_number_counts_only_this_programs_clients(other_program, staff, login_as):
    """Numbers assigned here do not jump past another program's, which would tell how many
    clients it has."""
    ClientFactory(program=other_program, record_number="R-5000")
    login_as(staff[Role.INTAKE]).post(URL, _post_data())
    assert Client.objects.get(legal_last_name="Stone").record_number == "R-1001"


def test_duplicate_in_another_program_is_not_revealed(other_program, staff, login_as):
    ClientFactory(
        program=other_program,
        legal_first_name="Avery",
        legal_last_name="Stone",
        date_of_birth=datetime.date(1991, 4, 2),
    )
    response = login_as(staff[Role.INTAKE]).post(URL, _post_data())
    assert response.status_code == 302  # created: the other program's client stays invisible


def test_referring_an_existing_client_creates_no_new_client(client_record, staff, login_as):
    response = login_as(staff[Role.INTAKE]).post(f"{URL}?client={client_record.pk}", _post_data())
    assert response.status_code == 302
    assert Referral.objects.get().client == client_record
    assert not Client.objects.filter(legal_last_name="Stone").exists()


def test_future_date_of_birth_is_refused_and_typed_values_kept(staff, login_as):
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = login_as(staff[Role.INTAKE]).post(
        URL, _post_data(**{"client-date_of_birth": future})
    )
    page = response.content.decode()
    assert "Date of birth cannot be in the future." in page
    assert (
        'value="Nightmares and drinking to sleep"' in page
        or "Nightmares and drinking to sleep" in page
    )
    assert not Client.objects.filter(legal_last_name="Stone").exists()


def test_court_referral_needs_case_number_and_officer(staff, login_as):
    response = login_as(staff[Role.INTAKE]).post(URL, _post_data(**{"referral-source": "court"}))
    page = response.content.decode()
    assert "A court or probation referral needs the case number." in page
    assert "Name the probation officer" in page
    assert not Referral.objects.exists()


def test_court_referral_with_officer_account(program, staff, login_as):
    officer = staff[Role.PROBATION]
    response = login_as(staff[Role.INTAKE]).post(
        URL,
        _post_data(
            **{
                "referral-source": "court",
                "referral-court_case_number": "CR-2026-0113",
                "referral-probation_officer": str(officer.pk),
            }
        ),
    )
    assert response.status_code == 302
    assert Referral.objects.get().probation_officer == officer


def test_clinician_cannot_create_referrals(staff, login_as):
    assert login_as(staff[Role.CLINICIAN]).post(URL, _post_data()).status_code == 403
    assert not Referral.objects.exists()


def test_contact_attempt_recorded_with_htmx(referral, staff, login_as):
    response = login_as(staff[Role.INTAKE]).post(
        reverse("intake:contact_add", args=[referral.pk]),
        {"method": "phone", "outcome": "message", "note": "Left voicemail, no program name"},
        headers={"HX-Request": "true", "HX-Target": "contacts"},
    )
    assert response.status_code == 200
    assert "Left a message" in response.content.decode()
    assert "<html" not in response.content.decode()  # the fragment only
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CONTACTING
    assert ContactAttempt.objects.count() == 1


def test_contact_attempt_without_outcome_is_refused(referral, staff, login_as):
    response = login_as(staff[Role.INTAKE]).post(
        reverse("intake:contact_add", args=[referral.pk]), {"method": "phone"}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ContactAttempt.objects.exists()


def test_referral_of_another_program_is_404(other_program, login_as, staff):
    foreign = Referral.objects.create(
        program=other_program,
        client=ClientFactory(program=other_program),
        received_on=timezone.localdate(),
        source="self",
        reason="x",
    )
    assert (
        login_as(staff[Role.INTAKE])
        .get(reverse("intake:referral_detail", args=[foreign.pk]))
        .status_code
        == 404
    )


def test_intake_queue_lists_open_referrals(referral, staff, login_as, program):
    admitted = Referral.objects.create(
        program=program,
        client=ClientFactory(program=program, legal_last_name="Admittedperson"),
        received_on=timezone.localdate(),
        source="self",
        reason="x",
        status=ReferralStatus.ADMITTED,
    )
    page = login_as(staff[Role.INTAKE]).get(reverse("intake:queue")).content.decode()
    assert referral.client.display_name in page
    assert admitted.client.legal_last_name not in page


def test_intake_queue_query_count_does_not_grow(
    program, staff, login_as, django_assert_max_num_queries
):
    intake = staff[Role.INTAKE]
    browser = login_as(intake)

    def make(n):
        for _ in range(n):
            Referral.objects.create(
                program=program,
                client=ClientFactory(program=program),
                received_on=timezone.localdate(),
                source="self",
                reason="x",
            )

    make(3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        browser.get(reverse("intake:queue"))
    make(30)
    with CaptureQueriesContext(connection) as many:
        browser.get(reverse("intake:queue"))
    assert len(many) == len(few)


def test_probation_officer_never_sees_referrals(referral, staff, login_as):
    officer = login_as(staff[Role.PROBATION])
    assert officer.get(reverse("intake:queue")).status_code == 403
    assert officer.get(reverse("intake:referral_detail", args=[referral.pk])).status_code == 403


def test_second_intake_member_in_same_program_sees_referral(referral, program, login_as):
    colleague = member(Role.INTAKE, program)
    assert (
        login_as(colleague).get(reverse("intake:referral_detail", args=[referral.pk])).status_code
        == 200
    )


# --- Dates against the program's today; phone numbers parsed -------------------------------


def _program_today(staff):
    return staff[Role.INTAKE].memberships.get().program.today()


def test_a_future_referral_date_is_refused_and_nothing_saved(staff, login_as):
    tomorrow = (_program_today(staff) + datetime.timedelta(days=1)).isoformat()
    response = login_as(staff[Role.INTAKE]).post(
        URL, _post_data(**{"referral-received_on": tomorrow})
    )
    assert response.context["referral_form"].errors["received_on"] == [
        "Referral date cannot be in the future."
    ]
    assert "Nightmares and drinking to sleep" in response.content.decode()
    assert not Referral.objects.exists()
    assert not Client.objects.filter(legal_last_name="Stone").exists()


def test_a_referral_date_years_ago_is_a_typo_in_the_year(staff, login_as):
    long_ago = (_program_today(staff) - datetime.timedelta(days=800)).isoformat()
    response = login_as(staff[Role.INTAKE]).post(
        URL, _post_data(**{"referral-received_on": long_ago})
    )
    assert "Referral date is more than a year ago. Check the year." in response.content.decode()
    assert not Referral.objects.exists()


def test_a_date_of_birth_two_centuries_ago_is_refused(staff, login_as):
    response = login_as(staff[Role.INTAKE]).post(
        URL, _post_data(**{"client-date_of_birth": "1826-04-02"})
    )
    assert "this date of birth is more than 120 years ago" in response.content.decode()
    assert not Client.objects.filter(legal_last_name="Stone").exists()


def test_the_referral_date_is_checked_in_the_programs_time_zone(staff, login_as):
    # 11 pm in Honolulu is already tomorrow in UTC: the referral is for today, not the future.
    program = staff[Role.INTAKE].memberships.get().program
    program.time_zone = "Pacific/Honolulu"
    program.save()
    with time_machine.travel(datetime.datetime(2026, 6, 10, 9, 0, tzinfo=datetime.UTC)):
        response = login_as(staff[Role.INTAKE]).post(
            URL, _post_data(**{"referral-received_on": "2026-06-09"})
        )
        refused = login_as(staff[Role.INTAKE]).post(
            URL,
            _post_data(**{"referral-received_on": "2026-06-10", "client-legal_last_name": "Other"}),
        )
    assert response.status_code == 302
    assert "Referral date cannot be in the future." in refused.content.decode()


def test_not_a_phone_is_refused_and_nothing_saved(staff, login_as):
    response = login_as(staff[Role.INTAKE]).post(
        URL, _post_data(**{"client-phone": "not a phone!!"})
    )
    assert response.context["client_form"].errors["phone"] == [
        "Enter a phone number with its area code, such as (202) 555-0143, "
        "or a number starting with + and the country code."
    ]
    assert 'value="not a phone!!"' in response.content.decode()
    assert not Client.objects.filter(legal_last_name="Stone").exists()
    assert not Referral.objects.exists()


def test_phones_are_stored_in_e164_and_shown_formatted(staff, login_as):
    browser = login_as(staff[Role.INTAKE])
    response = browser.post(
        URL,
        _post_data(
            **{"client-phone": "202 555 0100", "referral-referrer_contact": "1-415-555-0134"}
        ),
    )
    referral = Referral.objects.get()
    assert referral.client.phone == "+12025550100"
    assert referral.referrer_contact == "+14155550134"
    page = browser.get(response.url).content.decode()
    assert "(415) 555-0134" in page
    chart = browser.get(reverse("clients:chart", args=[referral.client.pk])).content.decode()
    assert "(202) 555-0100" in chart


def test_a_referrer_contact_is_a_phone_or_an_email(staff, login_as):
    browser = login_as(staff[Role.INTAKE])
    refused = browser.post(URL, _post_data(**{"referral-referrer_contact": "call Dana"}))
    assert refused.context["referral_form"].errors["referrer_contact"] == [
        "Enter the referrer's phone number with its area code, such as (202) 555-0143, "
        "or their email address."
    ]
    assert not Referral.objects.exists()
    browser.post(URL, _post_data(**{"referral-referrer_contact": "dana@clinic.example"}))
    assert Referral.objects.get().referrer_contact == "dana@clinic.example"
