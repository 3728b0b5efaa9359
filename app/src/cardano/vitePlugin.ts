// Build- and dev-time (Node) helper for app/vite.config.ts, not browser code. lucid-cardano's core.js picks its
// WASM bindings with top-level-awaited dynamic imports (a Node branch with node-fetch, ws, fs and the
// nodejs/ bindings, and a browser branch). Bundled as is, that (1) makes Rolldown split the app's entry into
// many small shared chunks (rolldown/rolldown#10632: awaited dynamic imports disable merging into the
// entry), which grows the catalogue's JS, and (2) ships the Node bindings and their externalised fs/path
// stubs. For the browser (build and dev server) this plugin replaces core.js with its browser branch, written as static
// imports and without top-level await: the same modules, instantiated the same way, and the promise of
// their instantiation exported as `__lucidWasmReady`, which sdk/cardano/lucid.ts awaits before handing
// lucid out (no lucid module touches C or M while it is evaluated, only inside functions). The WASM still
// comes from `new URL("…_bg.wasm", import.meta.url)`, which Vite emits into app/dist/assets: same
// origin, no CDN.
import type { Plugin } from "vite";

const CORE = /[\\/]lucid-cardano[\\/]esm[\\/]src[\\/]core[\\/]core\.js$/;

const BROWSER_CORE = `
import * as C from "./libs/cardano_multiplatform_lib/cardano_multiplatform_lib.generated.js";
import * as M from "./libs/cardano_message_signing/cardano_message_signing.generated.js";
export const __lucidWasmReady = Promise.all([C.instantiate(), M.instantiate()]);
export { C, M };
`;

export function lucidBrowserCore(): Plugin {
  return {
    name: "aim:lucid-browser-core",
    enforce: "pre",
    // In dev, serve lucid from node_modules as is (pre-bundling would move its modules away from the
    // .wasm files their `new URL(…, import.meta.url)` points at); the transform below then applies too.
    config: () => ({ optimizeDeps: { exclude: ["lucid-cardano"] } }),
    transform(code, id) {
      if (!CORE.test(id)) return null;
      if (!code.includes("cardano_multiplatform_lib.generated.js")) {
        this.error("lucid-cardano core.js changed shape: review app/src/cardano/vitePlugin.ts");
      }
      return { code: BROWSER_CORE, map: null };
    },
  };
}
