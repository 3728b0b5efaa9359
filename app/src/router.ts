// Hash routes (#/aim/3?tab=listings): no server configuration, works from a static file server.
import { useSyncExternalStore } from "react";

export interface Route {
  /** The path part of the hash, e.g. "/aim/3". */
  path: string;
  /** The first path segment, e.g. "aim". */
  name: string;
  /** Remaining segments, e.g. ["3"]. */
  params: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, "") || "/";
  const [pathPart = "/", search = ""] = raw.split("?");
  const path = pathPart.startsWith("/") ? pathPart : `/${pathPart}`;
  const [name = "", ...params] = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { path, name, params, query: new URLSearchParams(search) };
}

function subscribe(listener: () => void): () => void {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}

export function href(path: string, query?: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  const search = params.toString();
  return `#${path}${search ? `?${search}` : ""}`;
}

/** Replaces the query of the current route without adding a history entry (filters, tabs). */
export function replaceQuery(query: Record<string, string | number | undefined | null>): void {
  const route = parseHash(window.location.hash);
  const next = href(route.path, query);
  if (next !== window.location.hash) {
    window.history.replaceState(null, "", next);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  }
}
