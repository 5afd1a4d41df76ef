// Installs the engine's WebAssembly kernel (stages 4-6, 7-9, the metrics' count) in the
// engine's workers, as a side effect of importing this module; workers may compile it
// synchronously. Without WebAssembly the engine runs its JavaScript passes, which give the
// same bits, only more slowly; nothing else changes.

import kernel from 'virtual:period-end-kernel';
import { installPeriodEndKernel } from '../../engine/kernel.ts';

function install(): boolean {
  try {
    const text = atob(kernel);
    const bytes = new Uint8Array(text.length);
    for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k);
    installPeriodEndKernel(bytes);
    return true;
  } catch {
    return false;
  }
}

export const kernelInstalled = install();
