"""The composition root: the one place that picks adapters and wires the use cases.

``bootstrap(settings, **overrides)`` chooses one adapter per port from the settings URLs and returns a
``Resumax`` holding every use case. Any dependency can be passed by keyword instead (tests pass fakes):
``uow``, ``blobs``, ``queue``, ``parser``, ``renderer``, ``llm``, ``clock``, ``ids``, ``mailer``,
``limiter``, ``hasher``, ``tokens``, ``secrets_source``, ``blob_links``. Adapter modules are
imported only when chosen, so the embedded default never imports a production client library.
Nothing connects here: engines and queues connect on first use.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

from attrs import define

from resumax_adapters.observability import (
    MeteredDocumentParser,
    TracedLanguageModel,
    TracingTaskQueue,
    observed_task_handler,
)
from resumax_adapters.settings import Settings
from resumax_core.errors import InvalidInput
from resumax_core.ports import (
    BlobLinks,
    BlobStore,
    Clock,
    DocumentParser,
    DocumentRenderer,
    IdGenerator,
    LanguageModel,
    Mailer,
    PasswordHasher,
    RateLimiter,
    SecretGenerator,
    TaskHandler,
    TaskQueue,
    TokenService,
    UnitOfWorkFactory,
)
from resumax_core.use_cases.accounts import (
    AccountKit,
    AuthConfig,
    Authenticate,
    ChangePassword,
    ConfirmPasswordReset,
    Login,
    Logout,
    RefreshSession,
    RegisterUser,
    RequestPasswordReset,
    ResendVerification,
    VerifyEmail,
)
from resumax_core.use_cases.documents import ParseDocument, RenderDocument
from resumax_core.use_cases.exports import CreateExport, GetExportDownload, ListExports
from resumax_core.use_cases.job_descriptions import (
    AddJobDescriptionFile,
    AnalyzeJob,
    CreateJobDescription,
    DeleteJobDescription,
    GetJobDescription,
    ListJobDescriptions,
    UpdateJobDescription,
)
from resumax_core.use_cases.one_shot import OptimizeParsedResume, OptimizeResumeFile
from resumax_core.use_cases.optimization import (
    GetOptimization,
    ListOptimizations,
    ReconcileOptimizations,
    RequestOptimization,
    RunOptimization,
)
from resumax_core.use_cases.password_policy import PasswordPolicy
from resumax_core.use_cases.resumes import (
    AddResume,
    CreateResumeUpload,
    DeleteResume,
    GetResume,
    ListResumes,
    ParseStoredResume,
    RenameResume,
    StartResumeParse,
)
from resumax_core.use_cases.tailoring import TailorResume
from resumax_core.use_cases.tasks import PARSE_RESUME, RUN_OPTIMIZATION, TaskDispatcher
from resumax_core.use_cases.users import DeleteAccount, GetProfile, ListAuditEvents, UpdateProfile
from resumax_core.use_cases.versions import AcceptChanges, GetVersion, ListVersions, PreviewChanges


@define
class Resumax:
    """resuMAX, wired: every use case, plus what the shells need to start and stop it.

    Use as ``async with bootstrap(settings) as app:`` (or call ``start``/``close``): starting migrates an
    embedded SQLite database to the latest schema; closing stops the in-process worker and the database.
    """

    settings: Settings
    uow: UnitOfWorkFactory
    blobs: BlobStore
    queue: TaskQueue
    dispatcher: TaskDispatcher
    clock: Clock
    ids: IdGenerator
    engine_name: str
    mailer: Mailer
    limiter: RateLimiter
    blob_links: BlobLinks[Any] | None
    """The store's app-served signed links (local disk, memory); None when the store signs its own URLs."""
    register_user: RegisterUser
    verify_email: VerifyEmail
    resend_verification: ResendVerification
    login: Login
    refresh_session: RefreshSession
    logout: Logout
    authenticate: Authenticate
    request_password_reset: RequestPasswordReset
    confirm_password_reset: ConfirmPasswordReset
    change_password: ChangePassword
    get_profile: GetProfile
    update_profile: UpdateProfile
    delete_account: DeleteAccount
    list_audit_events: ListAuditEvents
    parse_document: ParseDocument
    render_document: RenderDocument
    analyze_job: AnalyzeJob
    tailor: TailorResume
    optimize_file: OptimizeResumeFile
    optimize_parsed: OptimizeParsedResume
    create_resume_upload: CreateResumeUpload
    start_resume_parse: StartResumeParse
    parse_stored_resume: ParseStoredResume
    add_resume: AddResume
    list_resumes: ListResumes
    get_resume: GetResume
    rename_resume: RenameResume
    delete_resume: DeleteResume
    create_job_description: CreateJobDescription
    add_job_description_file: AddJobDescriptionFile
    list_job_descriptions: ListJobDescriptions
    get_job_description: GetJobDescription
    update_job_description: UpdateJobDescription
    delete_job_description: DeleteJobDescription
    request_optimization: RequestOptimization
    run_optimization: RunOptimization
    get_optimization: GetOptimization
    list_optimizations: ListOptimizations
    reconcile_optimizations: ReconcileOptimizations
    preview_changes: PreviewChanges
    accept_changes: AcceptChanges
    list_versions: ListVersions
    get_version: GetVersion
    create_export: CreateExport
    get_export_download: GetExportDownload
    list_exports: ListExports
    _closers: list[Any]
    _migrate: bool

    async def start(self) -> None:
        """Prepare the stores: migrate an embedded database to the latest schema."""
        if self._migrate:
            from resumax_adapters.sql.migrate import upgrade_database_async

            await upgrade_database_async(self.settings.resolved_database_url)

    async def close(self) -> None:
        """Let running background jobs finish, then release connections."""
        for closer in reversed(self._closers):
            await closer()
        self._closers.clear()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


