from __future__ import annotations

import datetime

from celery import shared_task

from iop.notifications import services


@shared_task(ignore_result=True)
def outbox_send(message_id: str) -> bool:
    return services.outbox_send_one(message_id=message_id)


@shared_task(ignore_result=True)
def outbox_send_due() -> int:
    services.outbox_release_stuck(older_than=datetime.timedelta(minutes=15))
    return services.outbox_send_due()
