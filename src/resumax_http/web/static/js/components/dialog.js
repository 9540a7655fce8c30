// Modal dialogs on the native <dialog>: the rest of the page is inert while it is open, Tab stays
// inside it, Escape closes it, and focus returns to whatever opened it.

import { el, uid } from "../dom.js";

const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/**
 * Open a modal with `title`, `body` nodes and `actions` (buttons). Resolves with the dialog's
 * returnValue when it closes. Call `close(value)` on the returned controller to close it yourself.
 */
export function openDialog({ title, body = [], actions = [], describedBy }) {
  const titleId = uid("dialog-title");
  const dialog = el("dialog", { class: "dialog", "aria-labelledby": titleId, "aria-describedby": describedBy },
    el("h2", { id: titleId }, title),
    ...body,
    actions.length ? el("div", { class: "dialog-actions" }, ...actions) : null);
  const opener = document.activeElement;
  document.body.append(dialog);

  dialog.addEventListener("keydown", (event) => {
    if (event.key !== "Tab") return;
    const items = [...dialog.querySelectorAll(FOCUSABLE)].filter((node) => !node.closest("[hidden]"));
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });

  const closed = new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      resolve(dialog.returnValue);
      dialog.remove();
      if (opener && typeof opener.focus === "function" && document.contains(opener)) opener.focus();
    });
  });
  dialog.showModal();
  const autofocus = dialog.querySelector("[autofocus]") || dialog.querySelector(FOCUSABLE);
  if (autofocus) autofocus.focus();
  return {
    dialog,
    closed,
    close(value = "") {
      if (dialog.open) dialog.close(value);
    },
  };
}
