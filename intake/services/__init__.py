"""Writes that span intake models, one transaction each (STYLE habit 2)."""
