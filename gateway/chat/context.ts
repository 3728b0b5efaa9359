// The LLM AIMs of a node (offers with handler "openai": an OpenAI-compatible upstream, priced per token by the
// manifest's "x-per-token" extension) and what the chat routes share.
import type { PerTokenPrices } from "@aim/sdk/manifest";
import type { RouteContext } from "../call.js";
import type { OfferConfig } from "../config.js";
import type { GatewayMetrics } from "../metrics.js";
import type { Offer } from "../offers.js";
import type { Meter } from "./meter.js";
import type { UpstreamConfig } from "./upstream.js";

export interface LlmOffer {
  offer: Offer;
  prices: PerTokenPrices;
  upstream: UpstreamConfig;
}

export interface ChatContext {
  route: RouteContext;
  llm: Map<string, LlmOffer>;
  meter: Meter;
  metrics: GatewayMetrics;
}

/** The offers served through an upstream; throws when one lacks its upstream or its per-token prices. */
export function loadLlmOffers(
  configs: readonly OfferConfig[],
  offers: Map<string, Offer>,
): Map<string, LlmOffer> {
  const llm = new Map<string, LlmOffer>();
  for (const config of configs) {
    if (config.handler !== "openai") continue;
    const id = config.aimId.toString();
    const offer = offers.get(id) as Offer;
    const prices = offer.manifest["x-per-token"];
    if (!config.openai)
      throw new Error(`offer of AIM ${id}: handler "openai" needs an "openai" {baseUrl, model} section`);
    if (!prices)
      throw new Error(`offer of AIM ${id}: handler "openai" needs the manifest's "x-per-token" prices`);
    llm.set(id, { offer, prices, upstream: config.openai });
  }
  return llm;
}
