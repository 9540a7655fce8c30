"""Job description routes: paste or upload, list, read, update, delete."""

from __future__ import annotations

from starlette.responses import Response

from resumax_core.use_cases.job_descriptions import JOB_FILE_TYPES
from resumax_http.endpoint import Call, Operation, endpoint, json_response, no_content
from resumax_http.schemas.jobs import (
    JobCreatedOut,
    JobCreateIn,
    JobDetailOut,
    JobListOut,
    JobOut,
    JobUpdateIn,
    JobUploadFieldsIn,
)
from resumax_http.uploads import form_schema, is_multipart, read_upload

TAG = "job-descriptions"


UPLOAD_FORM_SCHEMA = form_schema(
    f"The posting as {JOB_FILE_TYPES}.", {"title": 500, "company": 500, "location": 500}
)


@endpoint(
    Operation(
        summary="Add a job description",
        description="Paste the text as JSON, or upload the posting as a multipart form with `file` "
        f"({JOB_FILE_TYPES}; an upload needs a confirmed email). The text is sanitised and analysed "
        "(title, company, seniority, required and preferred skills); a missing title, company or location "
        "is read from it.",
        tag=TAG,
        body=JobCreateIn,
        body_media=("multipart/form-data",),
        body_schema=UPLOAD_FORM_SCHEMA,
        responses={201: JobCreatedOut},
    )
)
async def create_job(call: Call) -> Response:
    if is_multipart(call):
        file, fields = await read_upload(call, JobUploadFieldsIn, noun="job description", default_name="job")
        job = await call.app.add_job_description_file.execute(
            call.user.id,
            file.filename,
            file.data,
            title=fields.title,
            company=fields.company,
            location=fields.location,
        )
    else:
        body = await call.body(JobCreateIn)
        job = await call.app.create_job_description.execute(
            call.user.id, body.text, title=body.title, company=body.company, location=body.location
        )
    return json_response(JobCreatedOut.of(job), 201)


@endpoint(Operation(summary="Your job descriptions", tag=TAG, responses={200: JobListOut}))
async def list_jobs(call: Call) -> Response:
    jobs = await call.app.list_job_descriptions.execute(call.user.id)
    return json_response(JobListOut(items=[JobOut.of(job) for job in jobs]))


@endpoint(
    Operation(
        summary="One job description with its sanitised text and analysis",
        tag=TAG,
        responses={200: JobDetailOut},
    )
)
async def get_job(call: Call) -> Response:
    job = await call.app.get_job_description.execute(call.user.id, call.path_id("jobDescriptionId"))
    return json_response(JobDetailOut.of(job))


@endpoint(
    Operation(
        summary="Rename or correct a job description",
        description="Title, company and location; the text stays as analysed.",
        tag=TAG,
        body=JobUpdateIn,
        responses={200: JobDetailOut},
    )
)
async def update_job(call: Call) -> Response:
    body = await call.body(JobUpdateIn)
    job = await call.app.update_job_description.execute(
        call.user.id,
        call.path_id("jobDescriptionId"),
        title=body.title,
        company=body.company,
        location=body.location,
    )
    return json_response(JobDetailOut.of(job))


@endpoint(Operation(summary="Delete a job description", tag=TAG, responses={204: None}))
async def delete_job(call: Call) -> Response:
    await call.app.delete_job_description.execute(call.user.id, call.path_id("jobDescriptionId"))
    return no_content()
