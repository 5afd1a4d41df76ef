// What lives here: a checker's problem ({ path, message }, src/scenario/validate.ts) split
// for display: where (the path, or "the whole file") and the sentence in the current
// language without the "<path>: " it starts with.

import type { Problem } from '../../scenario/validate';
import { i18n, t, type MessageKey, type Params } from '../i18n/i18n.svelte';

export interface ProblemWords {
  /** "data.runs[2].seed", or "the whole file". */
  where: string;
  /** True when `where` is a path (shown as code). */
  isPath: boolean;
  sentence: string;
}

export function problemWords(p: Problem): ProblemWords {
  const text = i18n.text(p.message);
  let sentence = text;
  for (const prefix of [`${p.path || '(file)'}: `, `${p.path || '(文件)'}:`]) {
    if (text.startsWith(prefix)) {
      sentence = text.slice(prefix.length);
      break;
    }
  }
  sentence = sentence.charAt(0).toLocaleUpperCase() + sentence.slice(1);
  return p.path
    ? { where: p.path, isPath: true, sentence }
    : { where: t('import.wholeFile'), isPath: false, sentence };
}

/**
 * A problem with the whole file, in both languages, from a dictionary message (each language
 * read when shown: only the current language's dictionary is loaded).
 */
export function wholeFileProblem(key: MessageKey, params?: Params): Problem {
  const text = i18n.localized(key, params);
  return {
    path: '',
    message: {
      get en() {
        return `(file): ${text.en}`;
      },
      get 'zh-CN'() {
        return `(文件):${text['zh-CN']}`;
      },
    },
  };
}
