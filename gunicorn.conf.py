"""Read by gunicorn from the working directory; the bind address comes from the environment."""

import os

bind = os.environ.get("IOP_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("IOP_WEB_WORKERS", "2"))
timeout = 60
accesslog = "-"
forwarded_allow_ips = os.environ.get("IOP_FORWARDED_ALLOW_IPS", "127.0.0.1")
