// The dashboard: resumes with their parse status and last score, job descriptions, optimizations,
// and the form that starts a new optimization.

import { api } from "../api.js";
import { reloadUser } from "../auth.js";
import { append, el, replace, setTitle } from "../dom.js";
import { formatScore } from "../format.js";
import { navigate, updateQuery } from "../router.js";
import { currentUser } from "../session.js";
import { confirmDelete } from "../components/confirm.js";
import { field, formError, onSubmit } from "../components/forms.js";
import { dataTable } from "../components/tables.js";
import { emptyState, linkButton, pageHeader, panel, statusBadge, time } from "../components/ui.js";

const POLL_MS = 1500;
const POLL_LIMIT = 200;

function verifyBanner(user) {
  if (!user || user.emailVerified) return null;
  return el("div", { class: "banner banner-warn", role: "note" },
    el("p", {}, el("strong", {}, "Confirm your email to upload resumes. "),
      "We sent a link to ", el("span", { class: "nowrap" }, user.email), ". ",
      el("a", { href: "/verify-email", "data-link": true }, "Where is it? Send it again")));
}

function resumesTable(resumes, reload) {
  if (!resumes.length) {
    return emptyState("No resumes yet. Upload one to get started.", linkButton("/app/resumes/new", "Upload a resume"));
  }
  return dataTable("Your resumes", [
    { label: "Resume" }, { label: "Status" }, { label: "Last score", className: "num" },
    { label: "Uploaded" }, { label: "Updated" }, { label: "Actions", className: "actions" },
  ], resumes.map((resume) => [
    el("span", { class: "stack" },
      el("a", { href: `/app/resumes/${encodeURIComponent(resume.id)}`, "data-link": true }, resume.title),
      el("span", { class: "muted small" }, resume.originalFilename)),
    statusBadge(resume.parseStatus),
    formatScore(resume.lastScore),
    time(resume.createdAt),
    time(resume.updatedAt),
    confirmDelete({
      label: `Delete ${resume.title}`,
      text: "Delete",
      title: "Delete this resume?",
      message: `“${resume.title}” and its file will be deleted. Versions made from it stay in your history.`,
      action: () => api.del(`/resumes/${encodeURIComponent(resume.id)}`),
      done: reload,
    }),
  ]));
}

function jobsTable(jobs, reload) {
  if (!jobs.length) {
    return emptyState("No job descriptions yet. Paste one from a job ad.", linkButton("/app/jobs/new", "Add a job description"));
  }
  return dataTable("Your job descriptions", [
    { label: "Job" }, { label: "Company" }, { label: "Added" }, { label: "Actions", className: "actions" },
  ], jobs.map((job) => [
    el("a", { href: `/app/jobs/${encodeURIComponent(job.id)}`, "data-link": true }, job.title),
    job.company || "—",
    time(job.createdAt),
    confirmDelete({
      label: `Delete ${job.title}`,
      text: "Delete",
      title: "Delete this job description?",
      message: `“${job.title}” will be deleted.`,
      action: () => api.del(`/job-descriptions/${encodeURIComponent(job.id)}`),
      done: reload,
    }),
  ]));
}

function optimizationsTable(optimizations, resumes, jobs) {
  if (!optimizations.length) return emptyState("No optimizations yet.");
  const resumeTitle = new Map(resumes.map((resume) => [resume.id, resume.title]));
  const jobTitle = new Map(jobs.map((job) => [job.id, job.title]));
  return dataTable("Your optimizations", [
    { label: "Optimization" }, { label: "Status" }, { label: "Score", className: "num" }, { label: "Started" },
  ], optimizations.map((item) => [
    el("a", { href: `/app/optimizations/${encodeURIComponent(item.id)}`, "data-link": true },
      `${resumeTitle.get(item.resumeId) || "Resume"} → ${jobTitle.get(item.jobDescriptionId) || "Job"}`),
    statusBadge(item.status),
    formatScore(item.alignmentScore),
    time(item.createdAt),
  ]));
}

