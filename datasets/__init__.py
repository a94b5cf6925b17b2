"""Datasets shipped with lianjie, drawn from the two source articles: ``sample/`` (the demo) and
``case/`` (every fact with its provenance, and a synthetic roster; see ``case/README.md``)."""