def _scheme(url: str) -> str:
    return urlsplit(url).scheme.split("+")[0].lower()


def _local_path(url: str) -> Path:
    parts = urlsplit(url)
    return Path(parts.netloc + parts.path) if parts.netloc not in ("", "localhost") else Path(parts.path)


def signing_key(settings: Settings) -> bytes:
    """The secret that signs links and tokens: configured, or generated once into the data dir (0600)."""
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value().encode()
    path = settings.data_dir / "secret.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(secrets.token_urlsafe(48))
        tmp.chmod(0o600)
        tmp.replace(path)
    return path.read_text().strip().encode()


def _unit_of_work(settings: Settings, closers: list[Any]) -> tuple[UnitOfWorkFactory, bool]:
    url = settings.resolved_database_url
    scheme = _scheme(url)
    if scheme == "memory":
        from resumax_adapters.memory.unit_of_work import InMemoryStore, InMemoryUnitOfWorkFactory

        return InMemoryUnitOfWorkFactory(InMemoryStore()), False
    if scheme in ("sqlite", "postgresql"):
        from resumax_adapters.sql.engine import create_engine
        from resumax_adapters.sql.unit_of_work import SqlUnitOfWorkFactory

        engine = create_engine(url)
        closers.append(engine.dispose)
        return SqlUnitOfWorkFactory(engine), scheme == "sqlite"
    raise InvalidInput(f"RESUMAX_DATABASE_URL: unsupported database {scheme!r} (use sqlite or postgresql).")


def _blob_store(settings: Settings, clock: Clock, closers: list[Any]) -> BlobStore:
    url = settings.resolved_storage_url
    scheme = _scheme(url)
    if scheme == "file":
        from resumax_adapters.storage.local import LocalBlobStore

        return LocalBlobStore(
            _local_path(url), signing_key=signing_key(settings), base_url=settings.base_url, clock=clock
        )
    if scheme == "memory":
        from resumax_adapters.memory.blob_store import InMemoryBlobStore

        return InMemoryBlobStore(signing_key=signing_key(settings), base_url=settings.base_url, clock=clock)
    if scheme == "s3":
        from resumax_adapters.storage.s3 import S3BlobStore

        try:
            store = S3BlobStore.from_url(url, clock=clock, endpoint_url=settings.s3_endpoint_url)
        except ValueError as exc:
            raise InvalidInput(f"RESUMAX_STORAGE_URL: {exc}") from exc
        closers.append(store.aclose)
        return store
    raise InvalidInput(
        f"RESUMAX_STORAGE_URL: unsupported storage {scheme!r} (use file://, s3://bucket/prefix or memory://)."
    )


def _app_served_links(blobs: BlobStore) -> BlobLinks[Any] | None:
    """The blob store itself when its links point at the app (``/blobs/...``), else None (e.g. S3)."""
    return blobs if isinstance(blobs, BlobLinks) else None


