"""The report's inlined assets: the Vega, Vega-Lite and vega-embed bundle (from
vl-convert-python, offline, cached per version) and the page's own CSS and JS."""

from __future__ import annotations

import os
from pathlib import Path

import altair as alt

STATIC = Path(__file__).resolve().parent / "static"


def vega_lite_version() -> str:
    """The Vega-Lite version Altair writes specs for, as vl-convert names it ("6.4")."""
    major, minor, *_ = alt.SCHEMA_VERSION.lstrip("v").split(".")
    return f"{major}.{minor}"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "leadhub"


def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (about 0.9 MB). vl-convert builds it in a
    few seconds; it is kept in the user's cache, keyed by the versions that made it."""
    import vl_convert as vlc

    version = vega_lite_version()
    if version not in vlc.get_vegalite_versions():
        raise RuntimeError(
            f"vl-convert-python {vlc.__version__} has no Vega-Lite {version} (Altair {alt.__version__}'s); "
            "install versions that agree"
        )
    path = cache_dir() / f"vega-bundle-vl{version}-vlc{vlc.__version__}.js"
    if path.exists():
        return path.read_text(encoding="utf-8")
    bundle = vlc.javascript_bundle(vl_version=version)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(bundle, encoding="utf-8")
    tmp.replace(path)
    return bundle


def static_text(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


if __name__ == "__main__":  # `make install`: the first report need not wait for the bundle
    vega_bundle()
    print(f"report assets: {cache_dir()}")
