"""Report files through Django's storage API: whole files, never overwritten, and no
partial file left behind (the default file system storage; S3 is atomic by itself)."""

from __future__ import annotations

import os

import pytest
from django.core.files.base import ContentFile

from iop.reports.storage import AtomicFileSystemStorage, report_storage


@pytest.fixture
def storage(tmp_path):
    return AtomicFileSystemStorage(location=tmp_path, base_url="/unused/")


def test_reports_are_stored_through_the_storages_setting(settings):
    assert "reports" in settings.STORAGES
    assert isinstance(report_storage(), AtomicFileSystemStorage)


def test_a_saved_file_is_whole_and_leaves_no_partial_file(storage, tmp_path):
    body = b"%PDF-1.7\n" + os.urandom(300_000)
    name = storage.save("2026/12/report.pdf", ContentFile(body))
    assert name == "2026/12/report.pdf"
    with storage.open(name, "rb") as stored:
        assert stored.read() == body
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".part")]
    assert leftovers == []


def test_a_second_save_of_the_same_name_never_overwrites(storage):
    first = storage.save("report.pdf", ContentFile(b"first"))
    second = storage.save("report.pdf", ContentFile(b"second"))
    assert second != first
    with storage.open(first, "rb") as kept:
        assert kept.read() == b"first"


def test_a_failed_write_leaves_nothing_under_the_name(storage, tmp_path):
    class Broken(ContentFile):
        def chunks(self, chunk_size=None):
            yield b"%PDF-1.7 half"
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        storage.save("report.pdf", Broken(b""))
    assert not storage.exists("report.pdf")
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
