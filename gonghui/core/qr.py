"""QR codes for every interface (a join link, an activity's door code, the member card, a voucher, a
position's check-in): an SVG data URI, which the strict CSP allows as `img-src data:`, so nothing is
fetched or stored."""

import segno

# A code made afresh on every request (the member card's signed, time-stamped token) takes a fixed mask:
# trying all eight for the one with the fewest scanner-confusing patterns is most of the encoding's cost
# (about 6 of 8 ms), and any mask is valid (ISO/IEC 18004 §7.8); on card tokens mask 2 scores within a few
# per cent of the best one's penalty. Codes that are shown once and printed keep the best mask.
FRESH_MASK = 2


def qr_data_uri(text: str, *, scale: int = 6, fresh: bool = False) -> str:
    qr = segno.make(text, error="m", mask=FRESH_MASK if fresh else None)
    return str(qr.svg_data_uri(scale=scale, dark="#111827"))
