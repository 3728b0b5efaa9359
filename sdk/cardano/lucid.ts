// Lazy access to lucid-cardano. Its module instantiates ~3 MB of WASM (CML) when first evaluated, so nothing
// in sdk/cardano imports it at the top level except as `import type`: code that only needs the types, the
// datum shapes or the configuration pays nothing until a function here is awaited.
import type * as LucidModule from "lucid-cardano";

export type Lucid = LucidModule.Lucid;
export type LucidModuleType = typeof LucidModule;

let loading: Promise<LucidModuleType> | undefined;

/** Loads lucid-cardano (and its WASM) once; later calls share the same promise. */
export function loadLucid(): Promise<LucidModuleType> {
  loading ??= import("lucid-cardano");
  return loading;
}
