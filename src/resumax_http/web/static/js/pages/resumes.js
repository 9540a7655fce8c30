// Uploading a resume (presigned upload with progress, then parsing) and one resume's details.

import { ApiError, api, seg, uploadFile } from "../api.js";
import { append, el, replace, setTitle } from "../dom.js";
import { formatBytes, formatScore } from "../format.js";
import { serverMeta } from "../meta.js";
import { updateQuery } from "../router.js";
import { documentView } from "../components/document.js";
import { field, formError, onSubmit, showErrors } from "../components/forms.js";
import { DEFAULT_MAX_BYTES, RESUME_TYPES, dropZone, extensionOf } from "../components/upload.js";
import { linkButton, pageHeader, panel, statusBadge, time } from "../components/ui.js";

const PARSE_POLL_MS = 1000;
const PARSE_POLL_LIMIT = 180;

function wait(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(resolve, ms);
    if (signal) {
      signal.addEventListener("abort", () => {
        window.clearTimeout(timer);
        reject(new DOMException("Aborted", "AbortError"));
      }, { once: true });
    }
  });
}

/** Poll a resume until it is parsed or failed; `onStatus(resume)` after each read. */
async function waitForParse(resumeId, signal, onStatus) {
  for (let attempt = 0; attempt < PARSE_POLL_LIMIT; attempt += 1) {
    const resume = await api.get(`/resumes/${seg(resumeId)}`, { signal });
    onStatus(resume);
    if (resume.parseStatus === "completed" || resume.parseStatus === "failed") return resume;
    await wait(PARSE_POLL_MS, signal);
  }
  return null;
}

function parseOutcome(resume) {
  if (resume.parseStatus === "completed") {
    return el("div", { class: "banner banner-ok", role: "status" },
      el("p", {}, el("strong", {}, "Your resume is ready. "),
        `resuMAX found ${(resume.parsedSections && resume.parsedSections.sections || []).length} sections.`),
      el("div", { class: "form-actions" },
        linkButton(`/app?resume=${encodeURIComponent(resume.id)}`, "Optimize it for a job"),
        linkButton(`/app/resumes/${encodeURIComponent(resume.id)}`, "See what was read", { tone: "secondary" })));
  }
  return el("div", { class: "banner banner-bad", role: "alert" },
    el("p", {}, el("strong", {}, "resuMAX could not read this file. "),
      parseErrorMessage(resume.parseErrorCode)));
}

const PARSE_ERRORS = {
  empty_document: "The document is empty or has no readable text.",
  too_many_pages: "The document has too many pages for a resume.",
  encrypted_document: "The document is password-protected; export an unprotected copy.",
  corrupt_document: "The document is damaged or truncated.",
  no_text_layer: "The PDF is a scan with no text layer; export it from your editor as text-based PDF or DOCX.",
  unsafe_document: "The document's structure looks unsafe, so it was rejected.",
  parse_limit_exceeded: "Reading the document took too long.",
  unsupported_file_type: "This file type is not supported; use PDF, DOCX, TXT or Markdown.",
  file_type_mismatch: "The file's content does not match its extension.",
};

function parseErrorMessage(code) {
  return PARSE_ERRORS[code] || "Try another format (DOCX or text-based PDF).";
}

