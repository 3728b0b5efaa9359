// What the gateway needs from an AIM: validate a request before it is paid for, then run it.

/** The request as the AIM sees it. */
export interface AimRequest {
  /** The endpoint uri from the manifest, e.g. "/analyze". */
  uri: string;
  method: string;
  query: Record<string, string>;
  /** Parsed JSON body (undefined for GET). */
  body: unknown;
}

/** Thrown by `prepare` when the request is invalid: the caller gets 400 and pays nothing. */
export class AimInputError extends Error {
  override name = "AimInputError";
}

export interface AimHandler {
  /** Checks the request and returns the work to do; throws AimInputError to refuse it before payment. */
  prepare(request: AimRequest): () => Promise<unknown> | unknown;
  close?(): Promise<void>;
}
