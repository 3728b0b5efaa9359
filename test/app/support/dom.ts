// jsdom for a test file that runs in vitest's node environment: import this first (before Testing Library,
// whose `screen` binds to document.body when loaded). In the jsdom environment Vite rewrites
// `new URL(path, import.meta.url)` to http://localhost:3000/…, which breaks the chain fixture's artifact reads;
// in the node environment modules keep file URLs (test/app/chat.test.tsx).
import { builtinEnvironments } from "vitest/runtime";

const dom = await builtinEnvironments.jsdom.setup(globalThis, { jsdom: { url: "http://localhost:3000" } });

/** Removes the jsdom globals again (afterAll). */
export const teardownDom = async (): Promise<void> => {
  await dom.teardown(globalThis);
};