export async function uploadResumePage({ view, query, signal }) {
  setTitle("Upload a resume");
  const status = el("div", { class: "upload-status", "aria-live": "polite" });
  const zone = dropZone({ label: "Resume file", maxBytes: DEFAULT_MAX_BYTES });
  serverMeta().then((meta) => {
    if (Number.isInteger(meta.maxUploadBytes) && meta.maxUploadBytes > 0) zone.setMaxBytes(meta.maxUploadBytes);
  });
  const form = el("form", { class: "card form", novalidate: true },
    formError(),
    zone.element,
    field({ label: "Title (optional)", name: "title", hint: "How it appears in your lists; the file name is used when empty.", maxlength: 200 }),
    el("div", { class: "form-actions" },
      el("button", { type: "submit", class: "button button-primary" }, "Upload"),
      linkButton("/app", "Cancel", { tone: "ghost" })));

  onSubmit(form, async ({ title }) => {
    const file = zone.file;
    if (!file) {
      if (!zone.element.classList.contains("has-error")) zone.error("Choose a file to upload first.");
      zone.input.focus();
      return;
    }
    zone.error("");
    replace(status);
    try {
      const mimeType = RESUME_TYPES[extensionOf(file.name)];
      const presigned = await api.post("/resumes/presign", {
        filename: file.name, mimeType, size: file.size, ...(title.trim() ? { title: title.trim() } : {}),
      }, { signal });
      zone.progress(0);
      replace(status, el("p", {}, `Uploading ${file.name} (${formatBytes(file.size)})…`));
      await uploadFile(presigned, file, (fraction) => zone.progress(fraction));
      replace(status, el("p", {}, "Uploaded. Reading your resume…"));
      await api.post(`/resumes/${seg(presigned.resumeId)}/parse`, undefined, { signal });
      updateQuery({ resume: presigned.resumeId });
      const resume = await waitForParse(presigned.resumeId, signal, (current) => {
        replace(status, el("p", {}, "Status: ", statusBadge(current.parseStatus)));
      });
      if (resume) replace(status, parseOutcome(resume));
    } catch (error) {
      zone.progress(null);
      if (error && error.name === "AbortError") throw error;
      if (error instanceof ApiError && error.fields.title) {
        showErrors(form, error);
        return;
      }
      // Every other problem is about the file: say it right under the file control.
      let message = error instanceof ApiError ? error.message : "The upload failed. Try again.";
      if (error instanceof ApiError && error.details && error.details.reason === "email_not_verified") {
        message += " You can send the link again from the Confirm your email page.";
      }
      zone.error(message);
      zone.input.focus();
    }
  });

  append(view, el("div", { class: "narrow-wide" },
    pageHeader("Upload a resume", { lead: "resuMAX reads your resume's sections, skills and dates. Nothing is changed until you accept it." }),
    form, status));
  // After a reload the address still names the resume being read: pick its progress up again.
  const pending = query.get("resume");
  if (pending) {
    waitForParse(pending, signal, (current) => {
      replace(status, el("p", {}, "Status: ", statusBadge(current.parseStatus)));
    }).then((resume) => {
      if (resume) replace(status, parseOutcome(resume));
    }).catch((error) => {
      if (!error || error.name !== "AbortError") updateQuery({ resume: null });
    });
  }
}

export async function resumePage({ view, params, signal }) {
  const resume = await api.get(`/resumes/${seg(params.id)}`, { signal });
  setTitle(resume.title);
  const rename = el("form", { class: "form form-inline", novalidate: true },
    formError(),
    field({ label: "Title", name: "title", value: resume.title, required: true, maxlength: 200 }),
    el("div", { class: "form-actions" }, el("button", { type: "submit", class: "button button-secondary" }, "Rename")));
  const renamed = el("p", { role: "status", class: "status-line" });
  onSubmit(rename, async ({ title }) => {
    const updated = await api.patch(`/resumes/${seg(resume.id)}`, { title: title.trim() });
    setTitle(updated.title);
    view.querySelector("h1").textContent = updated.title;
    renamed.textContent = "Renamed.";
  });
  const facts = el("dl", { class: "facts" },
    el("dt", {}, "File"), el("dd", {}, `${resume.originalFilename} (${resume.sizeMb} MB)`),
    el("dt", {}, "Status"), el("dd", {}, statusBadge(resume.parseStatus),
      resume.parseStatus === "failed" ? el("span", { class: "error-text" }, " ", parseErrorMessage(resume.parseErrorCode)) : null),
    el("dt", {}, "Last score"), el("dd", {}, formatScore(resume.lastScore)),
    el("dt", {}, "Uploaded"), el("dd", {}, time(resume.createdAt)),
    el("dt", {}, "Updated"), el("dd", {}, time(resume.updatedAt)));
  append(view, 
    pageHeader(resume.title, {
      actions: resume.parseStatus === "completed"
        ? [linkButton(`/app?resume=${encodeURIComponent(resume.id)}`, "Optimize it for a job")] : [],
    }),
    el("div", { class: "grid-2" }, panel("Details", facts), panel("Rename", rename, renamed)),
    panel("What resuMAX read", resume.parsedSections ? documentView(resume.parsedSections)
      : el("p", { class: "muted" }, "Not read yet.")));
  const warnings = resume.parsedSections && resume.parsedSections.warnings;
  if (warnings && warnings.length) {
    append(view, panel("Warnings", el("ul", {}, warnings.map((warning) => el("li", {}, warning)))));
  }
}
