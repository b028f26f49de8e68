import { defineConfig } from "vitest/config";

// CLI tests spawn real processes; on a busy 2-core machine they need more than the 5 s default.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
