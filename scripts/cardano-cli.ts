// AIM Marketplace on Cardano from the command line: `npm run cardano:cli -- <command>` (see scripts/cardano/args.ts).
// A thin shell: parse argv, connect to the network configured in the environment, run the command.
import { connectFromEnv } from "@aim/sdk/cardano/provider";
import { parseCli, signs, USAGE } from "./cardano/args.js";
import { runCommand } from "./cardano/commands.js";

try {
  const invocation = parseCli(process.argv.slice(2));
  if (invocation.command.kind === "help") {
    console.log(USAGE);
  } else {
    const lucid = await connectFromEnv(process.env, signs(invocation.command));
    for (const line of await runCommand(lucid, invocation)) console.log(line);
  }
} catch (error) {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  if ((error as Error)?.name === "CliUsageError") console.error(USAGE);
  process.exitCode = 1;
}