def _task_queue(settings: Settings, handler: TaskHandler, closers: list[Any]) -> TaskQueue:
    scheme = _scheme(settings.queue_url)
    if scheme == "inprocess":
        from resumax_adapters.queue.inprocess import InProcessTaskQueue

        queue = InProcessTaskQueue(handler, concurrency=settings.worker_concurrency)
        closers.append(queue.stop)
        return queue
    if scheme == "immediate":
        from resumax_adapters.memory.task_queue import ImmediateTaskQueue

        return ImmediateTaskQueue(handler)
    if scheme in ("redis", "rediss", "unix"):
        from resumax_adapters.queue.rq import RqTaskQueue

        rq_queue = RqTaskQueue.from_url(settings.queue_url, job_timeout=settings.job_timeout_seconds)
        closers.append(rq_queue.aclose)
        return rq_queue
    raise InvalidInput(
        f"RESUMAX_QUEUE_URL: unsupported queue {scheme!r} (use inprocess://, redis://… or immediate://)."
    )


def _rate_limiter(settings: Settings, clock: Clock, closers: list[Any]) -> RateLimiter:
    """Redis when ``RESUMAX_RATE_LIMIT_URL`` names it (or, unset, when the queue is on Redis), so limits
    hold across API processes; otherwise in this process."""
    url = settings.rate_limit_url
    if url is None and _scheme(settings.queue_url) in ("redis", "rediss", "unix"):
        url = settings.queue_url
    if url is not None and _scheme(url) in ("redis", "rediss", "unix"):
        from resumax_adapters.ratelimit.redis import RedisRateLimiter

        limiter = RedisRateLimiter.from_url(url)
        closers.append(limiter.aclose)
        return limiter
    if url is not None and _scheme(url) != "memory":
        raise InvalidInput("RESUMAX_RATE_LIMIT_URL: use redis://… or memory://.")
    from resumax_adapters.memory.rate_limiter import InMemoryRateLimiter

    return InMemoryRateLimiter(clock)


def _language_model(settings: Settings, closers: list[Any]) -> LanguageModel:
    """``offline`` (the default), or any litellm model name with optional fallbacks.

    The whole engine budget stays below the job timeout, so a slow provider fails the job with a code
    instead of the queue killing it.
    """
    if settings.llm == "offline":
        from resumax_adapters.llm.offline import OfflineLanguageModel

        return OfflineLanguageModel()
    from resumax_adapters.llm.litellm_engine import DEFAULT_BUDGET_SECONDS, LiteLLMLanguageModel

    budget = min(DEFAULT_BUDGET_SECONDS, settings.job_timeout_seconds * 0.8)
    engine = LiteLLMLanguageModel(
        model=settings.llm,
        fallbacks=settings.llm_fallbacks,
        api_base=settings.llm_api_base,
        timeout_seconds=min(settings.llm_timeout_seconds, budget),
        budget_seconds=budget,
    )
    closers.append(engine.aclose)
    return engine


def _mailer(settings: Settings, clock: Clock) -> Mailer:
    scheme = _scheme(settings.mail_url)
    if scheme == "outbox":
        from resumax_adapters.email.outbox import OutboxMailer

        return OutboxMailer(settings.outbox_dir, sender=settings.mail_from, clock=clock)
    if scheme in ("smtp", "smtps"):
        from resumax_adapters.email.smtp import SmtpMailer

        return SmtpMailer.from_url(settings.mail_url, clock=clock)
    if scheme == "memory":
        from resumax_adapters.memory.mailer import InMemoryMailer

        return InMemoryMailer()
    raise InvalidInput(
        f"RESUMAX_MAIL_URL: unsupported mailer {scheme!r} (use outbox://, smtp:// or smtps://)."
    )


