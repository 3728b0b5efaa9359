// Resolves an offer's `handler` setting: a built-in AIM by name, or an upstream URL.
import { textStatsAim } from "./text-stats.js";
import { type AimHandler, AimInputError } from "./types.js";
import { upstreamAim } from "./upstream.js";

const echoAim: AimHandler = {
  prepare: (request) => () => request.body ?? request.query,
};

// An LLM AIM is paid per token on /v1/chat/completions (gateway/chat/), never per call.
const openAiAim: AimHandler = {
  prepare: () => {
    throw new AimInputError(
      "this AIM is metered per token: call POST /v1/chat/completions with model aim-<id>",
    );
  },
};

const BUILT_IN: Record<string, AimHandler> = { "text-stats": textStatsAim, echo: echoAim, openai: openAiAim };

export function resolveAim(handler: string): AimHandler {
  const builtIn = BUILT_IN[handler];
  if (builtIn) return builtIn;
  if (/^https?:\/\//.test(handler)) return upstreamAim(handler);
  throw new Error(
    `unknown AIM handler "${handler}": use ${Object.keys(BUILT_IN).join(", ")} or an http(s) URL`,
  );
}

export { type AimHandler, AimInputError } from "./types.js";
