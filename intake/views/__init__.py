"""Intake views, one module per part of the intake journey; each lists its own URLs."""
