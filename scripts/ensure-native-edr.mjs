// Hardhat's simulator (EDR) ships its native binary as per-platform optional packages that
// declare `engines: node >= 22`. When `npm install` itself runs on an older system Node (npm
// picks the first `node` on PATH, and Node 24 is only pinned inside node_modules), npm silently
// skips them and Hardhat dies with HHE27. This postinstall step runs on the pinned Node and
// unpacks the one binding for this machine if, and only if, it is missing.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

// Checked in a child process: a failed native load stays cached in this one.
function bindingLoads() {
  try {
    execFileSync(process.execPath, ["-e", 'require("@nomicfoundation/edr")'], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function platformPackageName() {
  const { platform, arch } = process;
  if (platform !== "linux") return `@nomicfoundation/edr-${platform}-${arch}`;
  const musl = !process.report?.getReport()?.header?.glibcVersionRuntime;
  return `@nomicfoundation/edr-linux-${arch}-${musl ? "musl" : "gnu"}`;
}

// A workspace installed alone (`npm install --workspace=@aim/gateway --include-workspace-root=false`)
// has no Hardhat: nothing to fix then.
function hardhatInstalled() {
  try {
    require.resolve("@nomicfoundation/edr");
    return true;
  } catch {
    return false;
  }
}

if (hardhatInstalled() && !bindingLoads()) {
  const edrManifest = JSON.parse(
    readFileSync(join(dirname(require.resolve("@nomicfoundation/edr")), "package.json"), "utf8"),
  );
  const name = platformPackageName();
  const version = edrManifest.optionalDependencies?.[name];
  if (!version) {
    console.error(`ensure-native-edr: Hardhat has no native build for ${process.platform}-${process.arch}.`);
    process.exit(1);
  }
  const scratch = mkdtempSync(join(tmpdir(), "edr-"));
  const tarball = execFileSync(
    "npm",
    ["pack", `${name}@${version}`, "--silent", "--pack-destination", scratch],
    {
      encoding: "utf8",
    },
  ).trim();
  const target = join(dirname(require.resolve("@nomicfoundation/edr")), "..", name.split("/")[1]);
  mkdirSync(target, { recursive: true });
  execFileSync("tar", ["xzf", join(scratch, tarball), "-C", target, "--strip-components=1"]);
  rmSync(scratch, { recursive: true, force: true });
  if (!bindingLoads()) {
    console.error(`ensure-native-edr: unpacked ${name}@${version} but it still does not load.`);
    process.exit(1);
  }
  console.log(
    `ensure-native-edr: installed ${name}@${version} (npm had skipped it: it ran on an older Node).`,
  );
}
