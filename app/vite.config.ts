import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { lucidBrowserCore } from "./src/cardano/vitePlugin.js";

const appRoot = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

// The dApp: a static Vite build in app/dist. Env (VITE_INDEXER_URL, VITE_RPC_URL,
// VITE_WALLETCONNECT_PROJECT_ID, VITE_CHAIN_ID) is read from the repo root's .env files.
export default defineConfig({
  root: appRoot,
  envDir: repoRoot,
  base: "./",
  plugins: [react(), lucidBrowserCore()],
  server: { host: "127.0.0.1", strictPort: false, fs: { allow: [repoRoot] } },
  preview: { host: "127.0.0.1" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
    modulePreload: { polyfill: false },
  },
});
