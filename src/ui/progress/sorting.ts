// What lives here: sorting runs for the history and class results tables: by score, date,
// name, team or run name, ascending or descending, ties broken by date (newest first) and
// id so the order never jumps. Names compare in the current language's collation.

import type { RunSummary } from '../../storage/db';

export type SortKey = 'score' | 'date' | 'name' | 'team' | 'run';
export type SortDirection = 'ascending' | 'descending';

export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

/** The direction a column starts in when first chosen: numbers high first, names A first. */
export function firstDirection(key: SortKey): SortDirection {
  return key === 'score' || key === 'date' ? 'descending' : 'ascending';
}

/** The next sort when a column's header is pressed. */
export function toggleSort(current: Sort, key: SortKey): Sort {
  if (current.key !== key) return { key, direction: firstDirection(key) };
  return {
    key,
    direction: current.direction === 'ascending' ? 'descending' : 'ascending',
  };
}

/**
 * A sorted copy. `runLabel` names a run for the 'run' key. Runs without a name or team
 * sort last whichever the direction.
 */
export function sortRuns<T extends RunSummary>(
  runs: readonly T[],
  sort: Sort,
  locale: string,
  runLabel: (run: T) => string = (r) => r.label ?? '',
): T[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const text = (r: T): string | null => {
    switch (sort.key) {
      case 'name':
        return r.player?.name || null;
      case 'team':
        return r.player?.team || null;
      case 'run':
        return runLabel(r) || null;
      default:
        return null;
    }
  };
  const tie = (a: T, b: T) =>
    b.finishedAt - a.finishedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...runs].sort((a, b) => {
    if (sort.key === 'score') return sign * (a.score - b.score) || tie(a, b);
    if (sort.key === 'date') return sign * (a.finishedAt - b.finishedAt) || tie(a, b);
    const ta = text(a);
    const tb = text(b);
    if (ta === null || tb === null)
      return (ta === null ? 1 : 0) - (tb === null ? 1 : 0) || tie(a, b);
    return sign * collator.compare(ta, tb) || tie(a, b);
  });
}

/** Each learner's best run (by name and team; runs without a name stay apart). */
export function bestPerLearner<T extends RunSummary>(runs: readonly T[]): T[] {
  const best = new Map<string, T>();
  const rest: T[] = [];
  for (const r of runs) {
    if (!r.player?.name) {
      rest.push(r);
      continue;
    }
    const key = `${r.player.name.trim().toLocaleLowerCase()}\u0000${(r.player.team ?? '').trim().toLocaleLowerCase()}`;
    const old = best.get(key);
    if (!old || r.score > old.score || (r.score === old.score && r.finishedAt > old.finishedAt))
      best.set(key, r);
  }
  return [...best.values(), ...rest];
}
