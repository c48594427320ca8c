"""QR codes on portal pages (the member card's token, a voucher's code), drawn here once."""

import segno


def qr_data_uri(text: str, *, scale: int = 6) -> str:
    # An SVG data URI: the strict CSP allows `img-src data:`, and nothing is fetched or stored.
    return str(segno.make(text, error="m").svg_data_uri(scale=scale, dark="#111827"))
