"""The public API: ``__all__`` lists of the package and of every module in it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import attribution
from attribution.errors import AttributionError

MODULES = sorted(m.name for m in pkgutil.walk_packages(attribution.__path__, "attribution."))


def _public_exceptions(module) -> list[type]:
    """Exception classes the module exports or defines under a public name."""
    exported = [getattr(module, name) for name in getattr(module, "__all__", []) if hasattr(module, name)]
    defined = [obj for name, obj in vars(module).items()
               if not name.startswith("_") and inspect.isclass(obj) and obj.__module__ == module.__name__]
    found = {obj for obj in exported + defined if inspect.isclass(obj) and issubclass(obj, BaseException)}
    return sorted(found, key=lambda cls: cls.__name__)


def test_package_all_is_sorted():
    assert attribution.__all__ == sorted(attribution.__all__)
    assert len(set(attribution.__all__)) == len(attribution.__all__)


def test_package_all_is_importable():
    namespace: dict = {}
    exec("from attribution import *", namespace)
    for name in attribution.__all__:
        assert hasattr(attribution, name), name
        assert name in namespace, name


def test_package_exceptions_share_one_base():
    exceptions = _public_exceptions(attribution)
    assert AttributionError in exceptions
    for exc in exceptions:
        assert issubclass(exc, AttributionError), exc


def test_every_module_is_found():
    assert "attribution.extract.runner" in MODULES and "attribution.cli" in MODULES


@pytest.mark.parametrize("module_name", MODULES)
def test_module_all_names_exist(module_name):
    module = importlib.import_module(module_name)
    assert hasattr(module, "__all__"), f"{module_name} has no __all__"
    names = list(module.__all__)
    assert len(set(names)) == len(names), f"{module_name}.__all__ repeats a name"
    missing = [name for name in names if not hasattr(module, name)]
    assert not missing, f"{module_name}.__all__ names missing attributes: {missing}"
    namespace: dict = {}
    exec(f"from {module_name} import *", namespace)
    assert set(names) <= set(namespace)


@pytest.mark.parametrize("module_name", MODULES)
def test_module_all_is_sorted(module_name):
    names = list(importlib.import_module(module_name).__all__)
    assert names == sorted(names), f"{module_name}.__all__ is not sorted: {names}"


@pytest.mark.parametrize("module_name", MODULES)
def test_module_exceptions_share_one_base(module_name):
    module = importlib.import_module(module_name)
    for exc in _public_exceptions(module):
        assert issubclass(exc, AttributionError), f"{module_name}.{exc.__name__} does not subclass AttributionError"


def test_importing_the_package_leaves_stanza_and_torch_unloaded():
    """Commands that never parse (records, serve, recheck) must not pay a second and 300 MB for Stanza."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", "import sys, attribution, attribution.cli; "
                          "print(sorted(m for m in ('stanza', 'torch') if m in sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    assert out == "[]\n"
