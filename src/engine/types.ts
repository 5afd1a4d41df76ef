// The engine's data contract: what a scenario gives the model (EngineConfig), what a
// learner decides each period (PeriodDecisions), and what a period reports (PeriodMetrics).
// Scenario-only parts (texts, objectives, debrief, quiz) live in src/scenario/types.ts.

/** Text shown to people, in both languages. */
export interface Text {
  'zh-CN': string;
  en: string;
}

export type LeverId =
  | 'priceLevel'
  | 'promotion'
  | 'serviceQuality'
  | 'staffTraining'
  | 'loyaltyProgramme'
  | 'loyaltyTiers'
  | 'keyAccountCare'
  | 'complaintResponseHours'
  | 'complaintCompensation'
  | 'rootCauseFixes'
  | 'feedbackChannels'
  | 'personalCare'
  | 'switchingBarriers'
  | 'brandAdvertising'
  | 'acquisitionSpend'
  | 'crmAnalytics'
  | 'letUnprofitableGo';

/**
 * How a lever's value turns into money each period.
 * - fixed: unitCost x value
 * - perCustomer: unitCost x value x active customers
 * - perTopCustomer: unitCost x value x active top-tier (A) customers
 * - perComplaint: unitCost x value x voiced complaints
 * - perComplaintInverse: unitCost x (24 / value) x voiced complaints (faster answers cost more)
 * - perRevenue: value x revenue (a loyalty reward rate), plus unitCost when value > 0
 * - none: no budget cost (price levers cost margin instead)
 */
export type CostBasis =
  | 'fixed'
  | 'perCustomer'
  | 'perTopCustomer'
  | 'perComplaint'
  | 'perComplaintInverse'
  | 'perRevenue'
  | 'none';

export interface LeverCost {
  basis: CostBasis;
  unitCost: number;
}

/** A lever as the engine's catalogue defines it. */
export interface LeverDefinition {
  id: LeverId;
  label: Text;
  explanation: Text;
  /** The textbook concept card this lever teaches (glossary id). */
  concept: string;
  kind: 'range' | 'choice';
  min: number;
  max: number;
  step: number;
  default: number;
  /** For choice levers: a label per allowed value, in order from min to max by step. */
  options?: Text[];
  unit: 'index' | 'share' | 'hours' | 'count' | 'level';
  cost: LeverCost;
}

/** A scenario's use of a lever: it may narrow the range, change the default or the cost. */
export interface LeverSetting {
  id: LeverId;
  min?: number;
  max?: number;
  default?: number;
  unitCost?: number;
  /** Fixed at this value: visible but not changeable. */
  locked?: boolean;
}

export type LeverValues = Partial<Record<LeverId, number>>;

export interface SegmentSpec {
  id: string;
  label: Text;
  /** Share of the initial base (shares are normalised). */
  share: number;
  /** 0..1: how strongly price gaps drive defection and choice. */
  priceSensitivity: number;
  /** Probability of buying in a period when neutral. */
  buyProbability: number;
  /** Median spend per purchase, in currency units. */
  spendMedian: number;
  /** Log-normal sigma of spend: the tail that makes 20% of customers give most profit. */
  spendSigma: number;
  /** 0..1: chance a failure is voiced as a complaint with no feedback channel open. */
  voice: number;
  /** Baseline defection intensity per period (hazard when nothing else acts). */
  baseChurn: number;
  /** Starting expectation, 0..1. */
  expectation: number;
  /** How much care and contact matter to this segment (0..1). */
  careWeight: number;
}

export interface Distribution {
  mean: number;
  sd: number;
}

export interface InitialState {
  satisfaction: Distribution;
  attitude: Distribution;
  barrier: Distribution;
  /** Tenure of the existing base in periods is drawn uniformly in [0, maxTenure]. */
  maxTenure: number;
}

/** Market state the events move. */
export interface MarketState {
  /** 0..1: how attractive rivals are beyond price. */
  competitorAttractiveness: number;
  /** Rival price relative to the market (1 = market price; 0.9 = a 10% price war). */
  competitorPrice: number;
  /** 1 = normal; > 1 recession (price sensitivity up); < 1 boom. */
  economy: number;
}

/** Where a modifier acts. Each is explained in model.md and effects.ts. */
export type EffectTarget =
  | 'market.competitorAttractiveness'
  | 'market.competitorPrice'
  | 'market.economy'
  | 'failureRate'
  | 'satisfaction'
  | 'attitude'
  | 'barrier'
  | 'expectation'
  | 'reputation'
  | 'churn'
  | 'acquisition'
  | 'staffCapability'
  | 'cash';

