// Lazy access to lucid-cardano. Its module instantiates ~3 MB of WASM (CML) when first evaluated, so nothing
// in sdk/cardano imports it at the top level except as `import type`: code that only needs the types, the
// datum shapes or the configuration pays nothing until a function here is awaited.
import type * as LucidModule from "lucid-cardano";

export type Lucid = LucidModule.Lucid;
export type LucidModuleType = typeof LucidModule;

let loading: Promise<LucidModuleType> | undefined;

/** Loads lucid-cardano (and its WASM) once; later calls share the same promise. In the app's browser build
 * lucid's core instantiates its WASM without top-level await and exports the promise as `__lucidWasmReady`
 * (app/src/cardano/vitePlugin.ts): it is awaited here, so callers always get a ready module. */
export function loadLucid(): Promise<LucidModuleType> {
  loading ??= import("lucid-cardano").then(async (lucid) => {
    // Only the app's browser build has it (checked with `in`: a module mock refuses unknown names).
    if ("__lucidWasmReady" in lucid) await (lucid as { __lucidWasmReady: Promise<unknown> }).__lucidWasmReady;
    return lucid;
  });
  // A failed load (a network blip fetching the WASM) must not stick: the next call tries again.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
