// The engine with its WebAssembly kernel, bundled into a page by determinism.spec.ts.
export { runFingerprint } from '../../src/engine/fingerprint.ts';
export { PeriodEndKernel, useKernel } from '../../src/engine/kernel.ts';
