// A parsed or optimized resume shown as text: its sections, entries, bullets and lines.

import { el } from "../dom.js";

const SECTION_NAMES = {
  contact: "Contact", summary: "Summary", experience: "Experience", education: "Education", skills: "Skills",
  certifications: "Certifications", projects: "Projects", languages: "Languages", other: "Other",
};

/** A section kind as a person reads it ("experience" → "Experience"). */
export function sectionName(kind) {
  return SECTION_NAMES[kind] || String(kind || "Section");
}

function blocksView(blocks) {
  const out = [];
  let list = null;
  for (const block of blocks || []) {
    if (block.kind === "bullet") {
      if (!list) {
        list = el("ul", {});
        out.push(list);
      }
      list.append(el("li", {}, block.text));
      continue;
    }
    list = null;
    out.push(block.kind === "entry" ? el("p", { class: "doc-entry" }, block.text) : el("p", {}, block.text));
  }
  return out;
}

/** The document (`{sections: [{kind, heading, text, confidence, blocks}]}`) as headed sections. */
export function documentView(document, { headingLevel = 3 } = {}) {
  const sections = (document && document.sections) || [];
  if (!sections.length) return el("p", { class: "muted" }, "No sections were found.");
  const tag = `h${headingLevel}`;
  return el("div", { class: "document" }, sections.map((section) =>
    el("section", { class: "doc-section" },
      el(tag, {}, section.heading || sectionName(section.kind),
        section.confidence !== undefined && section.confidence < 0.6
          ? el("span", { class: "badge badge-warn doc-confidence" }, `guessed (${Math.round(section.confidence * 100)}%)`) : null),
      section.blocks && section.blocks.length ? blocksView(section.blocks) : el("p", {}, section.text || ""))));
}
