import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Every simulator reply is checked against the spec's reply schemas (test/setup/reply-audit.ts).
    setupFiles: ["test/setup/reply-audit.ts"],
    // test/package builds and packs the package: a slow beforeAll of its own.
  },
});
