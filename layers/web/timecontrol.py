"""The date control inside a map: a slider over the record's span, play and pause, the previous and next event, the
date typed. Moving it restyles countries, plan bands and located parts and updates the title, legend, tooltips and
details in the browser from the record's intervals (geo.history), with no request and no reload.

The page exposes `window.atlasTime` (`date()`, `setDate(iso)`) and fires `atlas:date` on the document when the date
changes, so a host page (the app) can follow it and drive it. Text from the data is only ever set as textContent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from branca.element import MacroElement
from jinja2 import Template

from geo.dates import MONTHS
from geo.history import History
from geo.plans import STAGE_LABELS, STAGES
from layers.style import (
    CLOSED_CROSSING_STYLE,
    PART_KIND_COLOURS,
    PART_KIND_LABELS,
    PART_LINE_STYLES,
    PART_POINT_STYLES,
    PART_STAGE_GROUP,
    PLAN_COLOUR,
    PLAN_STAGE_STYLES,
    STATUS_COLOURS,
    STATUS_FILL_OPACITY,
    STATUS_LABELS,
)
from layers.web.html import js_json, packed_json


class TimeControl(MacroElement):
    """The map's own time: the record's intervals, how each state looks, and (unless static) the date control; its
    script is layers/web/static/timecontrol.js.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}AtlasTime.control({{ this._parent.get_name() }}, {{ this.data }}, "
        "{{ this.look }}, {{ this.initial }});{% endmacro %}"
    )
    default_js = [("atlas_time_js", "layers/web/static/timecontrol.js")]

    def __init__(self, history: History, day: dt.date, interactive: bool = True, status_layer: bool = True) -> None:
        super().__init__()
        self._name = "time"
        self.data = js_json(packed_json(history.as_json()))  # AtlasApi.unpacked
        look: dict[str, Any] = {
            "interactive": interactive,
            "months": MONTHS,  # the page writes a day as geo.dates.day_text does
            "statusLayer": status_layer,  # without it the countries are plain land whatever the day
            "statusColours": STATUS_COLOURS,
            "statusOpacity": STATUS_FILL_OPACITY,
            "statusLabels": STATUS_LABELS,
            "stages": list(STAGES),
            "stageLabels": STAGE_LABELS,
            "planColour": PLAN_COLOUR,
            "bandStyles": PLAN_STAGE_STYLES,
            "kindColours": PART_KIND_COLOURS,
            "kindLabels": PART_KIND_LABELS,
            "lineStyles": PART_LINE_STYLES,
            "pointStyles": PART_POINT_STYLES,
            "stageGroups": PART_STAGE_GROUP,
            "closedStyle": CLOSED_CROSSING_STYLE,
        }
        self.look = js_json(look)
        self.initial = js_json(day.isoformat())
