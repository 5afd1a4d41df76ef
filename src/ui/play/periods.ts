// Naming periods in both languages: "Quarter 3" / "第3季度", "this month" / "本月".
// Messages take the name as {period} or {thisPeriod}, so one message serves every unit.

import type { PeriodUnit } from '../scenarioCatalogue.ts';
import { t } from '../i18n/i18n.svelte';

/** "Quarter 3" for the 0-based round 2. */
export function periodName(unit: PeriodUnit, round: number): string {
  return t(`play.periodN.${unit}`, { n: round + 1 });
}

/** "this quarter". */
export function thisPeriod(unit: PeriodUnit): string {
  return t(`play.thisPeriod.${unit}`);
}
