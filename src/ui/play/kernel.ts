// Installs the WebAssembly kernel of stages 7-9 in the engine's workers (a side effect of
// importing this module). Without WebAssembly the engine runs its JavaScript pass, which
// gives the same bits, about twice as slowly; nothing else changes.

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
