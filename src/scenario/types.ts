// The scenario file format, version 1: what `scenarios/<id>.json` holds. The engine part
// (segments, levers, events' effects, complaint types, model parameters) becomes an
// EngineConfig; the rest (texts, objectives, reference policies, report and debrief rules,
// quiz) drives the play session. JSON Schema: scenarios/schema/scenario.schema.json.
// Also complaintWords, which picks the version of a complaint's message an inbox shows.

import type {
  ComplaintResponse,
  Comparison,
  Distribution,
  Effect,
  EventTrigger,
  LeverId,
  LeverSetting,
  LeverValues,
  MarketState,
  ModelParams,
  SegmentSpec,
  Text,
} from '../engine/types.ts';

export const SCENARIO_FORMAT_VERSION = 1;

export interface ScenarioMeta {
  title: Text;
  summary: Text;
  company: Text;
  difficulty: 1 | 2 | 3;
  periods: number;
  periodUnit: 'week' | 'month' | 'quarter' | 'year';
  /** Glossary concept ids at stake. */
  concepts: string[];
}

export interface ScenarioBriefing {
  situation: Text;
  /** The objectives in words; the score itself is `objectives`. */
  goal: Text;
  /** Optional: what the learner should watch for (no spoilers). */
  hint?: Text;
}

export interface ScenarioSetting {
  customers: number;
  budgetPerPeriod: number;
  /** ISO 4217 code used to format money, e.g. "CNY". */
  currency: string;
  market: MarketState;
  initial: {
    satisfaction: Distribution;
    attitude: Distribution;
    barrier: Distribution;
    maxTenure: number;
  };
}

export interface ScenarioSegment extends SegmentSpec {
  description?: Text;
}

export interface ScenarioEventChoice {
  id: string;
  label: Text;
  /** What the choice means, shown before choosing. */
  description: Text;
  effects: Effect[];
  /**
   * One-off crisis money, paid in the period the event fires (costs.events). Outside the
   * lever budget: it never counts against budgetPerPeriod nor blocks a round.
   */
  cost?: number;
  /** Concept this choice illustrates (glossary id), shown after the round. */
  concept?: string;
}

export interface ScenarioEvent {
  id: string;
  kind:
    | 'priceWar'
    | 'downturn'
    | 'qualityCrisis'
    | 'keyAccountThreat'
    | 'staffCuts'
    | 'viralOpportunity'
    | 'other';
  title: Text;
  situation: Text;
  trigger: EventTrigger;
  effects?: Effect[];
  choices: ScenarioEventChoice[];
  defaultChoice?: string;
}

export interface ScenarioComplaintType {
  id: string;
  label: Text;
  /**
   * The complaint in the customer's words (the inbox shows it), or several versions of it
   * (1-12): complaints of one type in one inbox get different versions (`complaintWords`),
   * so an inbox does not show the same sentence twice.
   */
  message: Text | Text[];
  weight: number;
  fixable: boolean;
}

export interface ScenarioPersona {
  id: string;
  name: Text;
  segment: string;
  tier?: 'A' | 'B' | 'C';
  description?: Text;
}

/**
 * One term of the score. The score is the sum over objectives of
 * weight x clamp((value - floor) / (target - floor), 0, 1.2) x 100 / total weight,
 * so meeting every target scores 100.
 */
export interface Objective {
  id: string;
  label: Text;
  /** A number from the run: a PeriodMetrics key of the final period (dotted keys allowed),
   * or a run aggregate: "cumulativeProfit", "meanRetentionRate", "finalActive",
   * "meanSatisfaction", "totalLost", "totalComplaints". */
  metric: string;
  /** Value that earns full marks. */
  target: number;
  /** Value that earns nothing. */
  floor: number;
  weight: number;
}

export interface ReferencePolicy {
  /** "recommended" for the textbook's policy; "naive-<what>" for the naive ones. */
  id: string;
  label: Text;
  description: Text;
  /** Lever values for every period. */
  levers: LeverValues;
  /** Changes for particular periods (0-based period -> lever values). */
  perPeriod?: Record<string, LeverValues>;
  /** Event id -> choice id. */
  eventChoices?: Record<string, string>;
  /** How this policy answers inbox complaints (otherwise the default policy answers them). */
  complaintPolicy?: ComplaintResponse | 'default' | 'byValue';
}

/**
 * A rule that turns a round's metrics into a sentence of the round report or debrief.
 * `when` conditions are all required; the text may use {placeholders} naming metrics of the
 * round (e.g. {lost}, {lostSatisfied}, {lostReasons.priceGap}); the UI formats them.
 */
export interface ReportRule {
  id: string;
  when: { metric: string; op: Comparison | '=='; value: number }[];
  /** Higher first when more rules match than the report shows. */
  priority: number;
  concept: string;
  text: Text;
}

export interface QuizQuestion {
  id: string;
  question: Text;
  options: Text[];
  /** Index of the right option. */
  answer: number;
  explanation: Text;
  concept: string;
  /** Where it comes from, e.g. "textbook S001·QuizDC 3" or "new". */
  source: string;
}

export interface Scenario {
  $schema?: string;
  formatVersion: 1;
  id: string;
  version: string;
  meta: ScenarioMeta;
  briefing: ScenarioBriefing;
  setting: ScenarioSetting;
  segments: ScenarioSegment[];
  levers: (LeverSetting & { hint?: Text })[];
  events: ScenarioEvent[];
  complaintTypes: ScenarioComplaintType[];
  /** Voiced complaints shown individually each round (0 = no inbox). */
  inboxSize: number;
  personas: ScenarioPersona[];
  model?: Partial<ModelParams>;
  objectives: Objective[];
  referencePolicies: ReferencePolicy[];
  reportRules: ReportRule[];
  debriefRules: ReportRule[];
  quiz: QuizQuestion[];
}

export type { LeverId };

/**
 * The words of the `nth` complaint (from 0) of `type` in the inbox of `period`: one version of
 * the type's message. Complaints of one type in one inbox get different versions while there
 * are enough, and the versions rotate from period to period.
 */
export function complaintWords(
  type: Pick<ScenarioComplaintType, 'message'>,
  period: number,
  nth: number,
): Text {
  const versions = Array.isArray(type.message) ? type.message : [type.message];
  const k = Math.abs(Math.trunc(period) + Math.trunc(nth));
  return versions[(Number.isFinite(k) ? k : 0) % versions.length];
}