/**
 * An event's effect on the model. Market targets, failureRate, churn, acquisition and
 * expectation act every period they last; cash is money in (positive) or out (negative) every
 * period it lasts; satisfaction, attitude, barrier, reputation and staffCapability are one-off
 * shocks in the period the effect starts.
 */
export interface Effect {
  target: EffectTarget;
  /** add: shift a level (or a one-off shock to customers); mul: scale a rate. */
  op: 'add' | 'mul';
  value: number;
  /** Periods to wait before it acts (0 = this period). */
  delay?: number;
  /** Periods it lasts (1 = one period). Customer-state shocks act once. */
  duration?: number;
  /** Only customers of this segment (customer targets only). */
  segment?: string;
  /** Only top-tier (A) customers (customer targets only). */
  topTierOnly?: boolean;
}

export type Comparison = '<' | '<=' | '>' | '>=';

export interface MetricCondition {
  /** A key of PeriodMetrics whose value is a number. */
  metric: string;
  op: Comparison;
  value: number;
}

export interface EventTrigger {
  /** Fires before this period (0-based) is simulated. */
  atPeriod?: number;
  /** Or: fires before the next period when last period's metric meets this. */
  when?: MetricCondition;
  /** Condition-triggered events fire at most once unless repeatable. */
  repeatable?: boolean;
}

export interface EventChoiceSpec {
  id: string;
  effects: Effect[];
  /** One-off money cost of this choice. */
  cost?: number;
}

export interface EventSpec {
  id: string;
  kind:
    | 'priceWar'
    | 'downturn'
    | 'qualityCrisis'
    | 'keyAccountThreat'
    | 'staffCuts'
    | 'viralOpportunity'
    | 'other';
  trigger: EventTrigger;
  /** Effects that act whatever the learner chooses. */
  effects?: Effect[];
  choices: EventChoiceSpec[];
  /** Choice taken when none is given (defaults to the first). */
  defaultChoice?: string;
}

export interface ComplaintTypeSpec {
  id: string;
  /** Relative frequency among failures. */
  weight: number;
  /** Root-cause fixes lower this type's failure rate for everyone. */
  fixable: boolean;
}

export interface PersonaSpec {
  id: string;
  name: Text;
  segment: string;
  tier?: 'A' | 'B' | 'C';
}

/** Everything the engine needs from a scenario. Parameters left out take MODEL_DEFAULTS. */
export interface EngineConfig {
  periods: number;
  periodUnit: 'week' | 'month' | 'quarter' | 'year';
  customers: number;
  /** Money the learner may put into levers each period. */
  budgetPerPeriod: number;
  segments: SegmentSpec[];
  initial: InitialState;
  market: MarketState;
  levers: LeverSetting[];
  events: EventSpec[];
  complaintTypes: ComplaintTypeSpec[];
  /** How many voiced complaints per period go to the learner's inbox (0 = none). */
  inboxSize: number;
  personas: PersonaSpec[];
  model?: Partial<ModelParams>;
}

/** Tunable model parameters; documented with their defaults in params.ts. */
export interface ModelParams {
  baseFailureRate: number;
  serviceQualityFailureCut: number;
  trainingFailureCut: number;
  failureSatisfactionHit: number;
  satisfactionAdjustRate: number;
  completeSatisfaction: number;
  expectationDrift: number;
  advertisingPromise: number;
  attitudeGrowth: number;
  attitudeDecay: number;
  neglectPeriods: number;
  barrierFromPoints: number;
  barrierFromContracts: number;
  barrierFromHabit: number;
  barrierDecay: number;
  churnDissatisfaction: number;
  churnCompleteBonus: number;
  churnPrice: number;
  churnCompetitor: number;
  churnNeglect: number;
  churnAttitude: number;
  churnBarrier: number;
  churnDealSeeker: number;
  churnBadComplaint: number;
  unitCostOfGoods: number;
  serveCostPerPeriod: number;
  tenureRevenueGrowth: number;
  tenureServeSaving: number;
  tenureCap: number;
  acquisitionCostPerCustomer: number;
  promotionReach: number;
  referralsPerSatisfiedPerYear: number;
  negativeReach: number;
  marketSize: number;
  recoveryBonus: number;
  ignoredComplaintHit: number;
  rootCauseFixRate: number;
  atRiskHazard: number;
  crmTargetingGain: number;
  crmCrossSell: number;
}

export type ComplaintAction = 'apologise' | 'compensate' | 'fixRootCause' | 'escalate' | 'ignore';

export interface ComplaintResponse {
  action: ComplaintAction;
  /** Hours until the customer hears back. */
  hours: number;
}

