"""The page and the map element, from the atlas's own templates (layers/web/templates/) rather than folium's: the
language, charset, title and a viewport that lets the reader zoom (WCAG 1.4.4) first, the map and its script inside
the body's <main> landmark (in a host page that has its own, a region named "Map"), no jQuery and no global Leaflet
switches.
"""

from __future__ import annotations

from typing import Any

import folium
from branca.element import Figure
from folium.template import Template

from layers.web.assets import template_text


def _template(name: str) -> Template:
    found: Template = Template(template_text(name))
    return found


class AtlasPage(Figure):
    """The whole page around a map (layers/web/templates/page.html), titled; standalone (its own main landmark) or
    shown inside a host page.
    """

    _template = _template("page.html")

    def __init__(self, title: str, standalone: bool = True) -> None:
        super().__init__(title=title)
        self.standalone = standalone
        del self.header._children["meta_http"]  # the template writes the charset first


class LeafletMap(folium.Map):
    """folium's map with the atlas's template (layers/web/templates/map.html), on a page of its own (AtlasPage),
    with no view until its fit (layers.web.controls.FitBounds): no centre and no starting zoom.
    """

    _template = _template("map.html")

    def __init__(self, title: str, standalone: bool = True, **options: Any) -> None:
        super().__init__(**options)
        del self.options["zoom"]  # folium's starting zoom: the fit gives the first view
        AtlasPage(title, standalone).add_child(self)
