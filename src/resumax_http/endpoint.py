"""How a route is declared: its documentation, its access rule, its throttle, and the parsed input.

A route handler is ``async def handler(call: Call) -> Response`` decorated with ``@endpoint(Operation(...))``.
The decorator enforces what the operation declares before the handler runs (a valid access token unless
the operation is public, the throttle) and attaches the operation to the function so ``openapi.py`` can
describe it. Handlers then parse input through ``call`` (one pydantic model each), call one use case,
and map its result to a response model.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Literal, TypeVar

from attrs import field, frozen
from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import Response

from resumax_adapters import Resumax, Settings
from resumax_core.entities import User
from resumax_core.errors import NotFound, Unavailable
from resumax_http.auth import authenticated_user
from resumax_http.config import ApiConfig
from resumax_http.errors import ApiError, validation_error
from resumax_http.schemas.common import ID_PATTERN, QueryModel, RequestModel

M = TypeVar("M", bound=RequestModel)
Q = TypeVar("Q", bound=QueryModel)
OPERATION_ATTR = "__resumax_operation__"
_ID = re.compile(ID_PATTERN)

ThrottleName = Literal["auth", "optimize"]


@frozen
class Raw:
    """A documented response that is not a JSON model: its media types and a schema for the body."""

    media_types: tuple[str, ...]
    schema: Mapping[str, Any] = field(factory=lambda: {"type": "string"})
    description: str = ""


ResponseSpec = type[BaseModel] | Raw | None
"""A JSON model, a non-JSON body, or None for an empty body."""


@frozen
class Operation:
    """What a route does, for people (summary, description, tag) and for the machinery.

    ``auth``: a valid access token is required (the default). ``body``: the JSON request model (or a
    hand-written ``body_schema`` for the media types ``body_media`` of uploads; an operation with both
    takes either). ``query``: the query-string
    model. ``responses``: status → ResponseSpec; errors are documented for every route. ``throttle``: a
    rate limit applied before the handler. ``idempotent``: accepts an ``Idempotency-Key`` header.
    """

    summary: str
    tag: str
    responses: Mapping[int, ResponseSpec]
    auth: bool = True
    body: type[RequestModel] | None = None
    body_required: bool = True
    body_media: tuple[str, ...] = ("application/json",)
    body_schema: Mapping[str, Any] | None = None
    query: type[QueryModel] | None = None
    throttle: ThrottleName | None = None
    idempotent: bool = False
    description: str = ""


def resumax_of(request: Request) -> Resumax:
    app = getattr(request.app.state, "resumax", None)
    if not isinstance(app, Resumax):
        raise Unavailable("resuMAX is starting or stopping; try again shortly.")
    return app


def config_of(request: Request) -> ApiConfig:
    config = getattr(request.app.state, "api_config", None)
    return config if isinstance(config, ApiConfig) else ApiConfig()


def client_address(request: Request) -> str:
    """The peer address the server saw (run uvicorn with --proxy-headers behind a trusted proxy)."""
    return request.client.host if request.client else "unknown"


def is_id(value: str) -> bool:
    """True for the shape of a record id (``ID_PATTERN``): anything else cannot name a record."""
    return _ID.fullmatch(value) is not None


class Call:
    """One request to one endpoint: the wired app, the caller, and typed access to the input."""

    def __init__(self, request: Request, config: ApiConfig, operation: Operation) -> None:
        self.request, self.config, self.operation = request, config, operation
        self._user: User | None = None

    @property
    def app(self) -> Resumax:
        """The running resuMAX (Unavailable while the app starts or stops)."""
        return resumax_of(self.request)

    @property
    def settings(self) -> Settings:
        return self.app.settings

    async def authenticate(self) -> None:
        """Identify the caller from the access token (Unauthorized when it is missing or invalid)."""
        self._user = await authenticated_user(self.request, self.app)

    @property
    def user(self) -> User:
        if self._user is None:
            raise RuntimeError("a public endpoint has no user")
        return self._user

    def path_id(self, name: str) -> str:
        """A record id from the path; NotFound when it cannot be one (it could name no record)."""
        value = str(self.request.path_params[name])
        if not is_id(value):
            raise NotFound()
        return value

    async def body(self, model: type[M]) -> M:
        """The JSON body as ``model`` (which must be the operation's): 415 for another media type,
        400 for malformed JSON, 422 naming the fields that are wrong or unknown."""
        if model is not self.operation.body:
            raise RuntimeError(f"{model.__name__} is not the declared body of this operation")
        raw = await self.request.body()
        if not raw.strip():
            if self.operation.body_required:
                raise ApiError(
                    "invalid_input", "A JSON body is required.", details={"field": "body", "fields": {}}
                )
            raw = b"{}"
        else:
            media = self.request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media != "application/json" and not media.endswith("+json"):
                raise ApiError("unsupported_media_type", "Send the body as application/json.")
        try:
            return model.model_validate_json(raw)
        except ValidationError as exc:
            raise validation_error(exc) from None

    def query(self, model: type[Q]) -> Q:
        """The query string as ``model`` (the operation's); 422 naming the parameters that are wrong."""
        if model is not self.operation.query:
            raise RuntimeError(f"{model.__name__} is not the declared query of this operation")
        values: dict[str, Any] = {key: value for key, value in self.request.query_params.items()}
        try:
            return model.model_validate(values)
        except ValidationError as exc:
            raise validation_error(exc, location="query") from None


Handler = Callable[[Call], Awaitable[Response]]
Endpoint = Callable[[Request], Awaitable[Response]]


async def _throttle(call: Call, name: ThrottleName) -> None:
    if name == "auth":
        rule, key = call.config.auth_per_ip, f"http:auth:ip:{client_address(call.request)}"
    else:
        rule, key = call.config.optimize_per_user, f"http:optimize:user:{call.user.id}"
    await call.app.limiter.hit(key, limit=rule.limit, window_seconds=rule.window_seconds)


def endpoint(operation: Operation) -> Callable[[Handler], Endpoint]:
    """Turn ``handler`` into a Starlette endpoint that authenticates and throttles as declared."""

    def decorate(handler: Handler) -> Endpoint:
        @functools.wraps(handler)
        async def run(request: Request) -> Response:
            call = Call(request, config_of(request), operation)
            if operation.auth:
                await call.authenticate()
            if operation.throttle is not None:
                await _throttle(call, operation.throttle)
            return await handler(call)

        setattr(run, OPERATION_ATTR, operation)
        return run

    return decorate


def operation_of(endpoint_function: object) -> Operation | None:
    found = getattr(endpoint_function, OPERATION_ATTR, None)
    return found if isinstance(found, Operation) else None


def json_response(
    model: BaseModel, status_code: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    """A model as a JSON response (camelCase, as the response models serialise)."""
    return Response(
        model.model_dump_json(), status_code=status_code, media_type="application/json", headers=headers
    )


def no_content() -> Response:
    return Response(status_code=204)
