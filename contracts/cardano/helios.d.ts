// Types for the part of @helios-lang/compiler 0.17 this project uses. The package's package.json names a
// types/ folder it does not ship, so without this file every import of it is `any`.
declare module "@helios-lang/compiler" {
  /** A compiled Plutus program (UPLC). */
  export interface UplcProgramV2 {
    readonly plutusVersion: "PlutusScriptV2";
    /** CBOR bytes of the flat-encoded program (single CBOR wrapping). */
    toCbor(): number[] | Uint8Array;
    /** Blake2b-224 script hash (with the Plutus V2 tag byte). */
    hash(): number[] | Uint8Array;
    toString(): string;
  }

  export interface OptimizeOptions {
    /** Keep trace messages, so `error("…")`/`assert(…, "…")` texts reach whoever evaluates the script. */
    keepTracing?: boolean;
  }

  export interface CompileOptions {
    optimize?: boolean | OptimizeOptions;
    withAlt?: boolean;
  }

  export interface ProgramProps {
    isTestnet?: boolean;
    throwCompilerErrors?: boolean;
  }

  export class Program {
    constructor(mainSource: string, props?: ProgramProps);
    readonly name: string;
    readonly purpose: string;
    compile(optimizeOrOptions?: boolean | CompileOptions): UplcProgramV2;
    /** Sets the literal value of a top-level `const` (a UplcData from @helios-lang/uplc); false if absent. */
    changeParam(name: string, data: unknown): boolean;
  }

  export const VERSION: string;
}
