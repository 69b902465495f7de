"""The app's Altair charts: treaty status over time, and border lengths computed against official figures.

Built from the DataFrames of `geo.tables`; the status colours are the map's (colour-blind-safe Okabe–Ito). Each mark
dated in time says what it is in the atlas's words (its `description`, which a screen reader reads), so no day is read
out in Vega's own format ("Jul 08, 2022").
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from geo.dates import day_text
from geo.scales import BorderScales
from layers.style import (
    OFFICIAL_COLOUR,
    SCALE_SOURCE_COLOURS,
    SCALE_SOURCE_LABELS,
    STATUS_COLOURS,
    STATUS_LABELS,
)


def timeline_chart(
    spans: pd.DataFrame, events: pd.DataFrame, day: dt.date, order: list[str] | None = None
) -> alt.LayerChart:
    """Each country's status as coloured spans over time, a mark at each treaty event, and a rule at the chosen date."""
    spans = spans.assign(
        label=[STATUS_LABELS[s] for s in spans["status"]],
        start=pd.to_datetime(spans["start"]),
        end=pd.to_datetime(spans["end"]),
    )
    spans = spans.assign(
        aria=[
            f"{r.country}: {r.label} from {r.start_text}" + (f" until {r.end_text}" if r.end_text else "")
            for r in spans.itertuples()
        ]
    )
    events = events.assign(
        when=pd.to_datetime(events["date"]), day_text=[day_text(dt.date.fromisoformat(d)) for d in events["date"]]
    )
    events = events.assign(aria=[f"{r.country}: {r.event}, {r.day_text}" for r in events.itertuples()])
    shown = [s for s in STATUS_LABELS if s in set(spans["status"])]
    colour = alt.Color(
        "label:N",
        title="Status",
        scale=alt.Scale(domain=[STATUS_LABELS[s] for s in shown], range=[STATUS_COLOURS[s] for s in shown]),
        legend=alt.Legend(orient="bottom", columns=3),
    )
    y = alt.Y("country:N", title=None, sort=order or list(dict.fromkeys(spans["country"])))
    bars = (
        alt.Chart(spans)
        .mark_bar(height={"band": 0.7})
        .encode(
            x=alt.X("start:T", title=None, axis=alt.Axis(format="%Y", tickCount="year", labelOverlap=True)),
            x2="end:T",
            y=y,
            color=colour,
            description="aria:N",
            tooltip=[
                alt.Tooltip("country:N", title="Country"),
                alt.Tooltip("label:N", title="Status"),
                alt.Tooltip("start_text:N", title="From"),
                alt.Tooltip("end_text:N", title="Until"),
                alt.Tooltip("explanation:N", title="Why"),
            ],
        )
    )
    marks = (
        alt.Chart(events)
        .mark_point(shape="diamond", filled=True, size=70, color="#111", stroke="#fff", strokeWidth=0.8)
        .encode(
            x="when:T",
            y=y,
            description="aria:N",
            tooltip=[
                alt.Tooltip("country:N", title="Country"),
                alt.Tooltip("event:N", title="Event"),
                alt.Tooltip("day_text:N", title="Date"),
                alt.Tooltip("sources:N", title="Source"),
            ],
        )
    )
    rule_data = pd.DataFrame({"when": [pd.Timestamp(day)], "text": [f"as of {day_text(day)}"]})
    rule = (
        alt.Chart(rule_data)
        .mark_rule(color="#111", strokeDash=[4, 3], strokeWidth=1.5)
        .encode(x="when:T", description="text:N")
    )
    rule_text = (
        alt.Chart(rule_data)
        .mark_text(align="right", dx=-4, dy=-6, fontSize=11, fontWeight="bold")
        .encode(x="when:T", y=alt.value(0), text="text:N", description="text:N")
    )
    return alt.LayerChart(layer=[bars, marks, rule, rule_text], height=alt.Step(26))


