"""Datasets shipped with lianjie: ``sample/`` (the demo), drawn from the two source articles."""
