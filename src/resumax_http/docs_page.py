"""The interactive API documentation at ``/docs``: one HTML page, one script, one stylesheet, no CDN.

The script fetches ``/openapi.json`` and renders it: operations grouped by tag, their parameters,
request and response schemas, and a form to try each request with ``fetch`` (the access token is kept
in the page's memory only). Everything it shows is inserted as text nodes, never as HTML, so nothing in
the document or a response can run as markup.
"""

from __future__ import annotations

DOCS_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>resuMAX API</title>
<link rel="stylesheet" href="/assets/docs.css">
<link rel="icon" href="data:,">
<script src="/assets/docs.js" defer></script>
</head>
<body>
<header>
  <h1 id="title">resuMAX API</h1>
  <p id="description">Loading the OpenAPI document…</p>
  <label class="token">Access token
    <input id="token" type="password" autocomplete="off"
      placeholder="paste the accessToken from POST /auth/login">
  </label>
</header>
<main id="operations"></main>
<noscript>This page needs JavaScript; the raw document is at
  <a href="/openapi.json">/openapi.json</a>.</noscript>
</body>
</html>
"""

DOCS_JS = r""""use strict";
(() => {
  const state = { spec: null, token: "" };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function refName(schema) {
    return schema && schema.$ref ? schema.$ref.split("/").pop() : null;
  }

  function resolve(schema) {
    const name = refName(schema);
    return name ? state.spec.components.schemas[name] || {} : schema || {};
  }

  function typeLabel(schema) {
    const name = refName(schema);
    if (name) return name;
    if (schema.anyOf) return schema.anyOf.map(typeLabel).join(" | ");
    if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
    if (schema.type === "array") return typeLabel(schema.items || {}) + "[]";
    if (schema.format) return schema.type + " (" + schema.format + ")";
    return schema.type || "any";
  }

  function example(schema, depth) {
    const level = depth || 0;
    schema = resolve(schema);
    if (level > 5) return null;
    if (schema.examples && schema.examples.length) return schema.examples[0];
    if (schema.default !== undefined) return schema.default;
    if (schema.enum) return schema.enum[0];
    if (schema.anyOf) {
      const branch = schema.anyOf.find((s) => s.type !== "null") || schema.anyOf[0];
      return example(branch, level + 1);
    }
    switch (schema.type) {
      case "object": {
        const out = {};
        for (const [key, prop] of Object.entries(schema.properties || {})) {
          if ((schema.required || []).includes(key) || level === 0) out[key] = example(prop, level + 1);
        }
        return out;
      }
      case "array": return [example(schema.items || {}, level + 1)];
      case "integer": case "number": return schema.minimum !== undefined ? schema.minimum : 0;
      case "boolean": return false;
      case "string": return schema.format === "date-time" ? new Date().toISOString() : "string";
      default: return null;
    }
  }

  function schemaView(schema, depth) {
    const level = depth || 0;
    const label = el("code", {}, typeLabel(schema));
    const body = resolve(schema);
    if (level > 3 || !body.properties) return label;
    const list = el("ul", { class: "schema" });
    const required = body.required || [];
    for (const [key, prop] of Object.entries(body.properties)) {
      list.append(el("li", {},
        el("strong", {}, key), required.includes(key) ? el("span", { class: "req" }, " required ") : " ",
        schemaView(prop, level + 1),
        prop.description ? el("span", { class: "desc" }, " — " + prop.description) : null));
    }
    return el("div", {}, label, list);
  }

  function showResponse(target, response, text) {
    target.replaceChildren();
    target.append(el("div", { class: "status" }, response.status + " " + response.statusText));
    const id = response.headers.get("x-request-id");
    if (id) target.append(el("div", { class: "desc" }, "X-Request-ID: " + id));
    let pretty = text;
    try { pretty = JSON.stringify(JSON.parse(text), null, 2); } catch (error) { /* not JSON */ }
    target.append(el("pre", {}, pretty));
  }

  function tryForm(path, method, op) {
    const inputs = {};
    const form = el("form", { class: "try" });
    for (const param of op.parameters || []) {
      const hint = param.in + (param.required ? " (required)" : "");
      const input = el("input", { name: param.name, placeholder: hint });
      inputs[param.name] = [param, input];
      form.append(el("label", {}, param.name + " ", input));
    }
    let bodyInput = null;
    const content = op.requestBody ? op.requestBody.content : null;
    const jsonBody = content && content["application/json"];
    if (jsonBody) {
      bodyInput = el("textarea", { rows: "8", spellcheck: "false" });
      bodyInput.value = JSON.stringify(example(jsonBody.schema), null, 2);
      form.append(el("label", {}, "JSON body", bodyInput));
    } else if (content) {
      bodyInput = el("input", { type: "file" });
      form.append(el("label", {}, "File (" + Object.keys(content).join(", ") + ")", bodyInput));
    }
    const output = el("div", { class: "output" });
    form.append(el("button", { type: "submit" }, "Send " + method.toUpperCase()), output);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      let url = path;
      const query = new URLSearchParams();
      const headers = {};
      for (const [name, [param, input]] of Object.entries(inputs)) {
        if (!input.value) continue;
        if (param.in === "path") url = url.replace("{" + name + "}", encodeURIComponent(input.value));
        else if (param.in === "query") query.set(name, input.value);
        else if (param.in === "header") headers[name] = input.value;
      }
      if (query.toString()) url += "?" + query.toString();
      if ((op.security || []).length && state.token) headers.Authorization = "Bearer " + state.token;
      const init = { method: method.toUpperCase(), headers: headers };
      if (jsonBody && bodyInput.value.trim()) {
        headers["Content-Type"] = "application/json";
        init.body = bodyInput.value;
      } else if (content && bodyInput && bodyInput.files.length) {
        const file = bodyInput.files[0];
        if (content["multipart/form-data"]) {
          const data = new FormData();
          data.append("file", file);
          init.body = data;
        } else {
          headers["Content-Type"] = file.type || Object.keys(content)[0];
          init.body = file;
        }
      }
      try {
        const response = await fetch(url, init);
        showResponse(output, response, await response.text());
      } catch (error) {
        output.replaceChildren(el("pre", {}, String(error)));
      }
    });
    return form;
  }

  function operationView(path, method, op) {
    const details = el("details", { class: "op" });
    details.append(el("summary", {},
      el("span", { class: "method " + method }, method.toUpperCase()), " ",
      el("code", {}, path), " ", el("span", { class: "desc" }, op.summary || ""),
      (op.security || []).length
        ? el("span", { class: "lock", title: "needs an access token" }, " 🔒")
        : null));
    if (op.description) details.append(el("p", {}, op.description));
    if ((op.parameters || []).length) {
      const head = el("tr", {}, el("th", {}, "name"), el("th", {}, "in"), el("th", {}, "type"));
      const table = el("table", {}, head);
      for (const param of op.parameters) {
        table.append(el("tr", {}, el("td", {}, param.name + (param.required ? " *" : "")),
          el("td", {}, param.in), el("td", {}, typeLabel(param.schema || {}))));
      }
      details.append(el("h4", {}, "Parameters"), table);
    }
    if (op.requestBody) {
      details.append(el("h4", {}, "Request body"));
      for (const [media, entry] of Object.entries(op.requestBody.content)) {
        details.append(el("div", {}, el("em", {}, media + " "), schemaView(entry.schema || {})));
      }
    }
    details.append(el("h4", {}, "Responses"));
    const responses = el("ul", {});
    for (const [status, response] of Object.entries(op.responses || {})) {
      const item = el("li", {}, el("strong", {}, status + " "), response.description || "");
      for (const [media, entry] of Object.entries(response.content || {})) {
        item.append(el("div", {}, el("em", {}, media + " "), schemaView(entry.schema || {})));
      }
      responses.append(item);
    }
    details.append(responses, el("h4", {}, "Try it"), tryForm(path, method, op));
    return details;
  }

  async function main() {
    document.getElementById("token").addEventListener("input", (event) => {
      state.token = event.target.value.trim();
    });
    const response = await fetch("/openapi.json");
    state.spec = await response.json();
    document.getElementById("title").textContent = state.spec.info.title + " " + state.spec.info.version;
    document.getElementById("description").textContent = state.spec.info.description || "";
    const main = document.getElementById("operations");
    const groups = new Map((state.spec.tags || []).map((tag) => [tag.name, []]));
    for (const [path, item] of Object.entries(state.spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const tag = (op.tags || ["other"])[0];
        if (!groups.has(tag)) groups.set(tag, []);
        groups.get(tag).push(operationView(path, method, op));
      }
    }
    const descriptions = new Map((state.spec.tags || []).map((tag) => [tag.name, tag.description]));
    for (const [tag, views] of groups) {
      if (!views.length) continue;
      const intro = el("p", { class: "desc" }, descriptions.get(tag) || "");
      main.append(el("section", {}, el("h2", {}, tag), intro, ...views));
    }
  }

  main().catch((error) => {
    document.getElementById("description").textContent = "Could not load /openapi.json: " + error;
  });
})();
"""

STYLESHEET = """:root { color-scheme: light dark; --accent: #2b6cb0; }
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 70rem; padding: 1rem 1.5rem; }
header { border-bottom: 1px solid #8884; margin-bottom: 1rem; }
h2 { margin-top: 2rem; text-transform: capitalize; }
code, pre, textarea { font-family: ui-monospace, monospace; font-size: 13px; }
pre { background: #8881; padding: .75rem; overflow: auto; max-height: 30rem; white-space: pre-wrap; }
details.op { border: 1px solid #8884; border-radius: 6px; margin: .5rem 0; padding: .25rem .75rem; }
details.op > summary { cursor: pointer; padding: .25rem 0; }
.method { display: inline-block; min-width: 4.5rem; font-weight: 700; color: #fff; background: #666;
  border-radius: 4px; text-align: center; font-size: 12px; padding: 1px 4px; }
.method.get { background: #2f855a; } .method.post { background: #2b6cb0; }
.method.put { background: #b7791f; }
.method.patch { background: #805ad5; } .method.delete { background: #c53030; }
.desc { color: #777; } .req { color: #c53030; font-size: 12px; }
ul.schema { margin: .25rem 0 .25rem 1rem; padding-left: .75rem; }
table { border-collapse: collapse; } td, th { border: 1px solid #8884; padding: 2px 8px; text-align: left; }
form { display: grid; gap: .5rem; max-width: 40rem; }
label { display: grid; gap: .25rem; }
input, textarea, button { font: inherit; padding: .35rem .5rem; }
button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; cursor: pointer;
  width: fit-content; }
label.token { max-width: 40rem; margin-bottom: 1rem; }
.status { font-weight: 700; } .ok { color: #2f855a; } .error { color: #c53030; }
"""
