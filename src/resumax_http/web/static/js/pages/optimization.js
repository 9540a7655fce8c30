// One optimization: its live status while it runs (server-sent events read with fetch), then the
// review screen: the score and its parts, skills, each change side by side with accept / reject,
// the score updating as changes are chosen, tips, dropped suggestions, and "Create version".

import { api, seg } from "../api.js";
import { announce, append, el, replace, setTitle } from "../dom.js";
import { formatScore, plural, statusLabel } from "../format.js";
import { navigate } from "../router.js";
import { streamEvents } from "../sse.js";
import { changeCard, changeTitle } from "../components/change.js";
import { sectionName } from "../components/document.js";
import { scoreBreakdown, scoreFigure } from "../components/score.js";
import { button, errorPanel, linkButton, pageHeader, panel } from "../components/ui.js";

const STEPS = ["queued", "processing", "generating", "completed"];
const MAX_RECONNECTS = 20;
const POLL_MS = 2000;
const PREVIEW_DELAY_MS = 150;

function storageKey(id) {
  return `resumax.review.${id}`;
}

/** The saved decisions of an optimization's review (this tab), as a Map id → decision. */
function loadDecisions(id, changes) {
  const known = new Set(changes.map((change) => change.id));
  const decisions = new Map();
  try {
    const saved = JSON.parse(window.sessionStorage.getItem(storageKey(id)) || "{}");
    for (const [changeId, decision] of Object.entries(saved.decisions || {})) {
      if (known.has(changeId) && (decision === "accepted" || decision === "rejected")) decisions.set(changeId, decision);
    }
  } catch {
    // Nothing saved, or unreadable: start undecided.
  }
  return decisions;
}

function saveDecisions(id, decisions) {
  try {
    window.sessionStorage.setItem(storageKey(id), JSON.stringify({ decisions: Object.fromEntries(decisions) }));
  } catch {
    // Storage full or blocked: the choices still live on this page.
  }
}

function wait(ms, signal) {
  return new Promise((resolve) => {
    const timer = window.setTimeout(resolve, ms);
    signal.addEventListener("abort", () => { window.clearTimeout(timer); resolve(); }, { once: true });
  });
}

function stepsView(status) {
  const current = STEPS.indexOf(status);
  return el("ol", { class: "steps" }, STEPS.map((step, index) =>
    el("li", {
      class: index < current ? "step done" : index === current ? "step current" : "step",
      "aria-current": index === current ? "step" : null,
    }, statusLabel(step))));
}

/** Follow an optimization until it is final: the event stream, reconnecting, or polling as a fallback. */
async function follow(id, signal, onUpdate) {
  let reconnects = 0;
  while (!signal.aborted && reconnects <= MAX_RECONNECTS) {
    let final = null;
    let retry = POLL_MS;
    try {
      retry = await streamEvents(`/optimize/${seg(id)}/events`, {
        signal,
        onEvent(name, data) {
          if (name === "status") onUpdate(data, false);
          else if (name === "end") final = data;
          else if (name === "gone") final = { gone: true };
        },
      });
    } catch (error) {
      if (signal.aborted || (error && error.name === "AbortError")) return null;
      if (error && error.status === 404) return { gone: true };
      // The stream failed (a proxy, a dropped connection): read the state directly instead.
      try {
        const current = await api.get(`/optimize/${seg(id)}`, { signal });
        if (current.status === "completed" || current.status === "failed") return current;
        onUpdate(current, false);
      } catch (readError) {
        if (signal.aborted) return null;
        if (readError && readError.status === 404) return { gone: true };
      }
    }
    if (final) return final;
    reconnects += 1;
    await wait(Math.min(Math.max(retry, 500), 5000), signal);
  }
  return null;
}

function liveStatus(view, optimization) {
  const steps = el("div", { class: "steps-wrap" }, stepsView(optimization.status));
  const line = el("p", { class: "status-line", role: "status", "aria-live": "polite", id: "live-status" },
    `Status: ${statusLabel(optimization.status)}…`);
  append(view, panel("Working on it", el("p", {}, "resuMAX is comparing your resume with the job and drafting changes. This page updates by itself."), steps, line));
  return (next) => {
    replace(steps, stepsView(next.status));
    line.textContent = `Status: ${statusLabel(next.status)}${next.status === "completed" ? "" : "…"}`;
  };
}

function failedView(optimization) {
  const retry = button("Try again", async () => {
    retry.disabled = true;
    try {
      const started = await api.post("/optimize", { resumeId: optimization.resumeId, jobDescriptionId: optimization.jobDescriptionId },
        { headers: { "Idempotency-Key": `web-retry-${optimization.id}-${Date.now()}` } });
      navigate(`/app/optimizations/${encodeURIComponent(started.optimizationId)}`);
    } catch (error) {
      message.textContent = error.message;
      retry.disabled = false;
    }
  }, { tone: "primary" });
  const message = el("p", { class: "field-error", role: "alert" });
  return el("div", { class: "banner banner-bad", role: "alert" },
    el("p", {}, el("strong", {}, "This optimization failed. "), optimization.errorMessage || "Something went wrong while tailoring."),
    optimization.errorCode ? el("p", { class: "muted small" }, `Code: ${optimization.errorCode}`) : null,
    el("div", { class: "form-actions" }, retry, linkButton("/app", "Back to your dashboard", { tone: "ghost" })),
    message);
}

