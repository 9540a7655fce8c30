// Adding a job description (pasted, or read from a text file in the browser) and what resuMAX read
// from one: title, company, seniority, required and preferred skills.

import { api, seg } from "../api.js";
import { append, el, setTitle } from "../dom.js";
import { navigate } from "../router.js";
import { field, formError, onSubmit } from "../components/forms.js";
import { dropZone } from "../components/upload.js";
import { linkButton, pageHeader, panel, time } from "../components/ui.js";

const JOB_TYPES = { ".txt": "text/plain", ".text": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown" };
const MAX_JOB_BYTES = 200_000;
const DRAFT_KEY = "resumax.jobDraft";

function saveDraft(values) {
  try { window.sessionStorage.setItem(DRAFT_KEY, JSON.stringify(values)); } catch { /* memory only */ }
}

function loadDraft() {
  try { return JSON.parse(window.sessionStorage.getItem(DRAFT_KEY) || "{}") || {}; } catch { return {}; }
}

function chips(items, tone) {
  if (!items || !items.length) return el("p", { class: "muted" }, "None found.");
  return el("ul", { class: `chips chips-${tone}` }, items.map((item) => el("li", {}, item)));
}

export async function newJobPage({ view }) {
  setTitle("Add a job description");
  const draft = loadDraft();
  const text = field({ label: "Job description", name: "text", type: "textarea", rows: 14, required: true,
    hint: "Paste the whole ad: requirements, nice-to-haves, responsibilities.", value: draft.text || "" });
  const textarea = text.querySelector("textarea");
  const zone = dropZone({
    label: "Or read it from a file",
    name: "jobFile",
    types: JOB_TYPES,
    maxBytes: MAX_JOB_BYTES,
    what: "job description",
    hint: "A .txt or .md file; its text goes into the box above so you can check it first.",
    onFile: async (file) => {
      try {
        textarea.value = await file.text();
        textarea.dispatchEvent(new Event("input"));
      } catch {
        zone.error("The file could not be read.");
      }
    },
  });
  const form = el("form", { class: "card form", novalidate: true },
    formError(),
    text,
    zone.element,
    el("fieldset", { class: "fieldset" },
      el("legend", {}, "Details (optional: read from the text when empty)"),
      el("div", { class: "grid-3" },
        field({ label: "Job title", name: "title", maxlength: 500, value: draft.title || "" }),
        field({ label: "Company", name: "company", maxlength: 500, value: draft.company || "" }),
        field({ label: "Location", name: "location", maxlength: 500, value: draft.location || "" }))),
    el("div", { class: "form-actions" },
      el("button", { type: "submit", class: "button button-primary" }, "Save job description"),
      linkButton("/app", "Cancel", { tone: "ghost" })));
  // Keep what was typed for a reload of this tab.
  form.addEventListener("input", () => {
    const values = {};
    for (const name of ["text", "title", "company", "location"]) values[name] = form.elements[name].value;
    saveDraft(values);
  });
  onSubmit(form, async (values) => {
    const body = { text: values.text };
    for (const name of ["title", "company", "location"]) {
      if (values[name].trim()) body[name] = values[name].trim();
    }
    const job = await api.post("/job-descriptions", body);
    try { window.sessionStorage.removeItem(DRAFT_KEY); } catch { /* nothing kept */ }
    navigate(`/app/jobs/${encodeURIComponent(job.id)}`);
  });
  append(view, el("div", { class: "narrow-wide" },
    pageHeader("Add a job description", { lead: "resuMAX reads the skills the job requires and prefers, and compares them with your resume." }),
    form));
}

export async function jobPage({ view, params, signal }) {
  const job = await api.get(`/job-descriptions/${seg(params.id)}`, { signal });
  setTitle(job.title);
  const analysis = (job.metadata && job.metadata.analysis) || {};
  const facts = el("dl", { class: "facts" },
    el("dt", {}, "Company"), el("dd", {}, job.company || "—"),
    el("dt", {}, "Location"), el("dd", {}, job.location || "—"),
    el("dt", {}, "Seniority"), el("dd", {}, analysis.seniority || "—"),
    el("dt", {}, "Experience"), el("dd", {}, analysis.minYears ? `${analysis.minYears}+ years` : "—"),
    el("dt", {}, "Added"), el("dd", {}, time(job.createdAt)));
  append(view, 
    pageHeader(job.title, {
      lead: job.company ? `${job.company}${job.location ? " · " + job.location : ""}` : undefined,
      actions: [linkButton(`/app?job=${encodeURIComponent(job.id)}`, "Optimize a resume for this job")],
    }),
    el("div", { class: "grid-2" },
      panel("Details", facts),
      panel("Skills the job asks for",
        el("h3", {}, "Required"), chips(analysis.requiredSkills, "need"),
        el("h3", {}, "Preferred"), chips(analysis.preferredSkills, "nice"))),
    panel("The text resuMAX analysed", el("pre", { class: "job-text" }, job.sanitizedText)));
}
