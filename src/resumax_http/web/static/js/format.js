// How values read on screen: dates, scores, sizes and statuses.

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** "12 Mar 2025, 14:05" in the reader's locale; "—" when missing or unreadable. */
export function formatDate(value) {
  if (!value) return "—";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "—" : dateFormat.format(date);
}

/** A machine-readable <time> companion: the ISO value, or "" when missing. */
export function isoDate(value) {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString();
}

/** A 0–100 score with no needless decimals; "—" when there is none. */
export function formatScore(value) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return "—";
  const rounded = Math.round(Number(value) * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** Points with one decimal: "33.8". */
export function formatPoints(value) {
  return (Math.round(Number(value || 0) * 10) / 10).toFixed(1);
}

/** Bytes as "840 KB" or "10 MB". */
export function formatBytes(bytes) {
  const value = Number(bytes || 0);
  if (value < 1024) return `${value} bytes`;
  if (value < 1024 * 1024) return `${Math.round(value / 1024)} KB`;
  const mb = value / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

const STATUS_LABELS = {
  pending: "Waiting for upload",
  parsing: "Reading",
  completed: "Ready",
  failed: "Failed",
  queued: "Queued",
  processing: "Analysing",
  generating: "Writing suggestions",
};

/** A person's word for a parse or optimization status. */
export function statusLabel(status) {
  return STATUS_LABELS[status] || String(status || "unknown");
}

/** The badge tone of a status: "ok", "warn", "bad" or "info". */
export function statusTone(status) {
  if (status === "completed") return "ok";
  if (status === "failed") return "bad";
  if (status === "pending") return "warn";
  return "info";
}

/** "1 change" / "3 changes". */
export function plural(count, one, many = one + "s") {
  return `${count} ${count === 1 ? one : many}`;
}
