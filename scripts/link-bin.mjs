// postinstall: link this package's own bin into node_modules/.bin, so `npx chain-atlas` works in the checkout.
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const binDir = join(root, "node_modules", ".bin");
const target = join(root, "bin", "chain-atlas.js");
const link = join(binDir, "chain-atlas");
mkdirSync(binDir, { recursive: true });
if (existsSync(link) || isDanglingLink(link)) rmSync(link);
symlinkSync(relative(binDir, target), link);
chmodSync(target, 0o755);

function isDanglingLink(p) {
  try {
    rmSync(p);
    return false;
  } catch {
    return false;
  }
}
