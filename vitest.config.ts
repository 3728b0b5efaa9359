import { defineConfig } from "vitest/config";

// TypeScript tests outside the contracts (those run under `hardhat test`, node:test + Solidity).
// App component tests are .test.tsx and pick jsdom with a `// @vitest-environment jsdom` comment.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    exclude: ["test/contracts/**", "**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
