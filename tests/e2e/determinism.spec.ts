// Same scenario + seed + decisions = the same run, bit for bit, in Node and in Chromium:
// the engine is bundled as it ships (Vite), run in the page, and compared with Node's run.
import { expect, test } from '@playwright/test';
import { build } from 'vite';
import { runFingerprint } from '../../src/engine/fingerprint.ts';

test('a run gives the identical fingerprint in Chromium and in Node', async ({ page }) => {
  test.setTimeout(90_000);
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: {
        entry: 'src/engine/fingerprint.ts',
        formats: ['iife'],
        name: 'LoyaltyEngine',
        fileName: 'engine',
      },
    },
  });
  const outputs = Array.isArray(out) ? out : [out];
  const chunk = outputs
    .flatMap((o) => ('output' in o ? o.output : []))
    .find((c) => c.type === 'chunk');
  expect(chunk, 'the engine bundle').toBeTruthy();
  await page.setContent('<!doctype html><title>engine</title>');
  await page.addScriptTag({ content: (chunk as { code: string }).code });
  for (const seed of [1, 77]) {
    const inBrowser = await page.evaluate(
      ([s]) =>
        (
          window as unknown as {
            LoyaltyEngine: { runFingerprint: (a: number, b: number, c: number) => string };
          }
        ).LoyaltyEngine.runFingerprint(s, 1500, 8),
      [seed],
    );
    const inNode = runFingerprint(seed, 1500, 8);
    expect(inBrowser.length).toBeGreaterThan(10_000);
    if (inBrowser !== inNode) {
      let k = 0;
      while (k < inNode.length && inNode[k] === inBrowser[k]) k++;
      // Show where the runs part, not two whole runs.
      expect(inBrowser.slice(Math.max(0, k - 300), k + 80), `runs differ from character ${k}`).toBe(
        inNode.slice(Math.max(0, k - 300), k + 80),
      );
    }
  }
});