function skillsPanel(result) {
  const list = (items, tone) => items.length
    ? el("ul", { class: `chips chips-${tone}` }, items.map((item) => el("li", {}, item)))
    : el("p", { class: "muted" }, "None.");
  return panel("Skills",
    el("div", { class: "grid-2 tight" },
      el("div", {}, el("h3", {}, `Matched (${result.matchedSkills.length})`), el("p", { class: "muted small" }, "The job asks for these and your resume proves them."), list(result.matchedSkills, "have")),
      el("div", {}, el("h3", {}, `Missing (${result.missingSkills.length})`), el("p", { class: "muted small" }, "resuMAX never adds these for you: add them yourself only if they are true."), list(result.missingSkills, "need"))));
}

/** The tips: bullets that state no measurable result (exported for tests). */
export function tipsPanel(tips) {
  if (!tips.length) return null;
  return panel("Tips",
    el("p", { class: "muted" }, "Bullets with no measurable result. resuMAX won't invent numbers; if you know one, add it yourself."),
    el("ul", { class: "tips" }, tips.map((tip) => el("li", { class: "tip" },
      el("p", { class: "tip-text" }, el("span", { class: "tag" }, sectionName(tip.section)), " “", tip.text, "”"),
      el("p", { class: "tip-message" }, tip.message)))));
}

/** The suggestions the truthfulness guard refused, with its reasons (exported for tests). */
export function droppedPanel(rejected) {
  if (!rejected.length) return null;
  return panel("Dropped suggestions",
    el("p", { class: "muted" }, "The truthfulness guard refused these because they would add facts your resume does not support."),
    el("ul", { class: "dropped" }, rejected.map((item) => el("li", { class: "dropped-item" },
      el("h3", {}, changeTitle(item.change)),
      el("p", {}, el("span", { class: "muted" }, "Proposed: "), "“", item.change.after, "”"),
      el("ul", { class: "violations" }, (item.violations || []).map((violation) =>
        el("li", {}, el("strong", {}, violation.reason), violation.text ? el("span", {}, " — “", violation.text, "”") : null)))))));
}

async function titles(optimization, signal) {
  const [resume, job] = await Promise.all([
    api.get(`/resumes/${seg(optimization.resumeId)}`, { signal }).catch(() => null),
    api.get(`/job-descriptions/${seg(optimization.jobDescriptionId)}`, { signal }).catch(() => null),
  ]);
  return { resume, job };
}

