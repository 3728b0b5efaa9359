// Loopback ports: free ones for tests and benchmarks (get-port), chosen ones for `npm run dev`.
import getPort from "get-port";

const HOST = "127.0.0.1";

/** A port free on 127.0.0.1 right now (get-port also keeps it from being handed out twice in 15 s). */
export function freePort(): Promise<number> {
  return getPort({ host: HOST });
}

/** The port in `variable`, or `fallback` when it is unset. */
export function portFromEnv(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${variable}=${raw} is not a port number (1–65535)`);
  }
  return value;
}

/** Throws a one-line error naming `variable` when 127.0.0.1:`port` is taken. */
export async function assertPortFree(port: number, variable: string): Promise<void> {
  if ((await getPort({ host: HOST, port })) !== port) {
    throw new Error(
      `port ${port} on 127.0.0.1 is in use: stop what uses it or set ${variable} to another port`,
    );
  }
}
