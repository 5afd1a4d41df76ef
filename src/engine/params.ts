// Default model parameters: the numbers behind every causal link of model.md, each with
// the textbook fact it serves. A scenario overrides any of them under `model`.

import type { ModelParams } from './types.ts';

export const MODEL_DEFAULTS: Readonly<ModelParams> = {
  /** Chance a purchase is a failed service encounter with no quality investment. */
  baseFailureRate: 0.16,
  /** Share of failures removed by full service-quality spend (diminishing returns). */
  serviceQualityFailureCut: 0.6,
  /** Share of failures removed by fully capable staff (service-profit chain). */
  trainingFailureCut: 0.4,
  /** Satisfaction lost to one unrecovered failure. */
  failureSatisfactionHit: 0.14,
  /** How far satisfaction moves toward its target each period. */
  satisfactionAdjustRate: 0.4,
  /** Satisfaction from which a customer is "completely satisfied" (score 5). */
  completeSatisfaction: 0.8,
  /** Expectations rise by this much each period (customers get used to good service). */
  expectationDrift: 0.004,
  /** Extra expectation created by full brand advertising: promises must be kept. */
  advertisingPromise: 0.08,
  /** Attitude gained per period by a completely satisfied, fully cared-for customer. */
  attitudeGrowth: 0.09,
  /** Attitude lost per period by a fully neglected customer. */
  attitudeDecay: 0.03,
  /** Periods without contact after which a customer feels fully neglected. */
  neglectPeriods: 4,
  /** Barrier gained per purchase at the maximum reward rate (points balance). */
  barrierFromPoints: 0.07,
  /** Barrier gained per period at full contracts and bundles. */
  barrierFromContracts: 0.09,
  /** Barrier gained per purchase from habit. */
  barrierFromHabit: 0.012,
  /** Share of the barrier that fades each period (ties end, points expire). */
  barrierDecay: 0.12,
  /** Log-risk per unit of satisfaction below 0.75: unhappy customers leave. */
  churnDissatisfaction: 3.5,
  /** Log-risk taken off for complete satisfaction: a 5/5 customer is far safer than a 4/5. */
  churnCompleteBonus: 0.8,
  /** Log-risk per unit of price gap to rivals, times price sensitivity and the economy. */
  churnPrice: 7,
  /** Log-risk from rivals' attractiveness for customers with no attachment. */
  churnCompetitor: 1.4,
  /** Log-risk of full neglect, times the segment's care weight (2/3 of churn is neglect). */
  churnNeglect: 1.8,
  /** Log-risk taken off per unit of attitude (emotional loyalty). */
  churnAttitude: 2.6,
  /** Log-risk taken off per unit of barrier (structural ties). */
  churnBarrier: 2.6,
  /** Log-risk of a deal-seeker once the price they came for is gone. */
  churnDealSeeker: 2.2,
  /** Log-risk after a complaint that was ignored or answered too late. */
  churnBadComplaint: 1.1,
  /** Cost of goods as a share of spend at market price. */
  unitCostOfGoods: 0.62,
  /** Cost to serve an active customer for a period. */
  serveCostPerPeriod: 40,
  /** Extra spend of a long-standing customer (cross-selling, trust), at the tenure cap. */
  tenureRevenueGrowth: 0.35,
  /** Share of serving cost saved with a long-standing customer, at the tenure cap. */
  tenureServeSaving: 0.4,
  /** Periods of tenure after which revenue growth and savings stop rising. */
  tenureCap: 8,
  /** Money to win one new customer by advertising and sales (about 5x keeping one). */
  acquisitionCostPerCustomer: 1200,
  /** New deal-seekers per period, as a share of the starting base, per 10% discount. */
  promotionReach: 0.03,
  /** New customers a year from each satisfied customer (100 satisfied bring 25). */
  referralsPerSatisfiedPerYear: 0.25,
  /** People each dissatisfied or badly handled customer tells. */
  negativeReach: 25,
  /** Prospects in the market, as a multiple of the starting base. */
  marketSize: 20,
  /** Satisfaction above its pre-failure level after a fast, fair recovery (recovery paradox). */
  recoveryBonus: 0.05,
  /** Extra satisfaction lost when a voiced complaint is ignored: worse than silence. */
  ignoredComplaintHit: 0.12,
  /** Share of a fixable failure type removed per period by full root-cause work. */
  rootCauseFixRate: 0.25,
  /** Risk of leaving from which a customer counts as at risk. */
  atRiskHazard: 0.15,
  /** How much better care works when a used CRM aims it at at-risk and top customers. */
  crmTargetingGain: 0.6,
  /** Extra spend per purchase when analytics in use finds what customers also need (cross-selling). */
  crmCrossSell: 0.04,
};

export function resolveParams(overrides: Partial<ModelParams> | undefined): ModelParams {
  return { ...MODEL_DEFAULTS, ...(overrides ?? {}) };
}

export const PERIODS_PER_YEAR: Record<'week' | 'month' | 'quarter' | 'year', number> = {
  week: 52,
  month: 12,
  quarter: 4,
  year: 1,
};
