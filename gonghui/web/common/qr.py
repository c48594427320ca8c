"""QR codes on console pages (join links, an activity's door code): an SVG data URI, which the strict
CSP allows as `img-src data:`."""

import segno


def qr_data_uri(url: str, *, scale: int) -> str:
    return str(segno.make(url, error="m").svg_data_uri(scale=scale, dark="#111827"))
