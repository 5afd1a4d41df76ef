// Shared fixtures for the engine's tests and benchmarks: a compact mixed customer base with
// every lever, and helpers to run it. Not used by the app.

import { LEVER_IDS } from './levers.ts';
import { Simulation, openPeriod } from './simulation.ts';
import type { EngineConfig, LeverValues, PeriodDecisions } from './types.ts';
import type { PeriodContext, World } from './world.ts';

export function mixedConfig(overrides: Partial<EngineConfig> = {}): EngineConfig {
  return {
    periods: 12,
    periodUnit: 'quarter',
    customers: 2000,
    budgetPerPeriod: 400000,
    segments: [
      {
        id: 'price',
        label: { 'zh-CN': '价格型', en: 'Price-driven' },
        share: 0.35,
        priceSensitivity: 0.8,
        buyProbability: 0.7,
        spendMedian: 450,
        spendSigma: 1.0,
        voice: 0.15,
        baseChurn: 0.06,
        expectation: 0.58,
        careWeight: 0.3,
      },
      {
        id: 'convenience',
        label: { 'zh-CN': '便利型', en: 'Convenience' },
        share: 0.4,
        priceSensitivity: 0.45,
        buyProbability: 0.8,
        spendMedian: 600,
        spendSigma: 1.1,
        voice: 0.25,
        baseChurn: 0.04,
        expectation: 0.6,
        careWeight: 0.6,
      },
      {
        id: 'relationship',
        label: { 'zh-CN': '关系型', en: 'Relationship' },
        share: 0.25,
        priceSensitivity: 0.25,
        buyProbability: 0.85,
        spendMedian: 800,
        spendSigma: 1.2,
        voice: 0.35,
        baseChurn: 0.035,
        expectation: 0.62,
        careWeight: 1,
      },
    ],
    initial: {
      satisfaction: { mean: 0.66, sd: 0.1 },
      attitude: { mean: 0.3, sd: 0.15 },
      barrier: { mean: 0.1, sd: 0.08 },
      maxTenure: 12,
    },
    market: { competitorAttractiveness: 0.4, competitorPrice: 1, economy: 1 },
    levers: LEVER_IDS.map((id) => ({ id })),
    events: [],
    complaintTypes: [
      { id: 'late-delivery', weight: 3, fixable: true },
      { id: 'rude-staff', weight: 2, fixable: true },
      { id: 'defect', weight: 2, fixable: false },
    ],
    inboxSize: 0,
    personas: [
      { id: 'wang', name: { 'zh-CN': '王阿姨', en: 'Mrs Wang' }, segment: 'price' },
      { id: 'li', name: { 'zh-CN': '李先生', en: 'Mr Li' }, segment: 'relationship', tier: 'A' },
      { id: 'zhao', name: { 'zh-CN': '赵女士', en: 'Ms Zhao' }, segment: 'convenience' },
    ],
    ...overrides,
  };
}

/** The textbook's balanced policy for the mixed base: care, quality, fast complaint handling. */
export const RECOMMENDED: LeverValues = {
  serviceQuality: 0.6,
  staffTraining: 0.5,
  personalCare: 0.6,
  keyAccountCare: 0.6,
  complaintResponseHours: 24,
  complaintCompensation: 0.4,
  rootCauseFixes: 0.5,
  feedbackChannels: 2,
  loyaltyProgramme: 0.03,
  loyaltyTiers: 1,
  crmAnalytics: 2,
  acquisitionSpend: 0.15,
  brandAdvertising: 0.1,
};

export function runPolicy(
  config: EngineConfig,
  seed: number,
  levers: LeverValues | ((period: number) => LeverValues),
  periods = config.periods,
): Simulation {
  const sim = Simulation.create(config, seed, { enforceBudget: false });
  for (let p = 0; p < periods; p++)
    sim.step({ levers: typeof levers === 'function' ? levers(p) : levers });
  return sim;
}

/** Opens a period on a run's world so a single stage can be exercised. */
export function openStage(
  sim: Simulation,
  d: PeriodDecisions = { levers: {} },
): { w: World; ctx: PeriodContext } {
  const w = sim.world as World;
  const ctx = openPeriod(w, d, sim.pendingEvents(), sim.costBasis());
  return { w, ctx };
}

export const SEEDS = [1, 2, 3, 4, 5];