def _account_kit(
    settings: Settings,
    uow: UnitOfWorkFactory,
    *,
    clock: Clock,
    ids: IdGenerator,
    mailer: Mailer,
    limiter: RateLimiter,
    hasher: PasswordHasher | None,
    tokens: TokenService | None,
    secrets_source: SecretGenerator | None,
) -> AccountKit:
    from resumax_adapters.security.argon2 import Argon2PasswordHasher
    from resumax_adapters.security.common_passwords import load_common_passwords
    from resumax_adapters.security.jwt import JwtTokenService
    from resumax_adapters.system.clock import SystemSecrets

    jwt_secret = hashlib.sha256(b"resumax-jwt:" + signing_key(settings)).digest()
    return AccountKit(
        uow,
        hasher
        or Argon2PasswordHasher(time_cost=settings.argon2_time_cost, memory_cost=settings.argon2_memory_kib),
        tokens
        or JwtTokenService(
            secret=jwt_secret, issuer=settings.jwt_issuer, audience=settings.jwt_audience, clock=clock
        ),
        mailer,
        limiter,
        PasswordPolicy(load_common_passwords()),
        clock,
        ids,
        secrets_source or SystemSecrets(),
        AuthConfig(
            base_url=settings.base_url,
            access_ttl_seconds=settings.access_token_ttl_seconds,
            refresh_ttl_seconds=settings.refresh_token_ttl_seconds,
            session_max_age_seconds=settings.session_max_age_seconds,
        ),
    )


def _parser(settings: Settings, closers: list[Any]) -> DocumentParser:
    from resumax_adapters.parsing.standard import StandardDocumentParser

    parser = StandardDocumentParser(max_bytes=settings.max_upload_bytes, max_pages=settings.max_pages)
    closers.insert(0, parser.aclose)  # closed last, after the queue has drained its jobs
    return parser


def _renderer(clock: Clock) -> DocumentRenderer:
    from resumax_adapters.rendering.standard import StandardDocumentRenderer

    return StandardDocumentRenderer(clock=clock)