function startForm(resumes, jobs, query) {
  const ready = resumes.filter((resume) => resume.parseStatus === "completed");
  if (!ready.length || !jobs.length) {
    return el("p", { class: "muted" }, !ready.length
      ? "Upload a resume and wait until it reads “Ready”, then add a job description."
      : "Add a job description to compare your resume with.");
  }
  const form = el("form", { class: "form form-inline", novalidate: true },
    formError(),
    field({ label: "Resume", name: "resumeId", type: "select", required: true, value: query.get("resume") || ready[0].id,
      options: ready.map((resume) => ({ value: resume.id, label: resume.title })) }),
    field({ label: "Job description", name: "jobDescriptionId", type: "select", required: true, value: query.get("job") || jobs[0].id,
      options: jobs.map((job) => ({ value: job.id, label: job.company ? `${job.title} — ${job.company}` : job.title })) }),
    el("div", { class: "form-actions" }, el("button", { type: "submit", class: "button button-primary" }, "Optimize")));
  // The choice lives in the address, so a reload keeps it.
  form.addEventListener("change", () => {
    updateQuery({ resume: form.elements.resumeId.value, job: form.elements.jobDescriptionId.value });
  });
  onSubmit(form, async ({ resumeId, jobDescriptionId }) => {
    const key = `web-${resumeId}-${jobDescriptionId}-${Date.now()}`;
    const started = await api.post("/optimize", { resumeId, jobDescriptionId }, { headers: { "Idempotency-Key": key } });
    navigate(`/app/optimizations/${encodeURIComponent(started.optimizationId)}`);
  });
  return form;
}

export async function dashboardPage({ view, query, signal }) {
  setTitle("Dashboard");
  let user = currentUser();
  if (user && !user.emailVerified) {
    try { user = await reloadUser(); } catch { /* keep what we had */ }
  }
  const resumesBox = el("div", {});
  const jobsBox = el("div", {});
  const optimizationsBox = el("div", {});
  const startBox = el("div", {});
  append(view, 
    pageHeader(user && user.name ? `Hello, ${user.name}` : "Dashboard", {
      lead: "Your resumes, the jobs you're aiming for, and how well they match.",
      actions: [linkButton("/app/resumes/new", "Upload a resume"), linkButton("/app/jobs/new", "Add a job description", { tone: "secondary" })],
    }),
    verifyBanner(user),
    panel("Start an optimization", startBox),
    panel("Resumes", resumesBox),
    panel("Job descriptions", jobsBox),
    panel("Optimizations", optimizationsBox));

  let polls = 0;
  const drawn = {};
  // Redraw a part only when its data changed, so polling never steals focus or a half-made choice.
  function draw(name, box, data, render) {
    const signature = JSON.stringify(data);
    if (drawn[name] === signature) return;
    drawn[name] = signature;
    replace(box, render());
  }
  async function load() {
    const [resumes, jobs, optimizations] = await Promise.all([
      api.get("/resumes", { signal }), api.get("/job-descriptions", { signal }), api.get("/optimize", { signal }),
    ]);
    if (signal.aborted) return;
    draw("resumes", resumesBox, resumes.items, () => resumesTable(resumes.items, load));
    draw("jobs", jobsBox, jobs.items, () => jobsTable(jobs.items, load));
    draw("optimizations", optimizationsBox, [optimizations.items, resumes.items, jobs.items],
      () => optimizationsTable(optimizations.items, resumes.items, jobs.items));
    const choices = [resumes.items.filter((r) => r.parseStatus === "completed").map((r) => [r.id, r.title]),
      jobs.items.map((j) => [j.id, j.title, j.company])];
    draw("start", startBox, choices, () => startForm(resumes.items, jobs.items, query));
    const busy = resumes.items.some((resume) => resume.parseStatus === "parsing")
      || optimizations.items.some((item) => !["completed", "failed"].includes(item.status));
    if (busy && polls < POLL_LIMIT) {
      polls += 1;
      window.setTimeout(() => { if (!signal.aborted) load().catch(() => {}); }, POLL_MS);
    }
  }
  await load();
}
