import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // A whole shopping journey in Chromium, with pauses a person would make, on a shared machine.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // The page reacts within a second; ten leave room for a machine busy with other work.
    expect: { poll: { timeout: 10_000 } },
  },
})
