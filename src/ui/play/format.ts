// What lives here: how the play pages write the engine's numbers for people, per locale
// (Intl), and how report texts get their {placeholders} refilled that way. One kind per
// metric key, so "retention rate" reads as a percentage everywhere and money is grouped.
// Pure: no runes, no DOM; unit-tested in Node.

import type { Text } from '../../engine/types.ts';
import { fillText } from '../../scenario/report.ts';
import type { Locale } from '../i18n/format.ts';

/**
 * How a value is written:
 * - money: currency units (report texts say "yuan" themselves: grouped, no symbol there);
 * - percent: a share 0..1 (rates);
 * - decimal: a 0..1 mean or an index (attitude 0.42, price level 1.05), two decimals;
 * - count: people, complaints; whole numbers, grouped;
 * - hours, score.
 */
export type ValueKind = 'money' | 'percent' | 'decimal' | 'count' | 'hours' | 'score';

const MONEY = new Set(['revenue', 'profit', 'cumulativeProfit', 'totalCost', 'leverSpend']);
const PERCENT = new Set([
  'retentionRate',
  'recoveryRate',
  'meanRetentionRate',
  'meanRecoveryRate',
  'share',
]);
const DECIMAL = new Set([
  'satisfactionMean',
  'attitudeMean',
  'barrierMean',
  'meanSatisfaction',
  'finalSatisfaction',
  'staffCapability',
  'reputation',
]);

/** The kind of a metric key as rules and objectives write it ("final.x", "delta.x", "vsNaive.x" read as x). */
export function metricKind(key: string): ValueKind {
  const bare = key.replace(/^(final|delta|vsRecommended|vsNaive)\./, '');
  if (bare === 'score') return 'score';
  if (MONEY.has(bare) || bare.startsWith('costs.')) return 'money';
  if (PERCENT.has(bare)) return 'percent';
  if (DECIMAL.has(bare) || bare.startsWith('levers.') || bare.startsWith('market.'))
    return 'decimal';
  if (bare === 'responseHours') return 'hours';
  return 'count';
}

export interface FormatOptions {
  /** ISO 4217 code; money is written as currency when given, as a grouped number when not. */
  currency?: string;
  /** Write a sign on positive numbers too ("+12"), for changes. */
  signed?: boolean;
  /** Short money for narrow tables: "CN¥15.9M", "¥1593万". */
  compact?: boolean;
}

/** A value of a kind in a locale. */
export function formatValue(
  value: number,
  kind: ValueKind,
  locale: Locale,
  options: FormatOptions = {},
): string {
  const sign = options.signed ? ({ signDisplay: 'exceptZero' } as const) : {};
  const nf = (o: Intl.NumberFormatOptions) =>
    new Intl.NumberFormat(locale, { ...o, ...sign }).format(value);
  switch (kind) {
    case 'money': {
      const short = options.compact
        ? ({ notation: 'compact', maximumFractionDigits: 1 } as const)
        : ({ maximumFractionDigits: 0 } as const);
      return options.currency
        ? nf({ style: 'currency', currency: options.currency, ...short })
        : nf(short);
    }
    case 'percent':
      return nf({ style: 'percent', maximumFractionDigits: 1 });
    case 'decimal':
      return nf({ minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'hours':
    case 'count':
      return nf({ maximumFractionDigits: 0 });
    case 'score':
      return nf({ minimumFractionDigits: 1, maximumFractionDigits: 1 });
  }
}

/** A metric's value as its key says (see metricKind); deltas are signed. */
export function formatMetric(
  key: string,
  value: number,
  locale: Locale,
  options: FormatOptions = {},
): string {
  return formatValue(value, metricKind(key), locale, {
    ...options,
    signed: options.signed ?? key.startsWith('delta.'),
  });
}

/**
 * A report or debrief text in `locale`, its {placeholders} filled from `values` and
 * written per metric kind (money without a symbol: the texts name the unit).
 * @example fillReportText({ en: 'Retention {retentionRate}', 'zh-CN': '…' }, { retentionRate: 0.931 }, 'en')
 * // 'Retention 93.1%'
 */
export function fillReportText(text: Text, values: Record<string, number>, locale: Locale): string {
  return fillText(
    text,
    (key) => values[key],
    (v, key, loc) => formatMetric(key, v, loc),
  ).text[locale];
}

/** Metrics where a fall is good news (complaints, customers at risk, customers lost). */
const LOWER_IS_BETTER = new Set([
  'complaints',
  'pyramid.atRisk',
  'lost',
  'totalLost',
  'failures',
  'responseHours',
]);

export function lowerIsBetter(key: string): boolean {
  return LOWER_IS_BETTER.has(key.replace(/^(final|delta)\./, ''));
}
