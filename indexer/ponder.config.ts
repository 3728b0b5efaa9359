// Type shim only: Ponder's generated ponder-env.d.ts looks for the config beside the schema.
// The real configuration is ../ponder.config.ts (run with `--config ../ponder.config.ts`).
export { default } from "../ponder.config.js";
