"""python/README.md's examples run as doctests: the README shows what the package prints."""

import doctest
from pathlib import Path


def test_readme_examples():
    readme = Path(__file__).resolve().parents[1] / "README.md"
    failures, tried = doctest.testfile(str(readme), module_relative=False, verbose=False)
    assert tried >= 20
    assert failures == 0
