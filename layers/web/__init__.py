"""The web map: folium layers, the page's furniture and controls, and the offline HTML page."""
