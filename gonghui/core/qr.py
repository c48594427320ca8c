"""QR codes for every interface (a join link, an activity's door code, the member card, a voucher, a
position's check-in): an SVG data URI, which the strict CSP allows as `img-src data:`, so nothing is
fetched or stored."""

import segno


def qr_data_uri(text: str, *, scale: int = 6) -> str:
    return str(segno.make(text, error="m").svg_data_uri(scale=scale, dark="#111827"))
