"""The signed upload and download links of blob stores that do not serve files themselves.

Local-disk and in-memory stores sign links to these two routes (S3 signs its own and has none). The
token in the query is the whole authorisation: it names one storage key, one operation, an expiry, and a
size cap and content type (upload) or a download filename. The filename only ever reaches a header,
never a path.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import quote

from pydantic import Field
from starlette.requests import Request
from starlette.responses import Response

from resumax_core.errors import FileTooLarge, FileTypeMismatch, Forbidden, InvalidInput, NotFound
from resumax_core.ports import BlobGrant, BlobLinks
from resumax_core.ports.blob_links import DOWNLOAD, UPLOAD
from resumax_core.ports.document_parser import EXTENSION_MEDIA_TYPES
from resumax_http.endpoint import Call, Operation, Raw, endpoint, no_content
from resumax_http.schemas.common import QueryModel

TAG = "files"
UPLOAD_MEDIA_TYPES = tuple(dict.fromkeys(EXTENSION_MEDIA_TYPES.values()))
_BINARY: dict[str, Any] = {"type": "string", "format": "binary"}
_UNSAFE_FILENAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


class LinkQuery(QueryModel):
    token: str = Field(min_length=1, max_length=4096, description="The token of the signed link.")


def _links(call: Call) -> BlobLinks[Any]:
    if call.app.blob_links is None:
        raise NotFound()
    return call.app.blob_links


def _grant(call: Call, operation: str) -> tuple[BlobLinks[Any], BlobGrant]:
    links = _links(call)
    token = call.query(LinkQuery).token
    try:
        return links, links.verify_token(token, operation)
    except InvalidInput:
        raise Forbidden("This link is invalid or has expired.") from None


def _base_media_type(value: str | None) -> str:
    return (value or "").split(";")[0].strip().lower()


async def read_capped(request: Request, limit: int) -> bytes:
    """The request body, read as it streams in; FileTooLarge as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FileTooLarge(details={"maxBytes": limit})
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise FileTooLarge(details={"maxBytes": limit})
        chunks.append(chunk)
    return b"".join(chunks)


def content_disposition(filename: str) -> str:
    """An RFC 6266 attachment header: an ASCII fallback name and the exact name as RFC 5987 UTF-8."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    fallback = _UNSAFE_FILENAME_CHARS.sub("_", ascii_name).strip("._")[:150] or "download"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def download_media_type(filename: str) -> str:
    suffix = filename[filename.rfind(".") :].lower() if "." in filename else ""
    media = EXTENSION_MEDIA_TYPES.get(suffix, "application/octet-stream")
    return f"{media}; charset=utf-8" if media.startswith("text/") else media


@endpoint(
    Operation(
        summary="Upload a file through a signed link",
        description="The raw bytes as the body, with the Content-Type the link was made for; at most the "
        "link's maxBytes (413 beyond).",
        tag=TAG,
        auth=False,
        query=LinkQuery,
        body_media=UPLOAD_MEDIA_TYPES,
        body_schema=_BINARY,
        responses={204: None},
    )
)
async def upload_blob(call: Call) -> Response:
    links, grant = _grant(call, UPLOAD)
    expected = _base_media_type(grant.content_type)
    if _base_media_type(call.request.headers.get("content-type")) != expected:
        raise FileTypeMismatch(
            "The Content-Type does not match the one this upload link was made for.",
            details={"expected": expected},
        )
    data = await read_capped(call.request, grant.max_bytes or 0)
    await links.write_upload(grant, data)
    return no_content()


@endpoint(
    Operation(
        summary="Download a file through a signed link",
        tag=TAG,
        auth=False,
        query=LinkQuery,
        responses={200: Raw(media_types=(*UPLOAD_MEDIA_TYPES, "application/octet-stream"), schema=_BINARY)},
    )
)
async def download_blob(call: Call) -> Response:
    links, grant = _grant(call, DOWNLOAD)
    data = await links.read_download(grant)
    filename = grant.filename or "download"
    return Response(
        data,
        media_type=download_media_type(filename),
        headers={
            "Content-Disposition": content_disposition(filename),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )
