// Cardano failures → one sentence for the user. CIP-30 wallets throw plain objects {code, info}: APIError
// (-1 invalid request, -2 internal, -3 refused, -4 account changed) while connecting, TxSignError (1 proof
// generation, 2 user declined) while signing, TxSendError (1 refused, 2 failure) while submitting.

export type CardanoStage = "connect" | "read" | "list" | "buy" | "cancel";

const ACTION: Record<CardanoStage, string> = {
  connect: "connect the wallet",
  read: "load the Cardano listings",
  list: "list your licenses",
  buy: "buy this listing",
  cancel: "cancel your listing",
};

function field(error: unknown, key: string): unknown {
  return typeof error === "object" && error !== null ? (error as Record<string, unknown>)[key] : undefined;
}

function text(error: unknown): string {
  if (error instanceof Error) return error.message;
  const info = field(error, "info") ?? field(error, "message");
  return typeof info === "string" ? info : String(error);
}

/** One sentence saying what went wrong and what to do; `wallet` names the wallet when one is involved. */
export function cardanoErrorMessage(error: unknown, stage: CardanoStage, wallet = "your wallet"): string {
  const name = field(error, "name");
  const code = field(error, "code");
  const message = text(error);
  if (name === "CardanoConfigError") {
    return `Cardano is misconfigured: ${message}. Fix the VITE_ variable in the app's .env and rebuild.`;
  }
  if (name === "ScriptRejectedError") {
    const failures = field(error, "failures");
    const why = Array.isArray(failures) && failures.length > 0 ? failures.join("; ") : message;
    return `The market script would reject this transaction (${why}); nothing was signed or sent.`;
  }
  if (stage === "connect" && (code === -3 || /refuse|declin|reject|cancel/i.test(message))) {
    return `You declined the connection in ${wallet}. Nothing was shared; connect again when ready.`;
  }
  if (code === -4) return `The account in ${wallet} changed. Connect again to use the new account.`;
  // Signing codes only mean "declined" at the sign step (TxSendError 2 is a submit failure), and a
  // node's "rejected: BadInputsUTxO" is not the user declining.
  const step = field(error, "step");
  if (
    stage !== "connect" &&
    step !== "submit" &&
    (code === 2 || code === -3 || /user (declined|rejected|cancel)|declined/i.test(message))
  ) {
    return `You declined to sign in ${wallet}. Nothing was sent.`;
  }
  if (step === "submit") {
    return `${wallet[0]?.toUpperCase()}${wallet.slice(1)} signed, but the transaction was not accepted (${message}). Nothing was spent; reload the listings and retry.`;
  }
  if (name === "CardanoMarketError") {
    return `Could not ${ACTION[stage]}: ${message}.`;
  }
  if (/insufficient|inputs? exhausted|not enough/i.test(message)) {
    return `${wallet[0]?.toUpperCase()}${wallet.slice(1)} does not hold enough ADA for this transaction and its fee.`;
  }
  if (/fetch|network|ECONNREFUSED|Failed to load|WebSocket/i.test(message)) {
    return `The Cardano provider could not be reached, so the app could not ${ACTION[stage]}. Check your connection or the provider settings and retry.`;
  }
  return `Could not ${ACTION[stage]}: ${message}`;
}
