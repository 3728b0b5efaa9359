// data: URIs let a local chain carry a manifest on chain without IPFS: the exact manifest bytes,
// base64-encoded, so keccak256 of the decoded bytes equals the manifestHash published beside it.
// Works in Node and browsers (atob/btoa, no Buffer).

const PREFIX = "data:application/json;base64,";

/** Encodes manifest bytes (or text, or an object serialised with JSON.stringify) as a data: URI. */
export function toDataUri(content: Uint8Array | string | object): string {
  const bytes = toBytes(content);
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return PREFIX + btoa(binary);
}

/** True when `uri` is a `data:` URI (whatever its media type). */
export function isDataUri(uri: string): boolean {
  return uri.slice(0, 5).toLowerCase() === "data:";
}

/**
 * The exact bytes a JSON `data:` URI carries: `data:application/json[;charset=utf-8][;base64],…`.
 * Throws an Error saying what is wrong for any other URI.
 */
export function fromDataUri(uri: string): Uint8Array {
  if (!isDataUri(uri)) throw new Error(`not a data: URI (starts with "${uri.slice(0, 16)}")`);
  const comma = uri.indexOf(",");
  if (comma < 0) throw new Error("malformed data: URI: no comma before the payload");
  const meta = uri.slice(5, comma).toLowerCase().split(";");
  const mediaType = meta[0] ?? "";
  if (mediaType !== "application/json" && mediaType !== "") {
    throw new Error(`data: URI media type is "${mediaType}", expected application/json`);
  }
  const payload = uri.slice(comma + 1);
  if (meta.includes("base64")) {
    let binary: string;
    try {
      binary = atob(payload);
    } catch {
      throw new Error("data: URI payload is not valid base64");
    }
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  try {
    return new TextEncoder().encode(decodeURIComponent(payload));
  } catch {
    throw new Error("data: URI payload is not valid percent-encoding");
  }
}

function toBytes(content: Uint8Array | string | object): Uint8Array {
  if (content instanceof Uint8Array) return content;
  if (typeof content === "string") return new TextEncoder().encode(content);
  return new TextEncoder().encode(JSON.stringify(content));
}
