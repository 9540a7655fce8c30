// Server-sent events over fetch(): EventSource cannot send the Authorization header, so the stream
// is read with the bearer token and parsed here (the text/event-stream format, one event at a time).

import { raw } from "./api.js";

/**
 * Parse a text/event-stream chunk by chunk. Feed it text; it calls `onEvent({event, data, id})` for
 * each complete event (data lines joined by "\n") and `onRetry(ms)` for retry fields.
 */
export function createParser(onEvent, onRetry) {
  let buffer = "";
  let event = "";
  let data = [];
  let id = "";
  function line(text) {
    if (text === "") {
      if (data.length) onEvent({ event: event || "message", data: data.join("\n"), id });
      event = "";
      data = [];
      return;
    }
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const name = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (name === "event") event = value;
    else if (name === "data") data.push(value);
    else if (name === "id") id = value;
    else if (name === "retry" && /^\d+$/.test(value) && onRetry) onRetry(Number(value));
  }
  return {
    feed(text) {
      buffer += text;
      let index;
      while ((index = buffer.search(/\r\n|\r|\n/)) !== -1) {
        // A "\r" at the very end may be the first half of "\r\n": wait for the next chunk.
        if (buffer[index] === "\r" && index === buffer.length - 1) break;
        const end = buffer[index] === "\r" && buffer[index + 1] === "\n" ? index + 2 : index + 1;
        line(buffer.slice(0, index));
        buffer = buffer.slice(end);
      }
    },
  };
}

/**
 * Stream the events of `path` with the session's token until the server closes the stream or
 * `signal` aborts. `onEvent(name, data)` gets JSON-decoded data. Resolves with the retry delay the
 * server asked for (ms).
 */
export async function streamEvents(path, { onEvent, signal }) {
  const response = await raw("GET", path, { headers: { Accept: "text/event-stream" }, signal });
  let retry = 2000;
  const parser = createParser(({ event, data }) => {
    let parsed = data;
    try { parsed = JSON.parse(data); } catch { parsed = data; }
    onEvent(event, parsed);
  }, (ms) => { retry = ms; });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.feed(value);
    }
  } finally {
    reader.releaseLock();
  }
  return retry;
}
