// `npm start` here (or `npm start -w @aim/gateway` at the root): starts a HyperBox gateway from GATEWAY_CONFIG
// (default: config.json beside this file) and the environment (see README.md). Stops cleanly on SIGINT/SIGTERM.
import { fileURLToPath } from "node:url";
import { describeVoucherRecovery } from "@aim/sdk/voucher-fast";
import { loadConfig } from "./config.js";
import { startGateway } from "./server.js";

const configPath = process.env.GATEWAY_CONFIG ?? fileURLToPath(new URL("config.json", import.meta.url));
const config = loadConfig(configPath);
const gateway = await startGateway(config, {
  // Crash tests only: die right after a voucher is stored, before the AIM runs and the call is answered.
  afterStore:
    process.env.GATEWAY_CRASH_AFTER_STORE === "1"
      ? () => {
          process.kill(process.pid, "SIGKILL");
        }
      : undefined,
});
console.log(
  `gateway listening on ${gateway.url} (node ${gateway.nodeId ?? "unregistered"}, ` +
    `store ${config.databaseUrl ? "postgres" : config.store.sqlitePath}); ${describeVoucherRecovery()}`,
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    gateway.close().then(() => process.exit(0));
  });
}
