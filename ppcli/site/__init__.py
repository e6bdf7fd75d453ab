"""``ppcli site``: a static, offline dashboard for supervisors (see docs/site.md)."""
