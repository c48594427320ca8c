"""Two deployments' keys for the national tier's tests: a lower one (四川, 510000) registered here."""

from dataclasses import dataclass

from gonghui.orgs.scope import SystemActor
from gonghui.reports.federation.models import PeerDeployment
from gonghui.reports.federation.services import peer_register
from gonghui.reports.federation.signing import generate_private_key_pem

SYSTEM = SystemActor("test")


@dataclass(frozen=True)
class Keys:
    code: str
    pem: str
    public: str


def keys(code: str) -> Keys:
    pem, public = generate_private_key_pem()
    return Keys(code, pem, public)


def registered(code: str = "510000", name: str = "四川省总工会") -> tuple[Keys, PeerDeployment]:
    k = keys(code)
    return k, peer_register(actor=SYSTEM, code=code, name=name, public_key=k.public)


def act_as(settings, k: Keys) -> None:
    """This process signs as deployment `k` from now on."""
    settings.GONGHUI_DEPLOYMENT_CODE = k.code
    settings.GONGHUI_DEPLOYMENT_KEY = k.pem
