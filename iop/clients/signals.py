"""Signals the kernel sends so feature apps can react without the kernel importing them."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the discharge transaction with episode, discharged_on, by.
episode_discharged = Signal()
