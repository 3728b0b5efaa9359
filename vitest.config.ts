import { defineConfig } from "vitest/config";

// TypeScript tests outside the contracts (those run under `hardhat test`, node:test + Solidity).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/contracts/**", "**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
