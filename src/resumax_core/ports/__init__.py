"""The ports: what the core needs from the outside world, each a documented ``typing.Protocol``."""

from resumax_core.ports.blob_links import BlobGrant, BlobLinks
from resumax_core.ports.blob_store import BlobStore, PresignedUpload
from resumax_core.ports.clock import Clock, IdGenerator, SecretGenerator
from resumax_core.ports.document_parser import DocumentParser
from resumax_core.ports.document_renderer import DocumentRenderer
from resumax_core.ports.language_model import LanguageModel, Proposal, RewriteRequest, RewriteTask
from resumax_core.ports.mailer import EmailMessage, Mailer
from resumax_core.ports.password_hasher import PasswordHasher
from resumax_core.ports.payment_gateway import CheckoutSession, PaymentEvent, PaymentGateway
from resumax_core.ports.rate_limiter import RateLimiter
from resumax_core.ports.task_queue import TaskHandler, TaskQueue, TaskStatus
from resumax_core.ports.token_service import TokenService
from resumax_core.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory

__all__ = [
    "BlobGrant",
    "BlobLinks",
    "BlobStore",
    "CheckoutSession",
    "Clock",
    "DocumentParser",
    "DocumentRenderer",
    "EmailMessage",
    "IdGenerator",
    "LanguageModel",
    "Mailer",
    "PasswordHasher",
    "PaymentEvent",
    "PaymentGateway",
    "PresignedUpload",
    "Proposal",
    "RateLimiter",
    "RewriteRequest",
    "RewriteTask",
    "SecretGenerator",
    "TaskHandler",
    "TaskQueue",
    "TaskStatus",
    "TokenService",
    "UnitOfWork",
    "UnitOfWorkFactory",
]