function reviewView(view, optimization, context, signal) {
  const result = optimization.result;
  const changes = result.changes || [];
  const decisions = loadDecisions(optimization.id, changes);
  const cards = new Map();

  const current = scoreFigure("With your choices", result.scoreBefore.total, { id: "score-current", tone: "current" });
  const scoreNote = el("p", { class: "score-note", id: "score-note", role: "status", "aria-live": "polite" });
  const breakdown = el("div", { class: "breakdown" }, scoreBreakdown(result.scoreBefore));
  const counter = el("p", { class: "counter", id: "accepted-count", "aria-live": "polite" });
  const createError = el("p", { class: "field-error", role: "alert" });
  const createButton = el("button", { type: "button", class: "button button-primary", id: "create-version" }, "Create version");

  let previewSeq = 0;
  let previewTimer = null;
  function accepted() {
    return changes.filter((change) => decisions.get(change.id) === "accepted").map((change) => change.id);
  }
  function refreshCounts() {
    const ids = accepted();
    const rejectedCount = [...decisions.values()].filter((value) => value === "rejected").length;
    counter.textContent = `${ids.length} of ${changes.length} accepted · ${rejectedCount} rejected · ${changes.length - ids.length - rejectedCount} not decided`;
    createButton.textContent = ids.length ? `Create version with ${plural(ids.length, "change")}` : "Create version without changes";
  }
  function schedulePreview() {
    window.clearTimeout(previewTimer);
    previewTimer = window.setTimeout(runPreview, PREVIEW_DELAY_MS);
  }
  async function runPreview() {
    const seq = ++previewSeq;
    const ids = accepted();
    scoreNote.textContent = "Updating the score…";
    view.querySelector(".score-card")?.setAttribute("aria-busy", "true");
    try {
      const preview = await api.post(`/optimize/${seg(optimization.id)}/preview`, { acceptedChanges: ids }, { signal });
      if (seq !== previewSeq || signal.aborted) return;
      document.getElementById("score-current").textContent = formatScore(preview.score.total);
      replace(breakdown, scoreBreakdown(preview.score));
      const before = result.scoreBefore.total;
      const delta = Math.round((preview.score.total - before) * 10) / 10;
      scoreNote.textContent = `Score with ${plural(preview.applied.length, "accepted change")}: ${formatScore(preview.score.total)}`
        + (delta ? ` (${delta > 0 ? "+" : ""}${delta} from ${formatScore(before)})` : ` (same as before: ${formatScore(before)})`);
    } catch (error) {
      if (seq === previewSeq && !signal.aborted) scoreNote.textContent = `The score could not be updated: ${error.message}`;
    } finally {
      if (seq === previewSeq) view.querySelector(".score-card")?.removeAttribute("aria-busy");
    }
  }
  function decide(id, decision) {
    if (decision) decisions.set(id, decision);
    else decisions.delete(id);
    saveDecisions(optimization.id, decisions);
    cards.get(id).update(decision);
    refreshCounts();
    schedulePreview();
  }
  function decideAll(decision) {
    for (const change of changes) {
      decisions.set(change.id, decision);
      cards.get(change.id).update(decision);
    }
    saveDecisions(optimization.id, decisions);
    refreshCounts();
    announce(decision === "accepted" ? `All ${changes.length} changes accepted.` : `All ${changes.length} changes rejected.`);
    schedulePreview();
  }

  createButton.addEventListener("click", async () => {
    createButton.disabled = true;
    createError.textContent = "";
    try {
      const ids = accepted();
      const version = await api.post(`/optimize/${seg(optimization.id)}/accept`, {
        acceptedChanges: ids, applyAll: changes.length > 0 && ids.length === changes.length,
      });
      navigate(`/app/versions/${encodeURIComponent(version.versionId || version.id)}?created=1`);
    } catch (error) {
      createError.textContent = error.message;
      createButton.disabled = false;
    }
  });

  const { resume, job } = context;
  const lead = [resume ? resume.title : "Your resume", " → ", job ? (job.company ? `${job.title} at ${job.company}` : job.title) : "the job"].join("");
  append(view, 
    pageHeader("Review the suggested changes", { lead }),
    optimization.summary ? el("p", { class: "summary" }, optimization.summary) : null,
    el("section", { class: "panel score-card", "aria-labelledby": "score-heading" },
      el("h2", { id: "score-heading" }, "Alignment score"),
      el("div", { class: "score-row" },
        current,
        scoreFigure("Before", result.scoreBefore.total, { tone: "before" }),
        scoreFigure("With every change", result.scoreAfter.total, { tone: "after" })),
      scoreNote,
      el("details", { class: "breakdown-details", open: window.matchMedia("(min-width: 40rem)").matches },
        el("summary", {}, "How the score is made"), breakdown)),
    skillsPanel(result));

  const changeList = el("div", { class: "changes" });
  changes.forEach((change, index) => {
    const card = changeCard(change, index + 1, decisions.get(change.id) || "", decide);
    cards.set(change.id, card);
    changeList.append(card.element);
  });
  append(view, panel("Suggested changes",
    changes.length
      ? [el("div", { class: "toolbar", role: "toolbar", "aria-label": "Decide every change" },
          button("Accept all", () => decideAll("accepted"), { tone: "secondary", id: "accept-all" }),
          button("Reject all", () => decideAll("rejected"), { tone: "ghost", id: "reject-all" }),
          counter),
        changeList]
      : el("p", { class: "muted" }, "No changes to suggest: your resume already fits this job as well as its facts allow.")),
  tipsPanel(result.tips || []),
  droppedPanel(result.rejected || []),
  el("div", { class: "action-bar" },
    el("p", { class: "muted small" }, "A version keeps the accepted changes; you can export it as PDF, DOCX or text."),
    createButton, createError));
  refreshCounts();
  runPreview();
}

export async function optimizationPage({ view, params, signal }) {
  let optimization = await api.get(`/optimize/${seg(params.id)}`, { signal });
  const context = await titles(optimization, signal);
  setTitle(optimization.status === "completed" ? "Review changes" : "Optimizing");
  let waited = false;
  if (optimization.status !== "completed" && optimization.status !== "failed") {
    waited = true;
    append(view, pageHeader("Tailoring your resume", {
      lead: `${context.resume ? context.resume.title : "Your resume"} → ${context.job ? context.job.title : "the job"}`,
    }));
    const update = liveStatus(view, optimization);
    view.querySelector("h1")?.focus();
    const final = await follow(optimization.id, signal, (next) => update(next));
    if (signal.aborted) return;
    if (!final) {
      append(view, errorPanel({ message: "The status stopped updating. Reload the page to check again." }));
      return;
    }
    if (final.gone) {
      replace(view, errorPanel({ status: 404 }, { level: 1 }));
      return;
    }
    update(final);
    announce(`Optimization ${statusLabel(final.status).toLowerCase()}.`);
    optimization = final;
    view.replaceChildren();
  }
  if (optimization.status === "failed") {
    setTitle("Optimization failed");
    append(view, pageHeader("Optimization failed"), failedView(optimization));
  } else {
    setTitle("Review changes");
    reviewView(view, optimization, context, signal);
  }
  if (waited) {
    // The status view the person was reading is gone: put them at the top of what replaced it.
    view.querySelector("h1")?.focus();
  }
}