def lengths_chart(borders: pd.DataFrame) -> alt.LayerChart:
    """For each border with official figures: the computed length as a bar, each official figure as a point."""
    figures = borders.dropna(subset=["official_km"])
    pairs = list(dict.fromkeys(figures["border"]))
    computed = figures.drop_duplicates("border")[
        ["border", "computed_km", "land_km", "inland_water_km", "lagoon_km", "sea_km"]
    ]
    computed = computed.assign(what="computed from the geometry (land + inland water)")
    official = figures.assign(what="official figure")
    y = alt.Y("border:N", title=None, sort=pairs)
    kind = alt.Color(
        "what:N",
        title=None,
        scale=alt.Scale(
            domain=["computed from the geometry (land + inland water)", "official figure"],
            range=["#9ecae1", OFFICIAL_COLOUR],
        ),
        legend=alt.Legend(orient="bottom", labelLimit=0),
    )
    bars = (
        alt.Chart(computed)
        .mark_bar(height={"band": 0.7})
        .encode(
            x=alt.X("computed_km:Q", title="km"),
            y=y,
            color=kind,
            tooltip=[
                alt.Tooltip("border:N"),
                alt.Tooltip("computed_km:Q", title="computed km", format=",.1f"),
                alt.Tooltip("land_km:Q", title="land", format=",.1f"),
                alt.Tooltip("inland_water_km:Q", title="inland water", format=",.1f"),
                alt.Tooltip("lagoon_km:Q", title="lagoon", format=",.1f"),
                alt.Tooltip("sea_km:Q", title="sea", format=",.1f"),
            ],
        )
    )
    points = (
        alt.Chart(official)
        .mark_point(filled=True, size=80, shape="circle", stroke="#000", strokeWidth=0.6, opacity=0.9)
        .encode(
            x="official_km:Q",
            y=y,
            color=kind,
            tooltip=[
                alt.Tooltip("border:N"),
                alt.Tooltip("official_km:Q", title="official km", format=",.1f"),
                alt.Tooltip("covers:N", title="counts"),
                alt.Tooltip("computed_same_sections_km:Q", title="computed, same sections", format=",.1f"),
                alt.Tooltip("diff_pct:Q", title="computed vs official %", format="+.1f"),
                alt.Tooltip("sources:N", title="source"),
            ],
        )
    )
    return alt.LayerChart(layer=[bars, points], height=alt.Step(24))


def plan_figures_chart(figures: pd.DataFrame, day: dt.date) -> alt.VConcatChart:
    """Per country, over time: stated kilometres (points) beside the kilometres the atlas locates (a step line), and
    stated money (points on a log scale, coloured by currency); a rule marks the map's date.
    """
    figures = figures.assign(day_text=[day_text(pd.Timestamp(d).date()) for d in figures["day"]])
    figures = figures.assign(
        aria=[f"{r.country}, {r.plan}: {r.measure} {r.value:,.0f} {r.unit}, {r.day_text}" for r in figures.itertuples()]
    )
    countries = sorted(set(figures["country"]))
    rule_data = pd.DataFrame({"day": [pd.Timestamp(day)], "text": [f"as of {day_text(day)}"]})
    rule = alt.Chart(rule_data).mark_rule(color="#555", strokeDash=[4, 3])
    x = alt.X("day:T", title=None)
    tips = [
        alt.Tooltip("country:N"),
        alt.Tooltip("day_text:N", title="as of"),
        alt.Tooltip("measure:N"),
        alt.Tooltip("value:Q", format=",.0f"),
        alt.Tooltip("unit:N"),
        alt.Tooltip("plan:N"),
        alt.Tooltip("note:N"),
    ]
    km = figures.loc[figures["unit"] == "km"]
    measure = alt.Color(
        "measure:N",
        title=None,
        scale=alt.Scale(domain=["stated km", "located km"], range=[OFFICIAL_COLOUR, "#0072B2"]),
        legend=alt.Legend(orient="bottom"),
    )
    stated = alt.Chart(km.loc[km["measure"] == "stated km"]).mark_point(filled=True, size=70)
    located = alt.Chart(km.loc[km["measure"] == "located km"]).mark_line(interpolate="step-after", point=True)
    km_chart = (
        alt.layer(
            stated.encode(x=x, y=alt.Y("value:Q", title="km"), color=measure, tooltip=tips, description="aria:N"),
            located.encode(x=x, y="value:Q", color=measure, tooltip=tips, description="aria:N"),
            rule.encode(x="day:T", description="text:N"),
            data=km,
        )
        .properties(height=110, width=220)
        .facet(column=alt.Column("country:N", title=None, sort=countries))
        .resolve_scale(y="independent")
        .properties(title="Kilometres: stated (points) against located by the atlas (line)")
    )
    money = figures.loc[figures["measure"] == "stated money"]
    money_chart = (
        alt.layer(
            alt.Chart(money)
            .mark_point(filled=True, size=70)
            .encode(
                x=x,
                y=alt.Y("value:Q", title="amount", scale=alt.Scale(type="log"), axis=alt.Axis(format="~s")),
                color=alt.Color("unit:N", title="currency", legend=alt.Legend(orient="bottom")),
                tooltip=tips,
                description="aria:N",
            ),
            rule.encode(x="day:T", description="text:N"),
            data=money,
        )
        .properties(height=110, width=220)
        .facet(column=alt.Column("country:N", title=None, sort=countries))
        .properties(title="Money stated (each figure in its own currency, as the source gives it)")
    )
    return alt.vconcat(km_chart, money_chart)


