"""A file e-mail backend that takes its time, so a kill -9 lands in the middle of a send."""

import os
import time

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    def write_message(self, message):
        time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "0.03")))
        super().write_message(message)
        self.stream.flush()
        os.fsync(self.stream.fileno())
