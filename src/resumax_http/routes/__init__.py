"""The route table of the API: every path, method and handler in one place."""

from __future__ import annotations

from starlette.routing import Route

from resumax_http.routes import accounts, blobs, jobs, optimizations, resumes, system, users, versions


def api_routes() -> list[Route]:
    """Every route of the app, in the order the docs list them."""
    return [
        Route("/auth/register", accounts.register, methods=["POST"]),
        Route("/auth/login", accounts.login, methods=["POST"]),
        Route("/auth/refresh", accounts.refresh, methods=["POST"]),
        Route("/auth/logout", accounts.logout, methods=["POST"]),
        Route("/auth/verify", accounts.verify_email, methods=["POST"]),
        Route("/auth/verify/resend", accounts.resend_verification, methods=["POST"]),
        Route("/auth/password-reset/request", accounts.request_password_reset, methods=["POST"]),
        Route("/auth/password-reset/confirm", accounts.confirm_password_reset, methods=["POST"]),
        Route("/auth/password", accounts.change_password, methods=["POST"]),
        Route("/users/me", users.get_me, methods=["GET"]),
        Route("/users/me", users.update_me, methods=["PUT"]),
        Route("/users/me", users.delete_me, methods=["DELETE"]),
        Route("/users/me/audit", users.list_audit, methods=["GET"]),
        Route("/resumes/presign", resumes.presign, methods=["POST"]),
        Route("/resumes", resumes.list_resumes, methods=["GET"]),
        Route("/resumes", resumes.upload, methods=["POST"]),
        Route("/resumes/{resumeId}", resumes.get_resume, methods=["GET"]),
        Route("/resumes/{resumeId}", resumes.rename_resume, methods=["PATCH"]),
        Route("/resumes/{resumeId}", resumes.delete_resume, methods=["DELETE"]),
        Route("/resumes/{resumeId}/parse", resumes.parse, methods=["POST"]),
        Route("/blobs/upload", blobs.upload_blob, methods=["PUT"]),
        Route("/blobs/download", blobs.download_blob, methods=["GET"]),
        Route("/job-descriptions", jobs.list_jobs, methods=["GET"]),
        Route("/job-descriptions", jobs.create_job, methods=["POST"]),
        Route("/job-descriptions/{jobDescriptionId}", jobs.get_job, methods=["GET"]),
        Route("/job-descriptions/{jobDescriptionId}", jobs.update_job, methods=["PATCH"]),
        Route("/job-descriptions/{jobDescriptionId}", jobs.delete_job, methods=["DELETE"]),
        Route("/optimize", optimizations.list_optimizations, methods=["GET"]),
        Route("/optimize", optimizations.request_optimization, methods=["POST"]),
        Route("/optimize/{optimizationId}", optimizations.get_optimization, methods=["GET"]),
        Route("/optimize/{optimizationId}/events", optimizations.optimization_events, methods=["GET"]),
        Route("/optimize/{optimizationId}/preview", optimizations.preview_changes, methods=["POST"]),
        Route("/optimize/{optimizationId}/accept", optimizations.accept_changes, methods=["POST"]),
        Route("/versions", versions.list_versions, methods=["GET"]),
        Route("/versions/{versionId}", versions.get_version, methods=["GET"]),
        Route("/exports", versions.create_export, methods=["POST"]),
        Route("/exports/{exportId}", versions.get_export, methods=["GET"]),
        Route("/healthz", system.healthz, methods=["GET"]),
        Route("/readyz", system.readyz, methods=["GET"]),
        Route("/metrics", system.metrics, methods=["GET"]),
        Route("/meta", system.meta, methods=["GET"]),
        Route("/openapi.json", system.openapi_document, methods=["GET"]),
        Route("/docs", system.docs, methods=["GET"]),
        Route("/assets/docs.js", system.docs_script, methods=["GET"]),
        Route("/assets/docs.css", system.stylesheet, methods=["GET"]),
    ]
