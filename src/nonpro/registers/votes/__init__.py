"""UNGA First Committee resolutions and the states' recorded votes on them."""
