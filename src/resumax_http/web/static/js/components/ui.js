// Small pieces every page uses: the page heading, status badges, panels for errors and emptiness.

import { el } from "../dom.js";
import { formatDate, isoDate, statusLabel, statusTone } from "../format.js";

/** The page's h1 (focused after each navigation) with an optional lead paragraph and actions. */
export function pageHeader(title, { lead, actions } = {}) {
  return el("div", { class: "page-header" },
    el("div", {},
      el("h1", { tabindex: "-1", id: "page-title" }, title),
      lead ? el("p", { class: "lead" }, lead) : null),
    actions && actions.length ? el("div", { class: "page-actions" }, ...actions) : null);
}

/** A status badge whose text says the status (colour is never the only cue). */
export function statusBadge(status) {
  return el("span", { class: `badge badge-${statusTone(status)}`, dataset: { status } }, statusLabel(status));
}

/** A <time> element with a readable date and a machine-readable datetime. */
export function time(value) {
  const iso = isoDate(value);
  return iso ? el("time", { datetime: iso }, formatDate(value)) : el("span", {}, "—");
}

/** A panel section with a heading (h2) and content. */
export function panel(title, ...children) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return el("section", { class: "panel", "aria-labelledby": id }, el("h2", { id }, title), ...children);
}

/** The message shown when a list is empty, with an optional call to action. */
export function emptyState(message, action) {
  return el("div", { class: "empty" }, el("p", {}, message), action || null);
}

/** An error panel for a page that could not load (role=alert); `level` 1 when it is the whole page. */
export function errorPanel(error, { title = "Something went wrong", level = 2 } = {}) {
  const notFound = error && error.status === 404;
  return el("div", { class: "error-panel", role: "alert" },
    el(`h${level}`, level === 1 ? { tabindex: "-1", id: "page-title" } : {}, notFound ? "Not found" : title),
    el("p", {}, notFound
      ? "This page doesn't exist, or it belongs to another account."
      : (error && error.message) || "An unexpected error happened."),
    error && error.requestId ? el("p", { class: "request-id" }, `Reference: ${error.requestId}`) : null,
    el("p", {}, el("a", { href: "/app", "data-link": true }, "Back to your dashboard")));
}

/** A link styled as a button. */
export function linkButton(href, label, { tone = "primary", ...attrs } = {}) {
  return el("a", { href, class: `button button-${tone}`, "data-link": true, ...attrs }, label);
}

/** A <button type=button>. */
export function button(label, onClick, { tone = "secondary", ...attrs } = {}) {
  return el("button", { type: "button", class: `button button-${tone}`, onclick: onClick, ...attrs }, label);
}

/** A loading line, announced politely. */
export function loading(message = "Loading…") {
  return el("p", { class: "loading", role: "status" }, message);
}
