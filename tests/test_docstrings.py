"""The runnable examples in the public docstrings run and give what they show."""

import doctest
import importlib

import pytest

MODULES = [
    "lianjie.base.plugins",
    "lianjie.base.dataset",
    "lianjie.graph.registry",
    "lianjie.graph.dialects",
    "lianjie.graph.writers",
    "lianjie.graph.store",
    "lianjie.loaders.readers",
    "lianjie.ontology.reader",
    "lianjie.graph",
    "lianjie.loaders",
    "lianjie.loaders.values",
    "lianjie.loaders.hints",
    "lianjie.loaders.layouts",
    "lianjie.loaders.layouts.inspect",
    "lianjie.loaders.layouts.registry",
    "lianjie.loaders.privacy",
    "lianjie.base.errors",
    "lianjie.queries.engine",
    "lianjie.queries.reach",
    "lianjie.queries.paths",
    "lianjie.queries.coverage",
    "lianjie.queries.named",
    "lianjie.queries.export",
    "lianjie.queries.models",
    "lianjie.queries.model_file",
    "lianjie.queries.researcher",
    "lianjie.queries.views",
    "lianjie.queries.viewgraph",
    "lianjie.render.page",
    "lianjie.queries.results",
    "lianjie.render.charts",
    "lianjie.render.xlsx",
    "lianjie.base.cells",
    "lianjie.graph.readonly",
    "lianjie.loaders.privacy",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
