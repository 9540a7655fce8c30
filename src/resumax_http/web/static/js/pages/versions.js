// Version history, and one version: its text, and exports as PDF, DOCX or text in a chosen template
// with the round-trip (ATS) check shown, failing checks in red.

import { api, seg } from "../api.js";
import { append, el, replace, setTitle } from "../dom.js";
import { formatDate, formatScore, plural } from "../format.js";
import { serverMeta } from "../meta.js";
import { updateQuery } from "../router.js";
import { documentView } from "../components/document.js";
import { field, formError, onSubmit } from "../components/forms.js";
import { dataTable } from "../components/tables.js";
import { button, emptyState, linkButton, pageHeader, panel, time } from "../components/ui.js";

const FORMATS = [
  { value: "pdf", label: "PDF" },
  { value: "docx", label: "DOCX (Word)" },
  { value: "text", label: "Plain text" },
];
const TEMPLATES = [
  { value: "classic", label: "Classic" },
  { value: "modern", label: "Modern" },
];
const FORMAT_NAMES = { pdf: "PDF", docx: "DOCX", text: "text" };

export async function versionsPage({ view, signal }) {
  setTitle("Versions");
  const [versions, optimizations] = await Promise.all([
    api.get("/versions", { signal }),
    api.get("/optimize", { signal }).catch(() => ({ items: [] })),
  ]);
  append(view, pageHeader("Version history", { lead: "Every version keeps the changes you accepted. Newest first." }));
  if (!versions.items.length) {
    append(view, emptyState("No versions yet. Review an optimization and create a version.", linkButton("/app", "Go to your dashboard")));
    return;
  }
  const byId = new Map(optimizations.items.map((item) => [item.id, item]));
  append(view, dataTable("Your versions", [
    { label: "Version" }, { label: "Score", className: "num" }, { label: "From optimization" },
  ], versions.items.map((version) => {
    const optimization = byId.get(version.optimizationId);
    return [
      el("a", { href: `/app/versions/${encodeURIComponent(version.id)}`, "data-link": true }, "Version of ", time(version.createdAt)),
      formatScore(version.score),
      el("a", { href: `/app/optimizations/${encodeURIComponent(version.optimizationId)}`, "data-link": true },
        optimization ? `Review of ${formatDate(optimization.createdAt)}` : "Open the review"),
    ];
  })));
}

/** The round-trip check as a sentence; failing checks are red and list what went missing. */
export function checkView(check) {
  if (!check || check.label === undefined) return el("p", { class: "muted" }, "No check was recorded.");
  const passed = Boolean(check.passed);
  return el("div", { class: `check ${passed ? "check-pass" : "check-fail"}`, role: passed ? "status" : "alert", dataset: { passed: String(passed) } },
    el("p", { class: "check-label" }, el("span", { class: "check-icon", "aria-hidden": "true" }, passed ? "✓" : "✗"), " ", check.label),
    !passed && check.missingSections && check.missingSections.length
      ? el("p", {}, "Sections an ATS could not find: ", check.missingSections.join(", ")) : null,
    !passed && check.missingWords && check.missingWords.length
      ? el("p", {}, "Words that did not read back: ", check.missingWords.slice(0, 30).join(", ")) : null,
    passed ? null : el("p", {}, "Try another format or template: an applicant tracking system may misread this file."));
}

function downloadLink(exported) {
  const name = FORMAT_NAMES[exported.format] || exported.format;
  return el("a", {
    class: "button button-primary download-link",
    href: exported.downloadUrl,
    download: "",
    rel: "noopener",
  }, `Download ${name} (${exported.template})`);
}

function exportRow(item) {
  const slot = el("div", { class: "export-link" });
  const fresh = button("Get download link", async () => {
    fresh.disabled = true;
    try {
      const exported = await api.get(`/exports/${seg(item.id)}`);
      replace(slot, downloadLink(exported));
      slot.querySelector("a").focus();
    } catch (error) {
      replace(slot, el("p", { class: "field-error", role: "alert" }, error.message));
      fresh.disabled = false;
    }
  }, { tone: "secondary", class: "button button-secondary button-small" });
  slot.append(fresh);
  return [
    `${FORMAT_NAMES[item.format] || item.format} · ${item.template}`,
    checkView(item.check),
    time(item.createdAt),
    time(item.expiresAt),
    slot,
  ];
}

export async function versionPage({ view, params, query, signal }) {
  const version = await api.get(`/versions/${seg(params.id)}`, { signal });
  setTitle("Version");
  if (query.get("created")) updateQuery({ created: null });
  const accepted = (version.acceptedChanges && version.acceptedChanges.accepted) || [];
  const result = el("div", { class: "export-result", "aria-live": "polite" });
  const form = el("form", { class: "form form-inline", novalidate: true },
    formError(),
    el("fieldset", { class: "fieldset radios" },
      el("legend", {}, "Format"),
      FORMATS.map((format, index) => {
        const id = `format-${format.value}`;
        const input = el("input", { type: "radio", name: "format", id, value: format.value });
        input.checked = index === 0;
        return el("span", { class: "radio" }, input, el("label", { for: id }, format.label));
      })),
    field({ label: "Template", name: "template", type: "select", options: TEMPLATES, value: "classic" }),
    el("div", { class: "form-actions" }, el("button", { type: "submit", class: "button button-primary" }, "Export")));
  const exportsBox = el("div", {});
  function drawExports(items) {
    replace(exportsBox, items.length
      ? dataTable("Exports of this version", [
        { label: "File" }, { label: "ATS check" }, { label: "Made" }, { label: "Deleted after" }, { label: "Download" },
      ], items.map(exportRow))
      : el("p", { class: "muted" }, "No exports yet."));
  }
  onSubmit(form, async ({ format, template }) => {
    replace(result, el("p", { class: "muted" }, "Rendering and checking the file…"));
    const exported = await api.post("/exports", { versionId: version.id, format, template },
      { headers: { "Idempotency-Key": `web-export-${version.id}-${format}-${template}-${Date.now()}` } });
    replace(result, checkView(exported.check), el("p", {}, downloadLink(exported)));
    const fresh = await api.get(`/versions/${seg(version.id)}`).catch(() => null);
    if (fresh) drawExports(fresh.exports || []);
  });
  drawExports(version.exports || []);
  serverMeta().then((meta) => {
    const select = form.elements.template;
    if (!Array.isArray(meta.templates) || !meta.templates.length || !select) return;
    const current = select.value;
    select.replaceChildren(...meta.templates.map((name) => el("option", { value: name }, name[0].toUpperCase() + name.slice(1))));
    select.value = meta.templates.includes(current) ? current : (meta.defaultTemplate || meta.templates[0]);
  });
  append(view, 
    pageHeader("Your tailored version", {
      lead: `Made ${formatDate(version.createdAt)} · score ${formatScore(version.score)} · ${plural(accepted.length, "accepted change")}`,
      actions: [linkButton(`/app/optimizations/${encodeURIComponent(version.optimizationId)}`, "Back to the review", { tone: "secondary" }),
        linkButton("/app/versions", "All versions", { tone: "ghost" })],
    }),
    query.get("created") ? el("p", { class: "flash flash-ok", role: "status" }, "Version created.") : null,
    panel("Export", el("p", { class: "muted" }, "Each file is read back after it is made, to prove an applicant tracking system can read it."), form, result),
    panel("Exports", exportsBox),
    panel("The text of this version", documentView(version.optimizedSections)));
}
