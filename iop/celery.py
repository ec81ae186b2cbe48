from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop.settings")

app = Celery("iop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="iop.ping")
def ping() -> str:
    """Answers 'pong' from a worker: the health check's proof that a worker runs tasks."""
    return "pong"
