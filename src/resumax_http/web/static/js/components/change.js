// One suggested change, side by side: before and after with word-level highlights, the reason, the
// job requirement it serves, the resume evidence it rests on, and the accept / reject decision.

import { diffWords } from "../diff.js";
import { el } from "../dom.js";
import { sectionName } from "./document.js";

const KIND_LABELS = {
  summary: "Summary built from your facts",
  skills: "Skills reordered",
  bullet: "Bullet tightened",
  order: "Sections reordered",
};

function diffText(segments, side) {
  const keep = side === "before" ? "del" : "ins";
  return segments
    .filter((segment) => segment.type === "same" || segment.type === keep)
    .map((segment) => {
      if (segment.type === "same") return document.createTextNode(segment.text);
      return el(side === "before" ? "del" : "ins", {}, segment.text);
    });
}

/** A change's title as people read it: "Experience · Bullet tightened". */
export function changeTitle(change) {
  return `${sectionName(change.section)} · ${KIND_LABELS[change.kind] || change.kind}`;
}

/**
 * The card of `change` (numbered `index` from 1). `decision` is "accepted", "rejected" or "";
 * `onDecide(id, decision)` runs when a button is pressed. Returns {element, update(decision)}.
 */
export function changeCard(change, index, decision, onDecide) {
  const titleId = `change-${index}-title`;
  const segments = diffWords(change.before || "", change.after || "");
  const state = el("span", { class: "decision-state", "aria-live": "polite" });
  const accept = el("button", { type: "button", class: "button button-accept", "aria-pressed": "false",
    "aria-label": `Accept change ${index}: ${changeTitle(change)}`, dataset: { decision: "accepted" } }, "Accept");
  const reject = el("button", { type: "button", class: "button button-reject", "aria-pressed": "false",
    "aria-label": `Reject change ${index}: ${changeTitle(change)}`, dataset: { decision: "rejected" } }, "Reject");
  const element = el("article", { class: "change", "aria-labelledby": titleId, dataset: { changeId: change.id } },
    el("header", { class: "change-head" },
      el("h3", { id: titleId }, el("span", { class: "change-number" }, `${index}.`), " ", changeTitle(change)),
      state),
    el("div", { class: "before-after" },
      el("div", { class: "side side-before" },
        el("h4", {}, change.before ? "Before" : "Before (new section)"),
        el("p", { class: "side-text" }, change.before ? diffText(segments, "before") : el("em", {}, "Nothing here yet."))),
      el("div", { class: "side side-after" },
        el("h4", {}, "After"),
        el("p", { class: "side-text" }, diffText(segments, "after")))),
    el("dl", { class: "why" },
      el("dt", {}, "Why"), el("dd", {}, change.reason),
      change.requirement ? [el("dt", {}, "Job requirement"), el("dd", {}, change.requirement)] : null,
      el("dt", {}, "Evidence from your resume"),
      el("dd", {}, change.evidence && change.evidence.length
        ? el("ul", { class: "evidence-list" }, change.evidence.map((item) => el("li", {}, "“", item, "”")))
        : el("span", { class: "muted" }, "No new facts: only wording or order changes."))),
    el("div", { class: "decision", role: "group", "aria-label": `Decision on change ${index}` }, accept, reject));

  function update(next) {
    element.dataset.state = next || "undecided";
    accept.setAttribute("aria-pressed", String(next === "accepted"));
    reject.setAttribute("aria-pressed", String(next === "rejected"));
    state.textContent = next === "accepted" ? "Accepted" : next === "rejected" ? "Rejected" : "Not decided";
    state.className = `decision-state decision-${next || "undecided"}`;
  }
  accept.addEventListener("click", () => onDecide(change.id, accept.getAttribute("aria-pressed") === "true" ? "" : "accepted"));
  reject.addEventListener("click", () => onDecide(change.id, reject.getAttribute("aria-pressed") === "true" ? "" : "rejected"));
  update(decision);
  return { element, update };
}
