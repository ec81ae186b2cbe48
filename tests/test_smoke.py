from django.urls import reverse

from iop.accounts.models import Role


def test_clinician_sees_client_in_own_program_on_list(staff, client_record, other_client, login_as):
    response = login_as(staff[Role.CLINICIAN]).get(reverse("clients:list"))
    assert response.status_code == 200
    assert client_record.record_number in response.content.decode()
    assert other_client.record_number not in response.content.decode()


def test_client_outside_program_is_404(staff, other_client, login_as):
    response = login_as(staff[Role.DIRECTOR]).get(reverse("clients:chart", args=[other_client.pk]))
    assert response.status_code == 404
