// The packaging check runs on its own (`npm run test:packaging`): it makes the production build in
// dist/ (which the end-to-end run then reuses) and release/, and takes a while; unit runs skip it.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['test/packaging/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 300_000 },
});
