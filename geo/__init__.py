"""Kab/kota and province boundaries for the map, built once into a static cache.

The app needs only `ensure_boundaries` (once per process) and `status_without_building`
(on reruns); `geo.points` is the centroid fallback. Build from the command line with
`python -m geo build`.
"""

from geo.boundaries import BoundaryStatus, ensure_boundaries, status_without_building

__all__ = ["BoundaryStatus", "ensure_boundaries", "status_without_building"]
