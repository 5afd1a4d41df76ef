// What lives here: the key figures the comparison puts side by side, round by round
// (customers, retention rate, satisfaction, profit, cumulative profit, complaints), with
// their formatting in the current language.

import type { PeriodMetrics } from '../../engine/types';
import { i18n, t, type MessageKey } from '../i18n/i18n.svelte';

export interface FigureDef {
  id:
    'active' | 'retentionRate' | 'satisfactionMean' | 'profit' | 'cumulativeProfit' | 'complaints';
  label: MessageKey;
  /** Higher is better (complaints: lower). */
  higherIsBetter: boolean;
  format: 'count' | 'percent' | 'score' | 'money';
}

export const FIGURES: readonly FigureDef[] = [
  { id: 'active', label: 'compare.figure.active', higherIsBetter: true, format: 'count' },
  {
    id: 'retentionRate',
    label: 'compare.figure.retentionRate',
    higherIsBetter: true,
    format: 'percent',
  },
  {
    id: 'satisfactionMean',
    label: 'compare.figure.satisfactionMean',
    higherIsBetter: true,
    format: 'score',
  },
  { id: 'profit', label: 'compare.figure.profit', higherIsBetter: true, format: 'money' },
  {
    id: 'cumulativeProfit',
    label: 'compare.figure.cumulativeProfit',
    higherIsBetter: true,
    format: 'money',
  },
  { id: 'complaints', label: 'compare.figure.complaints', higherIsBetter: false, format: 'count' },
];

export function figureValue(m: PeriodMetrics, id: FigureDef['id']): number {
  return m[id];
}

/** A figure's value in its format; `signed` for differences ("+3", "−1.2 pts"). */
export function formatFigure(
  def: FigureDef,
  value: number,
  currency: string,
  signed = false,
): string {
  const sign = signed ? ({ signDisplay: 'exceptZero' } as const) : {};
  switch (def.format) {
    case 'count':
      return i18n.number(Math.round(value), sign);
    case 'percent':
      return signed
        ? t('compare.points', {
            value: i18n.number(value * 100, { maximumFractionDigits: 1, ...sign }),
          })
        : i18n.percent(value, 1);
    case 'score':
      return i18n.number(value, { minimumFractionDigits: 2, maximumFractionDigits: 2, ...sign });
    case 'money':
      return i18n.number(value, {
        style: 'currency',
        currency,
        maximumFractionDigits: 0,
        ...sign,
      });
  }
}
