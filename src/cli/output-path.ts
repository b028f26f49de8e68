// Output paths checked before anything is computed or written: a file where a file goes, a folder where a folder goes.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { OptionError } from "../errors.ts";

/** A file to write: not a directory; its folder is created when missing (but is not a file). */
export function outFile(path: string, option: string): string {
  if (existsSync(path) && statSync(path).isDirectory())
    throw new OptionError(
      `${option} ${path}: is a directory; expected a file name, e.g. ${join(path, "out")}`,
    );
  const dir = dirname(path);
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new OptionError(`${option} ${path}: ${dir} is a file, not a folder; expected a path in a folder`);
  mkdirSync(dir, { recursive: true });
  return path;
}

/** A folder to write into: created when missing; an existing file there is an error. */
export function outDir(path: string, option: string): string {
  if (existsSync(path) && !statSync(path).isDirectory())
    throw new OptionError(`${option} ${path}: is a file; expected a folder (it is created when missing)`);
  mkdirSync(path, { recursive: true });
  return path;
}

/** Folders --force must never replace whole. */
function precious(path: string): boolean {
  const full = resolve(path);
  return (
    full === resolve("/") ||
    full === resolve(homedir()) ||
    resolve(process.cwd()).startsWith(full) ||
    existsSync(join(full, ".git"))
  );
}

/**
 * A folder to fill from scratch: missing or empty, or (with `force`) replaced whole. `write` fills a fresh
 * sibling folder, which then takes the target's place, so a failed write leaves the old folder as it was.
 */
export async function replaceDir<T>(
  path: string,
  force: boolean,
  option: string,
  write: (dir: string) => Promise<T>,
): Promise<T> {
  if (existsSync(path) && !statSync(path).isDirectory())
    throw new OptionError(`${option} ${path}: is a file; expected a folder (missing or empty)`);
  const nonEmpty = existsSync(path) && readdirSync(path).length > 0;
  if (nonEmpty && !force)
    throw new OptionError(
      `${option} ${path}: the folder is not empty; expected a new or empty folder (or --force to replace it whole)`,
    );
  if (nonEmpty && precious(path))
    throw new OptionError(
      `${option} ${path}: refusing to replace this folder (the working directory, home, / or a git checkout); choose another folder`,
    );
  if (!nonEmpty) {
    mkdirSync(path, { recursive: true });
    return await write(path);
  }
  const parent = dirname(resolve(path));
  const fresh = join(parent, `.${basename(path)}.new-${process.pid}`);
  const old = join(parent, `.${basename(path)}.old-${process.pid}`);
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh);
  let result: T;
  try {
    result = await write(fresh);
  } catch (e) {
    rmSync(fresh, { recursive: true, force: true });
    throw e;
  }
  renameSync(path, old);
  renameSync(fresh, path);
  rmSync(old, { recursive: true, force: true });
  return result;
}