def bootstrap(
    settings: Settings | None = None,
    *,
    uow: UnitOfWorkFactory | None = None,
    blobs: BlobStore | None = None,
    queue: TaskQueue | None = None,
    parser: DocumentParser | None = None,
    renderer: DocumentRenderer | None = None,
    llm: LanguageModel | None = None,
    clock: Clock | None = None,
    ids: IdGenerator | None = None,
    mailer: Mailer | None = None,
    limiter: RateLimiter | None = None,
    hasher: PasswordHasher | None = None,
    tokens: TokenService | None = None,
    secrets_source: SecretGenerator | None = None,
    blob_links: BlobLinks[Any] | None = None,
) -> Resumax:
    """Wire resuMAX from ``settings`` (default: ``Settings.from_env()``); keyword arguments override."""
    from resumax_adapters.system.clock import SystemClock, UuidGenerator

    settings = settings or Settings.from_env()
    closers: list[Any] = []
    clock = clock or SystemClock()
    ids = ids or UuidGenerator()
    migrate = False
    if uow is None:
        uow, migrate = _unit_of_work(settings, closers)
    blobs = blobs or _blob_store(settings, clock, closers)
    dispatcher = TaskDispatcher()
    queue = queue or _task_queue(settings, observed_task_handler(dispatcher), closers)
    traced_queue = TracingTaskQueue(queue)
    parser = MeteredDocumentParser(parser or _parser(settings, closers))
    renderer = renderer or _renderer(clock)
    llm = TracedLanguageModel(llm or _language_model(settings, closers))
    max_attempts = settings.job_max_retries + 1
    mailer = mailer or _mailer(settings, clock)
    limiter = limiter or _rate_limiter(settings, clock, closers)
    kit = _account_kit(
        settings,
        uow,
        clock=clock,
        ids=ids,
        mailer=mailer,
        limiter=limiter,
        hasher=hasher,
        tokens=tokens,
        secrets_source=secrets_source,
    )

    parse_document = ParseDocument(parser, max_bytes=settings.max_upload_bytes)
    create_job = CreateJobDescription(uow, clock, ids)
    render_document = RenderDocument(renderer, parser)
    tailor = TailorResume(llm, clock)
    analyze_job = AnalyzeJob()
    optimize_parsed = OptimizeParsedResume(tailor, render_document, clock)
    parse_stored_resume = ParseStoredResume(uow, blobs, parse_document, clock)
    run_optimization = RunOptimization(
        uow, tailor, clock, max_attempts=max_attempts, mailer=mailer, base_url=settings.base_url
    )

    async def _parse_task(args: Any) -> None:
        await parse_stored_resume.execute(args["user_id"], args["resume_id"])

    async def _optimize_task(args: Any) -> None:
        await run_optimization.execute(args["user_id"], args["optimization_id"])

    dispatcher.register(PARSE_RESUME, _parse_task)
    dispatcher.register(RUN_OPTIMIZATION, _optimize_task)

    return Resumax(
        settings=settings,
        uow=uow,
        blobs=blobs,
        queue=queue,
        dispatcher=dispatcher,
        clock=clock,
        ids=ids,
        engine_name=llm.name,
        mailer=mailer,
        limiter=kit.limiter,
        blob_links=blob_links or _app_served_links(blobs),
        register_user=RegisterUser(kit),
        verify_email=VerifyEmail(kit),
        resend_verification=ResendVerification(kit),
        login=Login(kit),
        refresh_session=RefreshSession(kit),
        logout=Logout(kit),
        authenticate=Authenticate(kit),
        request_password_reset=RequestPasswordReset(kit),
        confirm_password_reset=ConfirmPasswordReset(kit),
        change_password=ChangePassword(kit),
        get_profile=GetProfile(kit),
        update_profile=UpdateProfile(kit),
        delete_account=DeleteAccount(kit, blobs),
        list_audit_events=ListAuditEvents(kit),
        parse_document=parse_document,
        render_document=render_document,
        analyze_job=analyze_job,
        tailor=tailor,
        optimize_file=OptimizeResumeFile(parse_document, analyze_job, optimize_parsed),
        optimize_parsed=optimize_parsed,
        create_resume_upload=CreateResumeUpload(
            uow,
            blobs,
            clock,
            ids,
            max_bytes=settings.max_upload_bytes,
            url_ttl_seconds=settings.upload_url_ttl_seconds,
        ),
        start_resume_parse=StartResumeParse(uow, blobs, traced_queue, clock),
        parse_stored_resume=parse_stored_resume,
        add_resume=AddResume(uow, blobs, parse_document, clock, ids),
        list_resumes=ListResumes(uow),
        get_resume=GetResume(uow),
        rename_resume=RenameResume(uow, clock),
        delete_resume=DeleteResume(uow, blobs, clock),
        create_job_description=create_job,
        add_job_description_file=AddJobDescriptionFile(uow, create_job, parse_document),
        list_job_descriptions=ListJobDescriptions(uow),
        get_job_description=GetJobDescription(uow),
        update_job_description=UpdateJobDescription(uow, clock),
        delete_job_description=DeleteJobDescription(uow, clock),
        request_optimization=RequestOptimization(
            uow,
            traced_queue,
            clock,
            ids,
            max_active=settings.max_active_optimizations_per_user,
            max_retries=settings.job_max_retries,
        ),
        run_optimization=run_optimization,
        get_optimization=GetOptimization(uow),
        list_optimizations=ListOptimizations(uow),
        reconcile_optimizations=ReconcileOptimizations(
            uow,
            traced_queue,
            clock,
            stale_after=timedelta(seconds=settings.job_timeout_seconds * 2),
            max_attempts=max_attempts,
            max_retries=settings.job_max_retries,
        ),
        preview_changes=PreviewChanges(uow, clock),
        accept_changes=AcceptChanges(uow, clock, ids),
        list_versions=ListVersions(uow),
        get_version=GetVersion(uow),
        create_export=CreateExport(
            uow,
            blobs,
            render_document,
            clock,
            ids,
            artifact_ttl_seconds=settings.export_ttl_seconds,
            url_ttl_seconds=settings.download_url_ttl_seconds,
        ),
        list_exports=ListExports(uow),
        get_export_download=GetExportDownload(
            uow, blobs, clock, url_ttl_seconds=settings.download_url_ttl_seconds
        ),
        closers=closers,
        migrate=migrate,
    )


def upgrade_database(settings: Settings, revision: str = "head") -> None:
    """Migrate the configured database up to ``revision`` (Alembic)."""
    from resumax_adapters.sql.migrate import upgrade_database as upgrade

    upgrade(settings.resolved_database_url, revision)


def downgrade_database(settings: Settings, revision: str) -> None:
    """Migrate the configured database down to ``revision`` (``base`` empties it)."""
    from resumax_adapters.sql.migrate import downgrade_database as downgrade

    downgrade(settings.resolved_database_url, revision)


def database_revision(settings: Settings) -> str | None:
    """The configured database's current schema revision, or None when it has none."""
    from resumax_adapters.sql.migrate import current_revision

    return current_revision(settings.resolved_database_url)
