// The packaging check runs on its own (`npm run test:packaging`): it rebuilds dist/ and release/,
// which must not happen while other tests read dist/renderer.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['test/packaging/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 300_000 },
});
