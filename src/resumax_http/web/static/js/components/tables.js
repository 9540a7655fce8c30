// Data tables that stay readable on a phone: each cell carries its column name, and the stylesheet
// turns rows into stacked cards on narrow screens.

import { el } from "../dom.js";

/**
 * A table with a caption, `columns` ([{label, className}]) and `rows` (arrays of cell content, one
 * per column). The first cell of each row is a row header.
 */
export function dataTable(caption, columns, rows, { captionHidden = true } = {}) {
  return el("div", { class: "table-wrap" },
    el("table", { class: "data-table" },
      el("caption", { class: captionHidden ? "visually-hidden" : null }, caption),
      el("thead", {}, el("tr", {}, columns.map((column) => el("th", { scope: "col", class: column.className }, column.label)))),
      el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((cell, index) => {
        const column = columns[index];
        const attrs = { "data-label": column.label, class: column.className };
        return index === 0 ? el("th", { scope: "row", ...attrs }, cell) : el("td", attrs, cell);
      }))))));
}
