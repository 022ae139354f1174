"""gunicorn settings for Vox. Every value can be changed with an environment variable.

The access log leaves out what could identify a respondent: no client address (%h), no user
agent (%a), no referrer (%f), and for a respondent's answers no time and no path (app.logs.AccessLogger).
"""

import multiprocessing
import os

bind = os.environ.get("VOX_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("VOX_THREADS", 4))
worker_class = "gthread"
timeout = int(os.environ.get("VOX_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
max_requests = 5000
max_requests_jitter = 500
accesslog = os.environ.get("VOX_ACCESS_LOG", "-")
access_log_format = '- - - %(t)s "%(r)s" %(s)s %(b)s %(M)sms'
logger_class = "app.logs.AccessLogger"
errorlog = "-"
loglevel = os.environ.get("VOX_LOG_LEVEL", "info")
#: the reverse proxies allowed to set X-Forwarded-* headers
forwarded_allow_ips = os.environ.get("VOX_FORWARDED_ALLOW_IPS", "127.0.0.1")
