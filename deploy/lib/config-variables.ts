// Hardhat resolves configuration variables (RPC URLs, the deployer key, the Etherscan key) lazily and
// stops at the first missing one with a three-line message. This checks them all up front so a
// deploy or verify fails with ONE line naming every missing variable.
interface ConfigVariableLike {
  _type: "ResolvedConfigurationVariable";
  name: string;
  get(): Promise<string>;
}

function isConfigVariable(value: unknown): value is ConfigVariableLike {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { _type?: unknown })._type === "ResolvedConfigurationVariable"
  );
}

/** Every configuration variable inside `value` (objects and arrays walked, one level of nesting each). */
function configVariablesIn(value: unknown, depth = 3): ConfigVariableLike[] {
  if (isConfigVariable(value)) return [value];
  if (depth === 0 || typeof value !== "object" || value === null) return [];
  return Object.values(value).flatMap((inner) => configVariablesIn(inner, depth - 1));
}

/** Names of the variables that cannot be resolved (neither in the environment nor in the keystore). */
export async function missingConfigVariables(value: unknown): Promise<string[]> {
  const missing: string[] = [];
  for (const variable of configVariablesIn(value)) {
    try {
      await variable.get();
    } catch (error) {
      if (!/HHE7\b/.test(String((error as Error).message))) throw error;
      if (!missing.includes(variable.name)) missing.push(variable.name);
    }
  }
  return missing;
}

export function missingVariablesMessage(command: string, network: string, missing: string[]): string {
  const plural = missing.length > 1 ? "s" : "";
  return `${command} --network ${network}: missing configuration variable${plural} ${missing.join(", ")} (export ${missing.length > 1 ? "them" : "it"}, or store ${missing.length > 1 ? "them" : "it"} with \`npx hardhat keystore set <NAME>\`)`;
}
