/** A Cardano operation refused before any transaction was built; `details` says which input was wrong. */
export class CardanoMarketError extends Error {
  override name = "CardanoMarketError";
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Missing or invalid network configuration; `variable` names the environment variable to set. */
export class CardanoConfigError extends Error {
  override name = "CardanoConfigError";
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}
