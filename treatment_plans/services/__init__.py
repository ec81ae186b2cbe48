"""Writes that span plan models, one transaction each."""
