"""QR codes for the server-drawn pages (a join link, an activity's door code, a voucher, a position's
check-in, the authenticator set-up): an SVG data URI, which the strict CSP allows as `img-src data:`, so
nothing is fetched or stored. Each takes the best of the eight masks (the scanner-friendliest); they are
shown once or printed. The member card, whose signed token changes every few minutes on the portal's most
visited page, is drawn in the browser instead (portal/static/portal/card-qr.js)."""

import segno


def qr_data_uri(text: str, *, scale: int = 6) -> str:
    qr = segno.make(text, error="m")
    return str(qr.svg_data_uri(scale=scale, dark="#111827"))
