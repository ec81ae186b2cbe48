"""Where report files live: Django's storage API, ``STORAGES["reports"]``.

Web and workers may run on different machines, so no code opens a report by a local path:
everything goes through ``report_storage()``. By default the files are under MEDIA_ROOT
(``AtomicFileSystemStorage``); in production an S3-compatible bucket (django-storages,
configured from IOP_REPORTS_S3_* in settings), where an object appears whole or not at all.

A saved file is never replaced: a second save of the same name gets another name, which the
kernel notices (``iop.reports.services``) and discards in favor of the file already there.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, Storage, storages


def report_storage() -> Storage:
    return storages["reports"]


class AtomicFileSystemStorage(FileSystemStorage):
    """FileSystemStorage whose files appear whole: written to a temporary file beside the
    target, flushed to disk, then linked into place (a link fails if the name is taken, so
    an existing file is never overwritten). A reader never sees half a PDF."""

    def _save(self, name: str, content: File[Any]) -> str:
        directory = os.path.dirname(self.path(name))
        os.makedirs(directory, exist_ok=True)
        fd, partial = tempfile.mkstemp(dir=directory, prefix=".", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                out.flush()
                os.fsync(out.fileno())
            if self.file_permissions_mode is not None:
                os.chmod(partial, self.file_permissions_mode)
            while True:
                try:
                    os.link(partial, self.path(name))
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
        finally:
            os.unlink(partial)
        return str(name).replace("\\", "/")
