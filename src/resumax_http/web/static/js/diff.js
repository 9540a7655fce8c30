// Word-level diff, computed in the browser: the longest common subsequence of word and space tokens.

const MAX_CELLS = 4_000_000;

/** Split text into words, whitespace runs and punctuation, keeping every character. */
export function tokenize(text) {
  return String(text || "").match(/\s+|[\p{L}\p{N}][\p{L}\p{N}'’+#.\-/]*[\p{L}\p{N}+#]|[\p{L}\p{N}]|[^\s\p{L}\p{N}]/gu) || [];
}

function merge(parts) {
  const out = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (last && last.type === part.type) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}

/**
 * Diff `before` and `after` into segments `{type: "same" | "del" | "ins", text}`; reading the "same"
 * and "del" segments gives `before`, the "same" and "ins" segments give `after`.
 */
export function diffWords(before, after) {
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const head = a.slice(0, start).join("");
  const tail = a.slice(endA).join("");
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const parts = [];
  if (head) parts.push({ type: "same", text: head });
  if ((midA.length + 1) * (midB.length + 1) > MAX_CELLS) {
    if (midA.length) parts.push({ type: "del", text: midA.join("") });
    if (midB.length) parts.push({ type: "ins", text: midB.join("") });
  } else {
    parts.push(...collapseIfScattered(lcsDiff(midA, midB), midA, midB));
  }
  if (tail) parts.push({ type: "same", text: tail });
  return merge(parts);
}

const WORD = /[\p{L}\p{N}]/u;

// When a rewrite keeps only a few scattered words ("and", "the"), word-level marks are noise:
// show the changed stretch as one deletion and one insertion instead.
function collapseIfScattered(parts, a, b) {
  const words = (tokens) => tokens.filter((token) => WORD.test(token)).length;
  const kept = parts.filter((part) => part.type === "same").reduce((sum, part) => sum + words(tokenize(part.text)), 0);
  const edits = parts.filter((part) => part.type !== "same").length;
  if (edits > 2 && kept < 0.34 * Math.min(words(a), words(b))) {
    return [{ type: "del", text: a.join("") }, { type: "ins", text: b.join("") }].filter((part) => part.text);
  }
  return parts;
}

// A heaviest common subsequence: a shared word weighs more than shared spaces or punctuation, so
// the diff keeps words in place rather than commas.
function lcsDiff(a, b) {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      table[i * cols + j] = a[i] === b[j]
        ? table[(i + 1) * cols + j + 1] + (WORD.test(a[i]) ? 4 : 1)
        : Math.max(table[(i + 1) * cols + j], table[i * cols + j + 1]);
    }
  }
  const parts = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j] && table[i * cols + j] === table[(i + 1) * cols + j + 1] + (WORD.test(a[i]) ? 4 : 1)) {
      parts.push({ type: "same", text: a[i] });
      i += 1;
      j += 1;
    } else if (table[(i + 1) * cols + j] >= table[i * cols + j + 1]) {
      parts.push({ type: "del", text: a[i] });
      i += 1;
    } else {
      parts.push({ type: "ins", text: b[j] });
      j += 1;
    }
  }
  while (i < a.length) parts.push({ type: "del", text: a[i++] });
  while (j < b.length) parts.push({ type: "ins", text: b[j++] });
  return absorbSpaces(parts);
}

// A lone unchanged space between two edits reads better as part of the edit.
function absorbSpaces(parts) {
  const out = [];
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index];
    const prev = out[out.length - 1];
    const next = parts[index + 1];
    if (part.type === "same" && /^\s+$/.test(part.text) && prev && next && prev.type !== "same" && next.type !== "same") {
      out.push({ type: "del", text: part.text }, { type: "ins", text: part.text });
    } else {
      out.push(part);
    }
  }
  return merge(reorder(out));
}

// Group each run of edits as all deletions, then all insertions.
function reorder(parts) {
  const out = [];
  let dels = [];
  let inss = [];
  const flush = () => {
    out.push(...dels, ...inss);
    dels = [];
    inss = [];
  };
  for (const part of parts) {
    if (part.type === "del") dels.push(part);
    else if (part.type === "ins") inss.push(part);
    else {
      flush();
      out.push(part);
    }
  }
  flush();
  return out;
}
