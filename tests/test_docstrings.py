"""The runnable examples in the docstrings run and give what they show, on the toy store.

Every module of the package is searched; none may skip an example, and the analytics and
the stores must carry enough of them to teach their use.
"""

import doctest
import importlib
import pkgutil
import re

import lianjie
import pytest

#: Modules not imported here: ``__main__`` modules run a command when imported.
NOT_IMPORTED = re.compile(r"(^|\.)__main__$")


def _modules() -> list[str]:
    names = ["lianjie"]
    for info in pkgutil.walk_packages(lianjie.__path__, "lianjie."):
        if not NOT_IMPORTED.search(info.name) and ".tests" not in info.name:
            names.append(info.name)
    return sorted(names)


MODULES = _modules()


def _examples(name: str) -> list[doctest.Example]:
    finder = doctest.DocTestFinder()
    module = importlib.import_module(name)
    return [e for test in finder.find(module, name) if test.name.startswith(name) for e in test.examples]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


@pytest.mark.parametrize("name", MODULES)
def test_no_example_is_skipped(name):
    skipped = [e.source.strip() for e in _examples(name) if e.options.get(doctest.SKIP)]
    assert not skipped, f"{name} skips examples: {skipped}"


@pytest.mark.parametrize("part, least", [("lianjie.queries", 60), ("lianjie.graph", 30)])
def test_the_analytics_and_stores_show_their_use(part, least):
    count = sum(len(_examples(name)) for name in MODULES if name == part or name.startswith(part + "."))
    assert count >= least, f"{part} has {count} docstring examples; at least {least} are expected"


def test_a_skipped_example_is_caught():
    """The check above has teeth: an example marked +SKIP is found."""

    def shown():
        """
        >>> 1 + 1  # doctest: +SKIP
        3
        """

    examples = doctest.DocTestFinder().find(shown, "shown")[0].examples
    assert [e.options.get(doctest.SKIP) for e in examples] == [True]
