// Building DOM nodes safely: every string becomes a text node, never markup.

/**
 * Create an element. `attrs` keys: `class`, `text`, `on<event>` (listeners), `dataset`, boolean
 * attributes given as true/false, anything else via setAttribute. Children may be nodes, strings,
 * numbers, arrays, null or undefined (skipped).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

/** Append children (nodes, strings, numbers, arrays; null, undefined and false skipped) to `node`. */
export function append(node, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replace every child of `node`. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

let idCounter = 0;
/** A document-unique id with a readable prefix. */
export function uid(prefix = "id") {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** Say `message` to screen readers through the page's polite live region. */
export function announce(message) {
  const region = document.getElementById("announcer");
  if (!region) return;
  region.textContent = "";
  // A fresh text node after a tick makes screen readers read repeated messages again.
  window.setTimeout(() => { region.textContent = message; }, 50);
}

/** Set the document title and the page heading's text together. */
export function setTitle(title) {
  document.title = title ? `${title} · resuMAX` : "resuMAX";
}
