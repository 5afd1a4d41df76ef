// The WebAssembly kernel's bytes (assembly/periodEnd.ts, compiled with AssemblyScript), for
// the Vite plugin (vite-plugins.ts), the command-line runner and the benchmark. Compiled on
// first use and cached in node_modules/.cache by a hash of the source and the compiler's
// version, so no build output is kept in git and no step has to be remembered.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The repository: next to this file, or (bundled, as by `npm run bench`) where npm runs.
const here = fileURLToPath(new URL('..', import.meta.url));
const root = existsSync(join(here, 'assembly', 'periodEnd.ts')) ? here : process.cwd();
export const KERNEL_SOURCE = join(root, 'assembly', 'periodEnd.ts');
const FLAGS = ['-O3', '--runtime', 'stub', '--noAssert', '--importMemory'];

export async function kernelWasm(): Promise<Uint8Array<ArrayBuffer>> {
  const source = readFileSync(KERNEL_SOURCE, 'utf8');
  const { version } = createRequire(join(root, 'package.json'))('assemblyscript/package.json');
  const key = createHash('sha256')
    .update(`${version}\n${FLAGS.join(' ')}\n${source}`)
    .digest('hex')
    .slice(0, 16);
  const cached = join(root, 'node_modules', '.cache', 'loyalty-lab', `periodEnd-${key}.wasm`);
  try {
    return new Uint8Array(readFileSync(cached));
  } catch {
    // not compiled yet
  }
  const asc = await import('assemblyscript/asc');
  let binary: Uint8Array | null = null;
  let errors = '';
  const { error } = await asc.main([KERNEL_SOURCE, ...FLAGS, '--outFile', 'periodEnd.wasm'], {
    writeFile: (name: string, contents: Uint8Array | string) => {
      if (name.endsWith('.wasm') && typeof contents !== 'string') binary = contents;
    },
    stderr: {
      write: (text: Uint8Array | string) => {
        errors += String(text);
        return true;
      },
    },
  });
  if (error || !binary) throw new Error(`assembly/periodEnd.ts does not compile: ${errors}`);
  mkdirSync(dirname(cached), { recursive: true });
  writeFileSync(cached, binary);
  return new Uint8Array(binary);
}
