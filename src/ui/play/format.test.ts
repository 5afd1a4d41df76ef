import { describe, expect, it } from 'vitest';
import { fillReportText, formatMetric, lowerIsBetter, metricKind } from './format';

describe('metricKind', () => {
  it.each([
    ['profit', 'money'],
    ['delta.profit', 'money'],
    ['costs.acquisition', 'money'],
    ['vsRecommended.cumulativeProfit', 'money'],
    ['retentionRate', 'percent'],
    ['meanRetentionRate', 'percent'],
    ['final.attitudeMean', 'decimal'],
    ['levers.priceLevel', 'decimal'],
    ['responseHours', 'hours'],
    ['score', 'score'],
    ['lostSatisfied', 'count'],
    ['matrix.trueLoyalty', 'count'],
  ])('%s is %s', (key, kind) => {
    expect(metricKind(key)).toBe(kind);
  });
});

describe('formatMetric', () => {
  it('writes money per locale, with the currency when asked', () => {
    expect(formatMetric('profit', 1234567.4, 'en')).toBe('1,234,567');
    expect(formatMetric('profit', 1234567.4, 'zh-CN', { currency: 'CNY' })).toBe('¥1,234,567');
  });

  it('writes rates as percentages and deltas with a sign', () => {
    expect(formatMetric('retentionRate', 0.9312, 'en')).toBe('93.1%');
    expect(formatMetric('delta.active', 12, 'en')).toBe('+12');
    expect(formatMetric('delta.active', -3, 'zh-CN')).toBe('-3');
    expect(formatMetric('score', 71.44, 'en')).toBe('71.4');
  });
});

describe('fillReportText', () => {
  it('refills placeholders per kind in the asked language', () => {
    const text = {
      en: 'Retention {retentionRate}, {lost} left, profit {profit} yuan',
      'zh-CN': '保持率{retentionRate}',
    };
    expect(fillReportText(text, { retentionRate: 0.95, lost: 1200, profit: 50000.2 }, 'en')).toBe(
      'Retention 95%, 1,200 left, profit 50,000 yuan',
    );
    expect(fillReportText(text, { retentionRate: 0.95 }, 'zh-CN')).toBe('保持率95%');
  });

  it('leaves an unknown placeholder as written', () => {
    expect(fillReportText({ en: 'A {nothing}', 'zh-CN': '' }, {}, 'en')).toBe('A {nothing}');
  });
});

describe('lowerIsBetter', () => {
  it('knows that fewer complaints and fewer customers at risk are good news', () => {
    expect(lowerIsBetter('complaints')).toBe(true);
    expect(lowerIsBetter('pyramid.atRisk')).toBe(true);
    expect(lowerIsBetter('profit')).toBe(false);
  });
});
