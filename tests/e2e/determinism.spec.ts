// Same scenario + seed + decisions = the same run, bit for bit, in Node and in Chromium:
// the engine is bundled as it ships (Vite), run in the page, and compared with Node's run.
import { expect, test } from '@playwright/test';
import { build } from 'vite';
import type { Page } from '@playwright/test';
import { kernelWasm } from '../../scripts/kernel-wasm.ts';
import { runFingerprint } from '../../src/engine/fingerprint.ts';

/** Bundles `entry` as the app ships the engine (Vite, minified) into a blank page. */
async function loadEngine(page: Page, entry: string): Promise<void> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: {
        entry,
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
}

/** Fails showing where two runs part, not two whole runs. */
function expectSame(inBrowser: string, inNode: string): void {
  expect(inBrowser.length).toBeGreaterThan(10_000);
  if (inBrowser === inNode) return;
  let k = 0;
  while (k < inNode.length && inNode[k] === inBrowser[k]) k++;
  expect(inBrowser.slice(Math.max(0, k - 300), k + 80), `runs differ from character ${k}`).toBe(
    inNode.slice(Math.max(0, k - 300), k + 80),
  );
}

test('a run gives the identical fingerprint in Chromium and in Node', async ({ page }) => {
  test.setTimeout(90_000);
  await loadEngine(page, 'src/engine/fingerprint.ts');
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
    expectSame(inBrowser, runFingerprint(seed, 1500, 8));
  }
});

test('with the WebAssembly kernel, Chromium gives the runs Node gives without it', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await loadEngine(page, 'tests/e2e/kernelEntry.ts');
  const bytes = Array.from(await kernelWasm());
  // Several chunks of the kernel (16,384 customers each), events and tracked customers.
  const inBrowser = await page.evaluate(async (wasm) => {
    const engine = (
      window as unknown as {
        LoyaltyEngine: {
          PeriodEndKernel: { load: (b: Uint8Array) => Promise<unknown> };
          useKernel: (k: unknown) => void;
          runFingerprint: (a: number, b: number, c: number) => string;
        };
      }
    ).LoyaltyEngine;
    // A page compiles a module over 4 KiB only asynchronously (the workers synchronously).
    engine.useKernel(await engine.PeriodEndKernel.load(new Uint8Array(wasm)));
    return engine.runFingerprint(5, 40_000, 5);
  }, bytes);
  expectSame(inBrowser, runFingerprint(5, 40_000, 5));
});
