"""A union's join link (网上/扫码入会): a signed reference to the union, so that the links and the QR
codes printed from them cannot be enumerated or forged. It never expires, because posters stay on
walls for years; it is signed with SECRET_KEY, so keep the old key in SECRET_KEY_FALLBACKS when
rotating it or every printed code stops working."""

from django.core import signing

from gonghui.orgs.models import TradeUnion

_SALT = "gonghui.join"
# "." rather than the default ":" keeps the token plain in URLs and in QR scanners' link detection.
_SEP = "."


def join_token(union: TradeUnion) -> str:
    return signing.Signer(salt=_SALT, sep=_SEP).sign(str(union.pk))


def union_pk_from_join_token(token: str) -> int | None:
    try:
        value = signing.Signer(salt=_SALT, sep=_SEP).unsign(token)
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() else None
