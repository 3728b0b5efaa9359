// Every refusal the gateway makes: a stable machine code, an HTTP status and a sentence saying exactly
// what was wrong. Routes turn a GatewayError into the JSON body {error, message, ...details}.

export type ErrorCode =
  | "payment_required"
  | "invalid_voucher"
  | "wrong_chain"
  | "wrong_contract"
  | "unknown_channel"
  | "wrong_payee"
  | "wrong_aim"
  | "wrong_token"
  | "channel_closed"
  | "channel_closing"
  | "channel_expired"
  | "wrong_signer"
  | "replay"
  | "underpaid"
  | "over_deposit"
  | "over_session_cap"
  | "not_licensed"
  | "unknown_aim"
  | "unknown_endpoint"
  | "method_not_allowed"
  | "bad_request"
  | "aim_failed"
  | "x402_invalid"
  | "x402_unsupported"
  | "x402_wrong_scheme"
  | "x402_wrong_network"
  | "x402_wrong_asset"
  | "x402_wrong_amount"
  | "x402_wrong_pay_to"
  | "x402_expired"
  | "x402_replay"
  | "x402_rejected"
  | "x402_settlement_failed"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  payment_required: 402,
  invalid_voucher: 400,
  wrong_chain: 402,
  wrong_contract: 402,
  unknown_channel: 402,
  wrong_payee: 402,
  wrong_aim: 402,
  wrong_token: 402,
  channel_closed: 402,
  channel_closing: 402,
  channel_expired: 402,
  wrong_signer: 402,
  replay: 409,
  underpaid: 402,
  over_deposit: 402,
  over_session_cap: 402,
  not_licensed: 503,
  unknown_aim: 404,
  unknown_endpoint: 404,
  method_not_allowed: 405,
  bad_request: 400,
  aim_failed: 502,
  x402_invalid: 402,
  x402_unsupported: 402,
  x402_wrong_scheme: 402,
  x402_wrong_network: 402,
  x402_wrong_asset: 402,
  x402_wrong_amount: 402,
  x402_wrong_pay_to: 402,
  x402_expired: 402,
  x402_replay: 402,
  x402_rejected: 402,
  x402_settlement_failed: 402,
  internal: 500,
};

/** A refusal with its code, message and optional details (amounts are decimal strings). */
export class GatewayError extends Error {
  override name = "GatewayError";
  /** Response headers of the refusal (a 402's PAYMENT-REQUIRED). */
  headers: Record<string, string> = {};
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  get status(): number {
    return STATUS[this.code];
  }

  toJSON(): Record<string, unknown> {
    return { error: this.code, message: this.message, ...this.details };
  }
}
