#!/usr/bin/env node
// The package's bin: runs the TypeScript CLI through tsx, resolved from this package.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
