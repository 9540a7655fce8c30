// A small history-API router: the route lives in the URL, so reloads and shared links land in place.

const routes = [];
let renderCurrent = null;
let leaving = null;

/**
 * Register a route. `pattern` like "/app/optimizations/:id"; `page` is an async function
 * ({params, query, path}) → optional cleanup function; `options.auth`: "required" | "guest" | "any".
 */
export function route(pattern, page, options = {}) {
  const names = [];
  const source = pattern
    .split("/")
    .map((part) => {
      if (part.startsWith(":")) {
        names.push(part.slice(1));
        return "([^/]+)";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  routes.push({ pattern, regex: new RegExp("^" + source + "/?$"), names, page, auth: options.auth || "any" });
}

/** The route matching `path`, with its decoded params; null when none does. */
export function match(path) {
  for (const entry of routes) {
    const found = entry.regex.exec(path);
    if (!found) continue;
    const params = {};
    entry.names.forEach((name, index) => {
      try {
        params[name] = decodeURIComponent(found[index + 1]);
      } catch {
        params[name] = found[index + 1];
      }
    });
    return { ...entry, params };
  }
  return null;
}

/** Go to `url` (same origin), pushing a history entry unless `replace`. */
export function navigate(url, { replace = false } = {}) {
  const target = new URL(url, window.location.origin);
  const next = target.pathname + target.search + target.hash;
  const current = window.location.pathname + window.location.search + window.location.hash;
  if (replace) window.history.replaceState({}, "", next);
  else if (next !== current) window.history.pushState({}, "", next);
  return render();
}

/** Change the query string of the current URL without drawing the page again. */
export function updateQuery(values) {
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === "") url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  window.history.replaceState({}, "", url.pathname + url.search + url.hash);
}

async function render() {
  if (typeof leaving === "function") {
    try { leaving(); } catch { /* a page's cleanup must not stop the next page */ }
  }
  leaving = null;
  if (renderCurrent) leaving = await renderCurrent(window.location);
}

/**
 * Start routing: `renderer(location)` draws the current page and returns its cleanup. Links marked
 * `data-link` (and any same-origin link into the app) are followed without a page load.
 */
export function start(renderer) {
  renderCurrent = renderer;
  window.addEventListener("popstate", () => { render(); });
  document.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!anchor || anchor.target || anchor.hasAttribute("download")) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin || !match(url.pathname)) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
  return render();
}
