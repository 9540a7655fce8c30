// The explainable score: the total, and each component's weight, points, matched items with the
// resume evidence for each, and what is missing.

import { el } from "../dom.js";
import { formatPoints, formatScore } from "../format.js";

function matchedList(matched) {
  return el("ul", { class: "evidence-list" }, matched.map((match) =>
    el("li", {}, el("strong", {}, match.item), el("span", { class: "evidence" }, " — “", match.evidence, "”"))));
}

/** One score component as a card with a meter of points out of its weight. */
export function componentView(component) {
  const matched = component.matched || [];
  const missing = component.missing || [];
  const percent = component.weight ? Math.round((component.points / component.weight) * 100) : 0;
  return el("li", { class: "component", dataset: { component: component.name } },
    el("div", { class: "component-head" },
      el("h4", {}, component.label),
      el("span", { class: "component-points" },
        el("strong", {}, formatPoints(component.points)), ` of ${formatPoints(component.weight)} points`)),
    el("meter", { min: "0", max: String(component.weight || 1), value: String(component.points || 0),
      "aria-label": `${component.label}: ${formatPoints(component.points)} of ${formatPoints(component.weight)} points (${percent}%)` }),
    component.note ? el("p", { class: "component-note" }, component.note) : null,
    matched.length ? el("details", { class: "component-details" },
      el("summary", {}, `Matched (${matched.length}), with evidence`), matchedList(matched)) : null,
    missing.length ? el("details", { class: "component-details" },
      el("summary", {}, `Missing (${missing.length})`),
      el("ul", { class: "chips chips-need" }, missing.map((item) => el("li", {}, item)))) : null);
}

/** The whole score: total and components. */
export function scoreBreakdown(score) {
  return el("ol", { class: "components" }, (score.components || []).map(componentView));
}

/** A big number with a caption, e.g. the score now and the score before. */
export function scoreFigure(label, value, { id, tone = "" } = {}) {
  return el("div", { class: `score-figure ${tone}` },
    el("span", { class: "score-label" }, label),
    el("span", { class: "score-value", id }, formatScore(value)),
    el("span", { class: "score-scale" }, "/ 100"));
}
