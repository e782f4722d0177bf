"""Settings for the real `manage.py db_worker` started by test_digest_worker_kill.py."""

import os

from portal.settings.test import *  # noqa: F403

EMAIL_BACKEND = "tests.newsletters.slow_mail.SlowFileBackend"
EMAIL_FILE_PATH = os.environ["NEWSLETTER_TEST_MAIL_DIR"]
SITE_URL = "https://quartiers.mons.be"
