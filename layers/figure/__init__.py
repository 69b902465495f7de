"""The print figure: matplotlib over GeoPandas, its labels placed without overlap."""
