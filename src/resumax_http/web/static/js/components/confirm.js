// A button that asks for confirmation in a modal dialog before a destructive action.

import { el } from "../dom.js";
import { openDialog } from "./dialog.js";

/**
 * A "Delete"-style button: `label` is its accessible name, `text` what it shows; the dialog shows
 * `title` and `message`, runs `action()` on confirm, then `done()`. Errors stay in the dialog.
 */
export function confirmDelete({ label, text, title, message, action, done, confirmText = "Delete" }) {
  const trigger = el("button", { type: "button", class: "button button-danger-ghost button-small", "aria-label": label }, text);
  trigger.addEventListener("click", () => {
    const error = el("p", { class: "field-error", role: "alert" });
    const cancel = el("button", { type: "button", class: "button button-secondary", autofocus: true }, "Cancel");
    const confirm = el("button", { type: "button", class: "button button-danger" }, confirmText);
    const messageId = `confirm-${Date.now()}`;
    const dialog = openDialog({ title, describedBy: messageId, body: [el("p", { id: messageId }, message), error], actions: [cancel, confirm] });
    cancel.addEventListener("click", () => dialog.close("cancel"));
    confirm.addEventListener("click", async () => {
      confirm.disabled = true;
      try {
        await action();
        dialog.close("done");
        if (done) await done();
        // The row that held the button may be gone: keep focus on the page, not lost on <body>.
        if (!document.contains(trigger)) document.getElementById("page-title")?.focus();
      } catch (failure) {
        error.textContent = failure.message;
        confirm.disabled = false;
      }
    });
  });
  return trigger;
}
