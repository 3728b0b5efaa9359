// An AIM running in its own container: the gateway forwards the paid call to it over HTTP.
import { type AimHandler, AimInputError, type AimRequest } from "./types.js";

export function upstreamAim(baseUrl: string, timeoutMs = 30_000): AimHandler {
  const base = baseUrl.replace(/\/$/, "");
  return {
    prepare(request: AimRequest) {
      if (!request.uri.startsWith("/")) throw new AimInputError(`bad endpoint ${request.uri}`);
      return async () => {
        const url = new URL(base + request.uri);
        for (const [key, value] of Object.entries(request.query)) url.searchParams.set(key, value);
        const response = await fetch(url, {
          method: request.method,
          headers: request.body === undefined ? {} : { "content-type": "application/json" },
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) throw new Error(`upstream AIM answered HTTP ${response.status}`);
        return response.json();
      };
    },
  };
}
