// Refusals of the OpenAI-compatible routes, in OpenAI's error shape: {"error": {message, type, code, param, ...}}.
// A GatewayError from the voucher check (gateway/errors.ts) keeps its code, status and details.
import { GatewayError } from "../errors.js";

const TYPE_OF_STATUS: Record<number, string> = {
  400: "invalid_request_error",
  402: "payment_required",
  404: "not_found_error",
  409: "conflict_error",
  502: "upstream_error",
  503: "service_unavailable",
  504: "upstream_timeout",
};

export class ChatError extends Error {
  override name = "ChatError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly param: string | null = null,
  ) {
    super(message);
  }

  toJSON() {
    return {
      error: {
        message: this.message,
        type: TYPE_OF_STATUS[this.status] ?? "server_error",
        code: this.code,
        param: this.param,
        ...this.details,
      },
    };
  }
}

/** Any error as a ChatError: GatewayErrors keep their code and status, anything else is a 500. */
export function toChatError(error: unknown): ChatError {
  if (error instanceof ChatError) return error;
  if (error instanceof GatewayError)
    return new ChatError(error.status, error.code, error.message, error.details);
  console.error("gateway: unexpected error on a chat route", error);
  return new ChatError(500, "internal", "internal error");
}
