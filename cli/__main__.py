"""``python -m lianjie.cli``: the same as the ``lianjie`` console script."""

from lianjie.cli import run

run()
