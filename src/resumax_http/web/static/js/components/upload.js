// The file picker with drag and drop: checks the type and size before anything is sent, and shows
// every problem (the browser's or the server's) right under the control.

import { el, uid } from "../dom.js";
import { formatBytes } from "../format.js";

export const RESUME_TYPES = {
  ".pdf": "application/pdf",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".txt": "text/plain",
  ".text": "text/plain",
  ".md": "text/markdown",
  ".markdown": "text/markdown",
};
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** The file's extension, lower-cased with its dot ("" when none). */
export function extensionOf(name) {
  const dot = String(name || "").lastIndexOf(".");
  return dot > 0 ? name.slice(dot).toLowerCase() : "";
}

/** Why `file` cannot be sent (a sentence), or null when it can. */
export function fileProblem(file, { types = RESUME_TYPES, maxBytes = DEFAULT_MAX_BYTES, what = "resume" } = {}) {
  const extension = extensionOf(file.name);
  const allowed = Object.keys(types).filter((key) => key !== ".text" && key !== ".markdown").map((key) => key.slice(1).toUpperCase());
  if (!(extension in types)) {
    return `“${file.name}” is not a file resuMAX can read. Choose a ${allowed.join(", ").replace(/, ([^,]*)$/, " or $1")} ${what}.`;
  }
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > maxBytes) {
    return `“${file.name}” is ${formatBytes(file.size)}, too large: the largest file resuMAX accepts is ${formatBytes(maxBytes)}.`;
  }
  return null;
}

function defaultHint(maxBytes) {
  return `PDF, DOCX, TXT or Markdown, up to ${formatBytes(maxBytes)}.`;
}

/**
 * A labelled drop zone around a file input. `onFile(file)` runs when a file is chosen or dropped and
 * passes the checks; the returned controller shows errors (`error(message)`), progress (`progress(0–1)`)
 * and resets.
 */
export function dropZone({ label, name = "file", hint, types = RESUME_TYPES, maxBytes = DEFAULT_MAX_BYTES, what = "resume", onFile }) {
  const id = uid(`f-${name}`);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const subId = `${id}-sub`;
  const input = el("input", {
    id, name, type: "file", class: "file-input",
    accept: Object.keys(types).join(","),
    "aria-describedby": `${subId} ${hintId} ${errorId}`,
  });
  const chosen = el("p", { class: "file-chosen", "aria-live": "polite" });
  const error = el("p", { class: "field-error", id: errorId, "aria-live": "assertive" });
  const bar = el("progress", { max: "100", value: "0", class: "upload-progress", hidden: true, "aria-label": "Upload progress" });
  const zone = el("div", { class: "dropzone", dataset: { field: name } },
    el("label", { for: id, class: "dropzone-title" }, label),
    el("p", { class: "dropzone-sub", id: subId }, "Drag and drop a file here, or choose one with the button below."),
    el("p", { class: "hint", id: hintId }, hint || defaultHint(maxBytes)),
    input, chosen, bar, error);

  let limit = maxBytes;
  const controller = {
    element: zone,
    input,
    file: null,
    setMaxBytes(value) {
      limit = value;
      if (!hint) zone.querySelector(`#${CSS.escape(hintId)}`).textContent = defaultHint(value);
    },
    error(message) {
      error.textContent = message || "";
      zone.classList.toggle("has-error", Boolean(message));
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    },
    progress(fraction) {
      bar.hidden = fraction === null;
      if (fraction !== null) {
        const percent = Math.round(fraction * 100);
        bar.value = percent;
        bar.textContent = `${percent}%`;
      }
    },
  };

  function accept(file) {
    controller.error("");
    controller.file = null;
    chosen.textContent = "";
    if (!file) return;
    const problem = fileProblem(file, { types, maxBytes: limit, what });
    if (problem) {
      controller.error(problem);
      input.value = "";
      return;
    }
    controller.file = file;
    chosen.textContent = `Selected: ${file.name} (${formatBytes(file.size)})`;
    if (onFile) onFile(file);
  }

  input.addEventListener("change", () => accept(input.files && input.files[0]));
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    const files = event.dataTransfer && event.dataTransfer.files;
    if (files && files.length > 1) {
      controller.error("Drop one file at a time.");
      return;
    }
    accept(files && files[0]);
  });
  return controller;
}
