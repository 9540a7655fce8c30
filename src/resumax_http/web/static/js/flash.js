// One-off messages that survive a navigation (e.g. "You're signed out." on the login page).

import { el, replace } from "./dom.js";

const KEY = "resumax.flash";

/** Keep `message` (tone "ok" | "info" | "bad") for the next page drawn. */
export function flash(message, tone = "ok") {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify({ message, tone }));
  } catch {
    showFlash(message, tone);
  }
}

/** Show a message now in the page's status region. */
export function showFlash(message, tone = "ok") {
  const region = document.getElementById("flash");
  if (!region) return;
  replace(region, el("p", { class: `flash flash-${tone}` }, message));
}

/** Show (and forget) the message kept for this page, or clear the region. */
export function takeFlash() {
  const region = document.getElementById("flash");
  if (!region) return;
  let kept = null;
  try {
    kept = JSON.parse(window.sessionStorage.getItem(KEY) || "null");
    window.sessionStorage.removeItem(KEY);
  } catch {
    kept = null;
  }
  if (kept && kept.message) showFlash(kept.message, kept.tone);
  else region.replaceChildren();
}
