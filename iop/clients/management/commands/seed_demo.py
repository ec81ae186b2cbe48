"""Deterministic synthetic demo data. Every app may add its own part in ``<app>/demo.py``.

No real person's data: names are drawn from fixed lists with a fixed seed.
"""

from __future__ import annotations

import importlib
import os
import random
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Load synthetic demo data (idempotent). Refuses to run with DEBUG off unless --force."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")
        parser.add_argument(
            "--clients", type=int, default=40, help="How many clients to create (default 40)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo writes demo accounts with a known password; it refuses to run with "
                "DEBUG off. Use --force if this really is a demo server."
            )
        password = os.environ.get("DEMO_PASSWORD", "demo-clinic-2026")
        context: dict[str, Any] = {
            "rng": random.Random(2026),
            "password": password,
            "client_count": options["clients"],
            "stdout": self.stdout,
        }
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                try:
                    module = importlib.import_module(f"{app_config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app_config.name}.demo":
                        raise
                    continue
                module.seed(context)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        self.stdout.write(f"Sign in with any of these, password {password!r}:")
        for email in context.get("demo_logins", []):
            self.stdout.write(f"  {email}")
