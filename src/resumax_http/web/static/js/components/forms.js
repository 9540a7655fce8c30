// Labelled form fields with their hints and errors wired for assistive technology, and a submit
// helper that shows the server's field errors next to the fields and the rest above the form.

import { ApiError } from "../api.js";
import { el, uid } from "../dom.js";

/**
 * A labelled input (or textarea / select): `{label, name, type, value, hint, autocomplete, required,
 * rows, options, ...attrs}`. The error element is announced (aria-live) and linked by
 * aria-describedby together with the hint.
 */
export function field({ label, name, type = "text", value = "", hint, rows, options, ...attrs }) {
  const id = uid(`f-${name}`);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ");
  let control;
  if (type === "textarea") {
    control = el("textarea", { id, name, rows: rows || 8, "aria-describedby": describedBy, ...attrs });
    control.value = value || "";
  } else if (type === "select") {
    control = el("select", { id, name, "aria-describedby": describedBy, ...attrs },
      (options || []).map((option) => el("option", { value: option.value }, option.label)));
    if (value) control.value = value;
  } else {
    control = el("input", { id, name, type, "aria-describedby": describedBy, ...attrs });
    if (value !== undefined && value !== null && type !== "file") control.value = value;
  }
  return el("div", { class: "field", dataset: { field: name } },
    el("label", { for: id }, label),
    hint ? el("p", { class: "hint", id: hintId }, hint) : null,
    control,
    el("p", { class: "field-error", id: errorId, "aria-live": "polite" }));
}

/** A checkbox with its label after it. */
export function checkbox({ label, name, checked = false, hint }) {
  const id = uid(`f-${name}`);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const input = el("input", { id, name, type: "checkbox", "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") });
  input.checked = Boolean(checked);
  return el("div", { class: "field field-check", dataset: { field: name } },
    input, el("label", { for: id }, label),
    hint ? el("p", { class: "hint", id: hintId }, hint) : null,
    el("p", { class: "field-error", id: errorId, "aria-live": "polite" }));
}

/** The error box above a form's fields (role=alert: read out as it appears). */
export function formError() {
  return el("div", { class: "form-error", role: "alert", hidden: true });
}

/** Show `message` on the field named `name` in `form` (mark it invalid); true when found. */
export function setFieldError(form, name, message) {
  const wrapper = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
  if (!wrapper) return false;
  const control = wrapper.querySelector("input, textarea, select");
  const error = wrapper.querySelector(".field-error");
  error.textContent = message;
  if (control) control.setAttribute("aria-invalid", "true");
  wrapper.classList.add("has-error");
  return true;
}

/**
 * Check values in the browser before sending: `checks` is [[fieldName, ok, message], ...]. Throws an
 * ApiError shaped like the server's 422 (so it is shown the same way) naming every failed field.
 */
export function check(checks) {
  const fields = {};
  for (const [name, ok, message] of checks) {
    if (!ok && !(name in fields)) fields[name] = message;
  }
  const names = Object.keys(fields);
  if (names.length) {
    throw new ApiError({ status: 422, code: "invalid_input", message: "Check the highlighted fields.", details: { field: names[0], fields } });
  }
}

/** Remove every error shown in `form`. */
export function clearErrors(form) {
  for (const wrapper of form.querySelectorAll(".field.has-error")) {
    wrapper.classList.remove("has-error");
    const control = wrapper.querySelector("[aria-invalid]");
    if (control) control.removeAttribute("aria-invalid");
    wrapper.querySelector(".field-error").textContent = "";
  }
  const box = form.querySelector(".form-error");
  if (box) {
    box.hidden = true;
    box.replaceChildren();
  }
}

/** Show a form-level message in the form's error box. */
export function showFormError(form, message, requestId) {
  const box = form.querySelector(".form-error");
  if (!box) return;
  box.replaceChildren(el("p", {}, message));
  if (requestId) box.append(el("p", { class: "request-id" }, `Reference: ${requestId}`));
  box.hidden = false;
}

/**
 * Show an API error on `form`: field errors next to their fields (the first one focused), anything
 * else in the box above. `fieldAliases` maps server field names to this form's names.
 */
export function showErrors(form, error, fieldAliases = {}) {
  clearErrors(form);
  if (!(error instanceof ApiError)) {
    showFormError(form, "Something went wrong in this page. Reload and try again.");
    return;
  }
  let first = null;
  const unplaced = [];
  for (const [name, message] of Object.entries(error.fields)) {
    const target = fieldAliases[name] || name;
    const text = error.status === 422 && error.details.fields ? capitalise(message) : error.message;
    if (setFieldError(form, target, text)) {
      first = first || form.querySelector(`[data-field="${CSS.escape(target)}"] input, [data-field="${CSS.escape(target)}"] textarea, [data-field="${CSS.escape(target)}"] select`);
    } else unplaced.push(text);
  }
  if (!first || unplaced.length) showFormError(form, first ? unplaced.join(" ") : error.message, error.requestId);
  if (first) first.focus();
}

function capitalise(text) {
  const value = String(text || "");
  return value ? value[0].toUpperCase() + value.slice(1) : value;
}

/**
 * Run `action(values, form)` on submit with the button busy; errors land on the form. `values` holds
 * each named control's value (checkboxes as booleans).
 */
export function onSubmit(form, action, fieldAliases) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (form.dataset.busy === "true") return;
    clearErrors(form);
    const values = {};
    for (const control of form.elements) {
      if (!control.name) continue;
      if (control.type === "checkbox") values[control.name] = control.checked;
      else if (control.type === "radio") {
        if (control.checked) values[control.name] = control.value;
      } else if (control.type !== "file") values[control.name] = control.value;
    }
    const buttons = form.querySelectorAll("button[type=submit]");
    form.dataset.busy = "true";
    form.setAttribute("aria-busy", "true");
    for (const button of buttons) button.disabled = true;
    try {
      await action(values, form);
    } catch (error) {
      if (error && error.name === "AbortError") return;
      showErrors(form, error, fieldAliases);
    } finally {
      form.dataset.busy = "false";
      form.removeAttribute("aria-busy");
      for (const button of buttons) button.disabled = false;
    }
  });
}