def scales_chart(scales: BorderScales, official: pd.DataFrame) -> alt.LayerChart:
    """One border's length against the detail it is measured at, both axes logarithmic: the divider series on the
    atlas's line (a line: its slope gives the roughness D), each map's length at its scale's detail (Tobler's rule), and
    each official total as a dashed rule.
    """
    rows = [
        {
            "detail_km": s.resolution_km,
            "length_km": s.length_km,
            "what": SCALE_SOURCE_LABELS.get(s.source, s.source),
            "label": s.label,
        }
        for s in scales.lengths
    ]
    frame = pd.DataFrame(rows)
    rough = f"roughness D = {scales.roughness:.3f}" if scales.roughness is not None else "roughness not known"
    x = alt.X("detail_km:Q", title="detail measured at (km: the ruler, or 0.5 mm at the map's scale)").scale(type="log")
    y = alt.Y("length_km:Q", title="length (km, geodesic)").scale(type="log", zero=False)
    colour = alt.Color(
        "what:N",
        title=None,
        scale=alt.Scale(
            domain=list(SCALE_SOURCE_LABELS.values()), range=[SCALE_SOURCE_COLOURS[k] for k in SCALE_SOURCE_LABELS]
        ),
        legend=alt.Legend(orient="bottom", labelLimit=0),
    )
    tooltip = [alt.Tooltip("label:N", title="source"), alt.Tooltip("length_km:Q", title="km", format=",.1f")]
    divider = (
        alt.Chart(frame.loc[frame["what"] == SCALE_SOURCE_LABELS["divider"]])
        .mark_line(point=True)
        .encode(x=x, y=y, color=colour, tooltip=tooltip)
    )
    maps = (
        alt.Chart(frame.loc[frame["what"] != SCALE_SOURCE_LABELS["divider"]])
        .mark_point(filled=True, size=90, shape="diamond")
        .encode(x=x, y=y, color=colour, tooltip=tooltip)
    )
    totals = official.loc[official["measures"] == "total", ["km", "covers", "sources"]]
    rules = (
        alt.Chart(totals)
        .mark_rule(color=OFFICIAL_COLOUR, strokeDash=[4, 3])
        .encode(
            y="km:Q",
            tooltip=[
                alt.Tooltip("km:Q", title="official km", format=",.1f"),
                alt.Tooltip("covers:N", title="counts"),
                alt.Tooltip("sources:N"),
            ],
        )
    )
    return alt.LayerChart(layer=[rules, divider, maps]).properties(
        title=f"{scales.pair}: length against scale ({rough}); dashed: official totals", height=320
    )
