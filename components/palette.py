"""Colour-blind-safe colours (Okabe-Ito), shared by every chart and the map legend."""

OKABE_ITO = [
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#000000",  # black
]
MUTED = "#C9CED6"
CONFIRMED, CONFLICT, UNCERTAIN = "#0072B2", "#D55E00", "#E69F00"


def hex_to_rgb(color: str, alpha: int = 255) -> list[int]:
    color = color.lstrip("#")
    return [int(color[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]
