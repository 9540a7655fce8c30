// The API client: JSON requests with the bearer token, one token refresh on 401, and errors mapped
// to ApiError {status, code, message, details, requestId, fields}.

import { accessToken, clearSession, expiresSoon, isSignedIn, setTokens } from "./session.js";

const NETWORK_MESSAGE = "Could not reach resuMAX. Check your connection and try again.";

export class ApiError extends Error {
  constructor({ status = 0, code = "network", message = NETWORK_MESSAGE, details = null, requestId = "" } = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details || {};
    this.requestId = requestId;
  }

  /** Field name → message, from `details.fields` (422) or `details.field` (one field). */
  get fields() {
    const found = {};
    const fields = this.details && this.details.fields;
    if (fields && typeof fields === "object") {
      for (const [path, message] of Object.entries(fields)) {
        const name = String(path).split(".").pop();
        if (!(name in found)) found[name] = String(message);
      }
    }
    if (this.details && typeof this.details.field === "string" && !(this.details.field in found)) {
      found[this.details.field] = this.message;
    }
    return found;
  }
}

const unauthorizedListeners = new Set();
/** Called when the session cannot be renewed (the user must sign in again). */
export function onUnauthorized(listener) {
  unauthorizedListeners.add(listener);
}

async function errorFrom(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (body && typeof body.code === "string" && typeof body.message === "string") {
    return new ApiError({
      status: response.status,
      code: body.code,
      message: body.message,
      details: body.details,
      requestId: body.requestId || response.headers.get("x-request-id") || "",
    });
  }
  return new ApiError({
    status: response.status,
    code: "http_" + response.status,
    message: `resuMAX answered ${response.status} ${response.statusText}.`,
    requestId: response.headers.get("x-request-id") || "",
  });
}

async function send(path, init) {
  try {
    return await fetch(path, { credentials: "same-origin", ...init });
  } catch (error) {
    if (error && error.name === "AbortError") throw error;
    throw new ApiError();
  }
}

let refreshing = null;

async function refreshOnce() {
  const response = await send("/auth/refresh", { method: "POST", headers: { Accept: "application/json" } });
  if (!response.ok) throw await errorFrom(response);
  const tokens = await response.json();
  setTokens(tokens);
  return tokens.accessToken;
}

/**
 * Renew the access token from the HttpOnly refresh cookie. One refresh at a time in this tab, and
 * across tabs when the browser has Web Locks: a refresh token works once, so two racing refreshes
 * would sign the session out.
 */
export function refreshSession() {
  if (!refreshing) {
    const run = navigator.locks && navigator.locks.request
      ? navigator.locks.request("resumax-refresh", refreshOnce)
      : refreshOnce();
    refreshing = run.finally(() => { refreshing = null; });
  }
  return refreshing;
}

function headersFor(auth, extra) {
  const headers = { Accept: "application/json", ...(extra || {}) };
  const token = accessToken();
  if (auth && token) headers.Authorization = "Bearer " + token;
  return headers;
}

/**
 * Send a request and return the raw Response (for streams and downloads). With `auth`, the token is
 * renewed first when it is about to expire, and once more after a 401; if that fails the session is
 * cleared and `onUnauthorized` listeners run.
 */
export async function raw(method, path, { body, auth = true, headers, signal } = {}) {
  const init = { method, signal };
  const extra = { ...(headers || {}) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    extra["Content-Type"] = "application/json";
  }
  if (auth && isSignedIn() && expiresSoon()) {
    try { await refreshSession(); } catch { /* the request below answers 401 and we handle it there */ }
  }
  init.headers = headersFor(auth, extra);
  let response = await send(path, init);
  if (response.status === 401 && auth) {
    try {
      await refreshSession();
    } catch {
      clearSession();
      for (const listener of unauthorizedListeners) listener();
      throw await errorFrom(response);
    }
    init.headers = headersFor(auth, extra);
    response = await send(path, init);
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

/** A JSON request; resolves to the parsed body (null for 204). */
export async function request(method, path, options = {}) {
  const response = await raw(method, path, options);
  if (response.status === 204) return null;
  const type = response.headers.get("content-type") || "";
  return type.includes("json") ? response.json() : response.text();
}

export const api = {
  get: (path, options) => request("GET", path, options),
  post: (path, body, options) => request("POST", path, { ...options, body }),
  put: (path, body, options) => request("PUT", path, { ...options, body }),
  patch: (path, body, options) => request("PATCH", path, { ...options, body }),
  del: (path, body, options) => request("DELETE", path, { ...options, body }),
};

/** Path segment escaping for ids placed in URLs. */
export function seg(value) {
  return encodeURIComponent(String(value));
}

/**
 * Upload `file` as a presigned upload says (`{uploadUrl, method, headers, fields}`), reporting
 * progress as a 0–1 fraction. XMLHttpRequest because fetch has no upload progress.
 */
export function uploadFile(presigned, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const method = (presigned.method || "PUT").toUpperCase();
    xhr.open(method, presigned.uploadUrl);
    let body = file;
    if (method === "POST") {
      const form = new FormData();
      for (const [name, value] of Object.entries(presigned.fields || {})) form.append(name, value);
      form.append("file", file);
      body = form;
    } else {
      for (const [name, value] of Object.entries(presigned.headers || {})) xhr.setRequestHeader(name, value);
    }
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener("load", () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        if (onProgress) onProgress(1);
        resolve();
        return;
      }
      let parsed = null;
      try { parsed = JSON.parse(xhr.responseText); } catch { parsed = null; }
      if (parsed && typeof parsed.code === "string") {
        reject(new ApiError({ status: xhr.status, ...parsed }));
      } else {
        reject(new ApiError({
          status: xhr.status,
          code: "upload_failed",
          message: `The upload failed (${xhr.status}). Try again.`,
        }));
      }
    });
    xhr.addEventListener("error", () => reject(new ApiError()));
    xhr.addEventListener("abort", () => reject(new ApiError({ code: "aborted", message: "The upload was cancelled." })));
    xhr.send(body);
  });
}
