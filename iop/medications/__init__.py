"""The medication list and its reconciliation: a kernel module, read by drug screens,
the schedule (medication-management visits, psychiatric review due) and reports."""
