// What this server tells anyone about itself (GET /meta): how email is delivered, the upload limit,
// the export templates. Optional: every use has a default when the server does not offer it.

import { api } from "./api.js";

let meta = null;

/** The server's `{mailMode, outboxDir?, maxUploadBytes?, templates?}`, or {} when unavailable. */
export function serverMeta() {
  if (!meta) meta = api.get("/meta", { auth: false }).catch(() => ({}));
  return meta;
}
