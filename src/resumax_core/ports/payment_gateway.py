"""Taking payments for credits (feature-flagged; Stripe in production).

Contract: ``verify_webhook`` checks the signature over the raw body with a bounded clock tolerance and
returns the event, or raises InvalidInput; it never trusts an unsigned body.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from attrs import frozen


@frozen
class CheckoutSession:
    id: str
    url: str


@frozen
class PaymentEvent:
    id: str
    type: str
    user_id: str | None
    credits: int
    payload: Mapping[str, Any]


class PaymentGateway(Protocol):
    async def create_checkout(
        self, user_id: str, credits: int, *, success_url: str, cancel_url: str
    ) -> CheckoutSession: ...

    def verify_webhook(self, payload: bytes, signature: str) -> PaymentEvent: ...
