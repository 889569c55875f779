"""Scheduled background jobs (PTV sync, code lists, purges, retraining) that run exactly once per slot
across threads, worker processes and hosts sharing one database. See ``runner`` for how."""
