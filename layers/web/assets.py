"""The browser assets offline maps inline: Leaflet and its plugins, from the pinned npm packages in node_modules/,
and the atlas's own scripts and styles, from layers/web/static/; and the page's own templates (layers/web/templates/).
"""

from __future__ import annotations

import base64
import functools
import json
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
import rcssmin
import rjsmin

from geo.errors import AtlasError
from geo.settings import ROOT

NODE_MODULES = ROOT / "node_modules"
STATIC = ROOT / "layers" / "web" / "static"
TEMPLATES = ROOT / "layers" / "web" / "templates"

# folium's name for each asset (its `default_js` / `default_css` entries) -> file under node_modules/
ASSET_FILES: dict[str, str] = {
    "leaflet": "leaflet/dist/leaflet.js",
    "leaflet_css": "leaflet/dist/leaflet.css",
    "Control.Fullscreen.js": "leaflet.fullscreen/Control.FullScreen.js",
    "Control.FullScreen.css": "leaflet.fullscreen/Control.FullScreen.css",
    "Control_MiniMap_js": "leaflet-minimap/dist/Control.MiniMap.min.js",
    "Control_MiniMap_css": "leaflet-minimap/dist/Control.MiniMap.min.css",
    "tiny_inflate": "tiny-inflate/index.js",
}
# files the packages ship minified, inlined as they are (Leaflet's licence is a `/* @preserve` comment, which a
# minifier would drop); every other asset is minified, keeping `/*!` licence comments
SHIPPED_MINIFIED = frozenset({"leaflet", "Control_MiniMap_js", "Control_MiniMap_css"})
# CommonJS modules (`module.exports = ...`), published to the page as a global of this name
COMMONJS_GLOBALS: dict[str, str] = {"tiny_inflate": "TinyInflate"}

# the atlas's own page code (its `default_js` / `default_css` names) -> file under layers/web/static/
STATIC_FILES: dict[str, str] = {
    "atlas_api_js": "api.js",
    "atlas_time_js": "timecontrol.js",
    "atlas_panel_js": "panel.js",
    "atlas_controls_js": "controls.js",
    "atlas_measure_js": "measure.js",
    "atlas_vector_js": "vector.js",
    "atlas_map_js": "map.js",
    "atlas_sources_js": "sources.js",
    "atlas_compare_js": "compare.js",
    "atlas_css": "furniture.css",
    "atlas_panel_css": "panel.css",
    "atlas_table_css": "maptable.css",
    "atlas_app_css": "app.css",
    "atlas_compare_css": "compare.css",
}

_CSS_URL = re.compile(r"""url\(\s*(['"]?)(?!data:|#|https?:)([^'")]+)\1\s*\)""")


@dataclass(frozen=True)
class Asset:
    """One script or stylesheet, its text ready to inline (stylesheet images already data: URLs)."""

    name: str
    kind: str  # "js" or "css"
    text: str


def data_url_of_file(path: Path) -> str:
    """A file's bytes as a data: URL."""
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def inline_css_urls(css: str, folder: Path) -> str:
    """The stylesheet with every relative url(...) replaced by the file's data: URL."""

    def replace(match: re.Match[str]) -> str:
        target = (folder / match.group(2)).resolve()
        if not target.is_file():
            raise AtlasError(
                target,
                "asset",
                match.group(2),
                "stylesheet refers to a file that is not installed; `make test` or `make run` installs the assets",
            )
        return f'url("{data_url_of_file(target)}")'

    return _CSS_URL.sub(replace, css)


def minified(text: str, kind: str) -> str:
    """A script or stylesheet without comments and needless white space (rjsmin, rcssmin), `/*!` licence comments
    kept: the page carries the code, the files keep the documentation.
    """
    if kind == "css":
        return str(rcssmin.cssmin(text, keep_bang_comments=True))
    return str(rjsmin.jsmin(text, keep_bang_comments=True))


def licence_notice(package: Path) -> str:
    """'name version, its LICENSE file's copyright line, licence': the notice a script from an npm package keeps."""
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    licence = (package / "LICENSE").read_text(encoding="utf-8")
    holder = next((line.strip() for line in licence.splitlines() if line.startswith("Copyright")), "")
    return ", ".join(part for part in (f"{meta['name']} {meta['version']}", holder, meta["license"]) if part)


def as_global(text: str, name: str, notice: str) -> str:
    """A CommonJS module's script as one that publishes its `module.exports` as the global `name`, under its licence
    notice (templates/commonjs.js.j2).
    """
    return str(jinja2.Template(template_text("commonjs.js.j2")).render(notice=notice, name=name, source=text))


@functools.cache
def asset(name: str) -> Asset:
    """The named asset, read from node_modules/ or layers/web/static/ (AtlasError if it is unknown or not installed)."""
    if name in STATIC_FILES:
        path = STATIC / STATIC_FILES[name]
        kind = "css" if path.suffix == ".css" else "js"
        return Asset(name, kind, minified(path.read_text(encoding="utf-8"), kind))
    if name not in ASSET_FILES:
        known = ", ".join(sorted([*ASSET_FILES, *STATIC_FILES]))
        raise AtlasError(None, "asset", name, f"no offline copy of this asset; known: {known}")
    path = NODE_MODULES / ASSET_FILES[name]
    if not path.is_file():
        raise AtlasError(
            path, "asset", name, "not installed; `make run` / `make test` install the pinned npm packages (npm ci)"
        )
    text = path.read_text(encoding="utf-8")
    kind = "css" if path.suffix == ".css" else "js"
    if name in COMMONJS_GLOBALS:
        package = NODE_MODULES / ASSET_FILES[name].split("/")[0]
        text = as_global(text, COMMONJS_GLOBALS[name], licence_notice(package))
    if name not in SHIPPED_MINIFIED:
        text = minified(text, kind)
    if kind == "css":
        text = inline_css_urls(text, path.parent)
    return Asset(name, kind, text)


def template_text(name: str) -> str:
    """The text of one of the page's own Jinja templates (layers/web/templates/)."""
    return (TEMPLATES / name).read_text(encoding="utf-8")
