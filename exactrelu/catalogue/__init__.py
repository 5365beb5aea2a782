"""The embedded example catalogue: instance files shipped inside the package.

On the command line an embedded instance is named ``@NAME`` (``exactrelu
regions @fig1-fan``); :func:`catalogue_instances` lists them all.
"""

from __future__ import annotations

from importlib import resources

from ..core.instance import Instance, InstanceError, load_instance

__all__ = ["catalogue_names", "catalogue_instance", "catalogue_instances"]


def catalogue_names() -> list[str]:
    return sorted(p.name[:-5] for p in resources.files(__package__).iterdir() if p.name.endswith(".toml"))


def catalogue_instance(name: str) -> Instance:
    path = resources.files(__package__) / f"{name}.toml"
    if not path.is_file():
        raise InstanceError(f"@{name}", "<catalogue>", "no such embedded instance",
                            f"use one of: {', '.join('@' + n for n in catalogue_names())}")
    with resources.as_file(path) as real:
        return load_instance(real)


def catalogue_instances() -> list[Instance]:
    return [catalogue_instance(n) for n in catalogue_names()]
