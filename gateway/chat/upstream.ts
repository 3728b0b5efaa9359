// The OpenAI-compatible upstream of an LLM AIM over node:http (keep-alive agent): open a streamed completion,
// give up when it sends nothing for `timeoutMs`, and split its server-sent events into `data:` payloads.
import { Agent, type IncomingMessage, request } from "node:http";
import { request as httpsRequest } from "node:https";
import { StringDecoder } from "node:string_decoder";
import { ChatError } from "./errors.js";

export interface UpstreamConfig {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1024 });

/**
 * POSTs `body` to `<baseUrl>/chat/completions` (baseUrl ends in /v1) and resolves with the 200 response. Refuses
 * with 504 upstream_timeout when no answer comes within timeoutMs, 502 upstream_error on a failure or non-200.
 * `signal` aborts it (the client went away).
 */
export function openUpstream(
  config: UpstreamConfig,
  body: Record<string, unknown>,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const url = new URL(`${config.baseUrl.replace(/\/$/, "")}/chat/completions`);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const send = url.protocol === "https:" ? httpsRequest : request;
    const outgoing = send(url, {
      method: "POST",
      agent: url.protocol === "https:" ? undefined : agent,
      signal,
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(payload),
        accept: "text/event-stream",
        ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
      },
    });
    const timer = setTimeout(() => {
      outgoing.destroy();
      reject(
        new ChatError(
          504,
          "upstream_timeout",
          `the model server did not answer within ${config.timeoutMs} ms; nothing was charged`,
        ),
      );
    }, config.timeoutMs);
    outgoing.once("error", (error) => {
      clearTimeout(timer);
      reject(
        signal.aborted
          ? new ChatError(499, "client_closed", "the client went away before the model answered")
          : new ChatError(
              502,
              "upstream_error",
              `the model server failed: ${error.message}; nothing was charged`,
            ),
      );
    });
    outgoing.once("response", (response) => {
      clearTimeout(timer);
      if (response.statusCode === 200) return resolve(response);
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        if (text.length < 4096) text += chunk;
      });
      response.once("end", () =>
        reject(
          new ChatError(
            502,
            "upstream_error",
            `the model server answered HTTP ${response.statusCode}; nothing was charged`,
            {
              upstream: text.slice(0, 4096),
            },
          ),
        ),
      );
      response.once("error", () => reject(new ChatError(502, "upstream_error", "the model server failed")));
    });
    outgoing.end(payload);
  });
}

/** Splits a server-sent event stream into its `data:` payloads (multi-line data joined by "\n"). */
export class SseParser {
  private readonly decoder = new StringDecoder("utf8");
  private buffer = "";

  push(chunk: Buffer): string[] {
    this.buffer += this.decoder.write(chunk);
    if (this.buffer.includes("\r")) this.buffer = this.buffer.replace(/\r\n?/g, "\n");
    const out: string[] = [];
    let end = this.buffer.indexOf("\n\n");
    while (end !== -1) {
      const event = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let data: string | undefined;
      for (const line of event.split("\n")) {
        if (!line.startsWith("data:")) continue;
        const value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
        data = data === undefined ? value : `${data}\n${value}`;
      }
      if (data !== undefined) out.push(data);
      end = this.buffer.indexOf("\n\n");
    }
    return out;
  }
}
