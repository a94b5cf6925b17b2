"""Named points in a long command where a test can stop the process, to prove crash safety.

With ``LIANJIE_TEST_PAUSE_AT=<stage>`` in its environment, a command that reaches
:func:`checkpoint` with that stage writes the stage's name to ``LIANJIE_TEST_PAUSE_FILE``
(if set) and sleeps until it is killed; with ``LIANJIE_TEST_PAUSE_RESUME=1`` as well, it
goes on once that file is deleted (a test restarts the database server meanwhile, or
starts a second command). The crash tests use it to send SIGKILL to a real ``lianjie
load`` while it reads, validates, writes or is about to commit. Without the variable, a
checkpoint costs one dictionary look-up.

Any command pauses at ``open`` once it has opened its store. Stages of a load: ``read``
(the files are read, nothing validated), ``validate`` (validated, nothing written),
``write`` (part of the data written), ``commit`` (all written, not yet committed).
"""

from __future__ import annotations

import os
import sys
import time

STAGES = ("open", "read", "validate", "write", "commit")


def checkpoint(stage: str) -> None:
    """Pause here for good if ``LIANJIE_TEST_PAUSE_AT`` names ``stage`` (see the module)."""
    if os.environ.get("LIANJIE_TEST_PAUSE_AT") != stage:
        return
    marker = os.environ.get("LIANJIE_TEST_PAUSE_FILE")
    if marker:
        with open(marker, "w", encoding="utf-8") as fh:
            fh.write(stage)
    print(f"paused at {stage}", file=sys.stderr, flush=True)
    resume = marker and os.environ.get("LIANJIE_TEST_PAUSE_RESUME") == "1"
    while not resume or os.path.exists(marker):
        time.sleep(0.05 if resume else 3600)
