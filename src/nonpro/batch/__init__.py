"""Bulk screening of files of parties: in-process today, on a Dask cluster as the scale needs."""