/** A voiced complaint, as a real record about a real customer. */
export interface ComplaintRecord {
  id: string;
  period: number;
  customer: number;
  segment: string;
  tier: 'A' | 'B' | 'C';
  tenure: number;
  purchases: number;
  cumulativeRevenue: number;
  satisfactionBefore: number;
  type: string;
}

/** What the learner decides for one period. */
export interface PeriodDecisions {
  levers: LeverValues;
  /** Event id -> choice id, for the events pending before this period. */
  eventChoices?: Record<string, string>;
  /** Complaint id -> response, for last period's inbox. Unanswered ones get the default policy. */
  complaintResponses?: Record<string, ComplaintResponse>;
}

export interface CostLines {
  goods: number;
  service: number;
  serviceQuality: number;
  training: number;
  rewards: number;
  keyAccount: number;
  complaints: number;
  compensation: number;
  rootCause: number;
  feedback: number;
  care: number;
  barriers: number;
  advertising: number;
  acquisition: number;
  crm: number;
  events: number;
}

export interface PeriodMetrics {
  period: number;
  active: number;
  newCustomers: number;
  newFromAcquisition: number;
  newFromPromotion: number;
  newFromReferral: number;
  lost: number;
  /** Share of customers active at the start of the period still active at its end. */
  retentionRate: number;
  satisfactionMean: number;
  /** Counts of customers scoring 1..5 (index 0 = score 1). */
  satisfactionScores: [number, number, number, number, number];
  attitudeMean: number;
  barrierMean: number;
  /** prospect, target, firstTime, repeat, core, advocate */
  ladder: Record<LadderStage, number>;
  pyramid: Record<PyramidLevel, number>;
  matrix: Record<LoyaltyType, number>;
  failures: number;
  complaints: number;
  complaintsResolved: number;
  complaintsRecovered: number;
  /** Share of voiced complaints whose customer was recovered. */
  recoveryRate: number;
  responseHours: number;
  referrals: number;
  negativeReach: number;
  revenue: number;
  costs: CostLines;
  totalCost: number;
  leverSpend: number;
  profit: number;
  cumulativeProfit: number;
  /** Lost customers who were satisfied (score 4 or 5) when they left. */
  lostSatisfied: number;
  /** Lost customers who were price-driven deal-seekers won by a promotion. */
  lostDealSeekers: number;
  /** Lost customers by the factor that pushed their risk up most (see FactorPush ids). */
  lostReasons: Record<string, number>;
  /** Voiced complaints by failure type. */
  complaintTypes: Record<string, number>;
  /** Effective lever values this period. */
  levers: Record<LeverId, number>;
  market: MarketState;
  staffCapability: number;
  reputation: number;
  eventsFired: string[];
}

export type LadderStage = 'prospect' | 'target' | 'firstTime' | 'repeat' | 'core' | 'advocate';
export type PyramidLevel =
  | 'lost'
  | 'onlookers'
  | 'atRisk'
  | 'newCustomers'
  | 'inactive'
  | 'activeRegulars'
  | 'core'
  | 'advocates';
export type LoyaltyType = 'noLoyalty' | 'inertiaLoyalty' | 'latentLoyalty' | 'trueLoyalty';

export const LADDER_STAGES: LadderStage[] = [
  'prospect',
  'target',
  'firstTime',
  'repeat',
  'core',
  'advocate',
];
export const PYRAMID_LEVELS: PyramidLevel[] = [
  'lost',
  'onlookers',
  'atRisk',
  'newCustomers',
  'inactive',
  'activeRegulars',
  'core',
  'advocates',
];
export const LOYALTY_TYPES: LoyaltyType[] = [
  'noLoyalty',
  'inertiaLoyalty',
  'latentLoyalty',
  'trueLoyalty',
];

/** One factor's push on a tracked customer's state this period (glass box). */
export interface FactorPush {
  /** Stable id, e.g. 'serviceFailure', 'rivalDiscount', 'personalCare'; UI translates. */
  factor: string;
  value: number;
}

export interface PersonaPeriod {
  period: number;
  active: boolean;
  purchased: boolean;
  failed: boolean;
  complained: boolean;
  recovered: boolean | null;
  satisfaction: number;
  attitude: number;
  barrier: number;
  /** Probability of leaving this period. */
  risk: number;
  left: boolean;
  satisfactionFactors: FactorPush[];
  attitudeFactors: FactorPush[];
  /** Contribution of each factor to the log of the defection intensity. */
  riskFactors: FactorPush[];
}

export interface PersonaStory {
  id: string;
  customer: number;
  segment: string;
  tier: 'A' | 'B' | 'C';
  history: PersonaPeriod[];
}
