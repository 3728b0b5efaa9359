// Prometheus metrics (prom-client), one registry per gateway, served at GET /metrics. Every series is labelled by
// AIM (`aim`, the id; "unknown" when the request named no AIM this node serves) and by kind: `call` (fixed price,
// /aims/:id/call/*) or `chat` (metered, /v1/chat/completions). Amounts are the channel token's base units
// (micro-USDC).
import type { ServerResponse } from "node:http";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: "aim_requests_total",
    help: "Requests answered, by AIM, kind and HTTP status",
    labelNames: ["aim", "kind", "status"] as const,
    registers: [this.registry],
  });
  private readonly refusals = new Counter({
    name: "aim_refusals_total",
    help: "Requests refused, by AIM, kind and error code",
    labelNames: ["aim", "kind", "code"] as const,
    registers: [this.registry],
  });
  private readonly paid = new Counter({
    name: "aim_paid_amount_total",
    help: "Amount charged (token base units, micro-USDC), by AIM and kind",
    labelNames: ["aim", "kind"] as const,
    registers: [this.registry],
  });
  private readonly tokens = new Counter({
    name: "aim_tokens_total",
    help: "Tokens charged on metered calls, by AIM and direction (in: prompt, out: completion)",
    labelNames: ["aim", "direction"] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: "aim_request_duration_seconds",
    help: "Time from request to the last byte of the answer, by AIM and kind",
    labelNames: ["aim", "kind"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly ttft = new Histogram({
    name: "aim_time_to_first_token_seconds",
    help: "Time from request to the first completion token written to the client, by AIM",
    labelNames: ["aim"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor(defaults = false) {
    if (defaults) collectDefaultMetrics({ register: this.registry });
  }

  /** One answered request (any status); `code` is the refusal's error code when it was refused. */
  request(aim: string, kind: "call" | "chat", status: number, seconds: number, code?: string): void {
    this.requests.inc({ aim, kind, status: String(status) });
    this.duration.observe({ aim, kind }, seconds);
    if (code !== undefined) this.refusals.inc({ aim, kind, code });
  }

  charged(aim: string, kind: "call" | "chat", amount: bigint, tokensIn = 0, tokensOut = 0): void {
    if (amount > 0n) this.paid.inc({ aim, kind }, Number(amount));
    if (tokensIn > 0) this.tokens.inc({ aim, direction: "in" }, tokensIn);
    if (tokensOut > 0) this.tokens.inc({ aim, direction: "out" }, tokensOut);
  }

  firstToken(aim: string, seconds: number): void {
    this.ttft.observe({ aim }, seconds);
  }

  async serve(response: ServerResponse): Promise<void> {
    const text = await this.registry.metrics();
    response.writeHead(200, { "content-type": this.registry.contentType });
    response.end(text);
  }
}
