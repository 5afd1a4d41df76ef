// What lives here: saving a progress file to the learner's disk: a Blob behind a temporary
// link with a `download` name, the way every browser accepts without a server.

import type { ProgressFile } from '../../storage/progressFile.ts';

/** Offers `text` as a download named `name` (JSON). */
export function downloadText(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the URL is not needed after it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Offers a progress file as a download, named like the storage room names it
 * ("loyalty-lab-progress-2025-03-01.json", "loyalty-lab-run-sandbox-2025-03-01.json").
 * The text and name helpers come in with the storage chunk.
 */
export async function downloadProgressFile(file: ProgressFile): Promise<void> {
  const { progressFileName, progressFileText } = await import('../../storage/exchange.ts');
  downloadText(progressFileName(file), progressFileText(file));
}
