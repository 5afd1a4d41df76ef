// The engine's lever catalogue: every decision a learner can make, its range, cost rule
// and the concept it teaches. Scenarios pick a subset and may narrow ranges or costs.

import type { LeverDefinition, LeverId, LeverSetting, LeverValues } from './types.ts';

export const LEVER_CATALOGUE: readonly LeverDefinition[] = [
  {
    id: 'priceLevel',
    label: { 'zh-CN': '价格水平', en: 'Price level' },
    explanation: {
      'zh-CN': '相对市场价的标价。降价提高性价比,但每一单都少赚;涨价要靠关怀和服务撑住。',
      en: 'List price relative to the market. Cutting it raises value for money but every sale earns less; raising it needs care and service to hold customers.',
    },
    concept: 'price-sensitivity',
    kind: 'range',
    min: 0.8,
    max: 1.2,
    step: 0.01,
    default: 1,
    unit: 'index',
    cost: { basis: 'none', unitCost: 0 },
  },
  {
    id: 'promotion',
    label: { 'zh-CN': '促销折扣', en: 'Price promotion' },
    explanation: {
      'zh-CN': '本期所有购买打折,并吸引追逐低价的新客户;促销一停,他们多半就走。',
      en: 'A discount on every purchase this period that also draws deal-seekers; when it stops, most of them leave.',
    },
    concept: 'deal-seekers',
    kind: 'range',
    min: 0,
    max: 0.3,
    step: 0.05,
    default: 0,
    unit: 'share',
    cost: { basis: 'none', unitCost: 0 },
  },
  {
    id: 'serviceQuality',
    label: { 'zh-CN': '服务质量投入', en: 'Service quality' },
    explanation: {
      'zh-CN': '投入越多,服务失误越少,感知质量越高。按活跃客户数计费。',
      en: 'More spend means fewer service failures and higher perceived quality. Charged per active customer.',
    },
    concept: 'customer-delivered-value',
    kind: 'range',
    min: 0,
    max: 1,
    step: 0.05,
    default: 0.3,
    unit: 'share',
    cost: { basis: 'perCustomer', unitCost: 12 },
  },
  {
    id: 'staffTraining',
    label: { 'zh-CN': '员工培训', en: 'Staff training' },
    explanation: {
      'zh-CN': '训练有素、稳定的员工提供更好的服务:服务利润链。效果慢慢积累。',
      en: 'Trained, loyal staff give better service: the service-profit chain. The effect builds up slowly.',
    },
    concept: 'service-profit-chain',
    kind: 'range',
    min: 0,
    max: 1,
    step: 0.05,
    default: 0.2,
    unit: 'share',
    cost: { basis: 'perCustomer', unitCost: 6 },
  },
  {
    id: 'loyaltyProgramme',
    label: { 'zh-CN': '积分计划返还率', en: 'Loyalty programme reward rate' },
    explanation: {
      'zh-CN': '把营业收入的一部分以积分返还。积分余额提高转移成本,但本身不产生情感忠诚。',
      en: 'Returns a share of revenue as points. A points balance raises switching costs but does not by itself create attachment.',
    },
    concept: 'loyalty-programme',
    kind: 'range',
    min: 0,
    max: 0.1,
    step: 0.01,
    default: 0,
    unit: 'share',
    cost: { basis: 'perRevenue', unitCost: 5000 },
  },
  {
    id: 'loyaltyTiers',
    label: { 'zh-CN': '会员分级', en: 'Membership tiers' },
    explanation: {
      'zh-CN': '给消费最多的客户更高等级和更多权益,让他们的离开障碍更快增长。',
      en: 'Gives the biggest spenders a higher tier and more benefits, so their barrier to leaving grows faster.',
    },
    concept: 'loyalty-programme',
    kind: 'choice',
    min: 0,
    max: 1,
    step: 1,
    default: 0,
    options: [
      { 'zh-CN': '不分级', en: 'No tiers' },
      { 'zh-CN': '分级', en: 'Tiers' },
    ],
    unit: 'level',
    cost: { basis: 'fixed', unitCost: 8000 },
  },
  {
    id: 'keyAccountCare',
    label: { 'zh-CN': '大客户关怀', en: 'Key-account care' },
    explanation: {
      'zh-CN': '为最有价值的前10%客户配专人服务。按大客户人数计费。',
      en: 'Dedicated managers for the most valuable 10% of customers. Charged per top customer.',
    },
    concept: 'key-account-management',
    kind: 'range',
    min: 0,
    max: 1,
    step: 0.05,
    default: 0,
    unit: 'share',
    cost: { basis: 'perTopCustomer', unitCost: 80 },
  },
  {
    id: 'complaintResponseHours',
    label: { 'zh-CN': '投诉响应时限', en: 'Complaint response time' },
    explanation: {
      'zh-CN': '回复投诉客户的目标时间。24小时内回复是教材的标准;越快越贵。',
      en: 'Target time to answer a complaining customer. The textbook standard is within 24 hours; faster costs more.',
    },
    concept: 'response-time-24h',
    kind: 'range',
    min: 4,
    max: 168,
    step: 4,
    default: 72,
    unit: 'hours',
    cost: { basis: 'perComplaintInverse', unitCost: 30 },
  },
  {
    id: 'complaintCompensation',
    label: { 'zh-CN': '投诉补偿', en: 'Complaint compensation' },
    explanation: {
      'zh-CN': '给投诉客户的补偿力度。公平的补偿帮助挽回客户,但治标不治本。',
      en: 'How generously complaining customers are compensated. Fair compensation helps win them back but does not fix the cause.',
    },
    concept: 'service-recovery',
    kind: 'range',
    min: 0,
    max: 1,
    step: 0.1,
    default: 0.2,
    unit: 'share',
    cost: { basis: 'perComplaint', unitCost: 150 },
  },
  {
    id: 'rootCauseFixes',
    label: { 'zh-CN': '根源改进', en: 'Root-cause fixes' },
    explanation: {
      'zh-CN': '追问投诉背后的原因并改进流程,让同样的问题不再发生在其他客户身上。',
      en: 'Asks why each complaint happened and fixes the process, so the same failure stops reaching other customers.',
    },
    concept: 'root-cause-fix',
    kind: 'range',
    min: 0,
    max: 1,
    step: 0.1,
    default: 0,
    unit: 'share',
    cost: { basis: 'fixed', unitCost: 30000 },
  },
  {
    id: 'feedbackChannels',
    label: { 'zh-CN': '反馈渠道', en: 'Feedback channels' },
    explanation: {
      'zh-CN': '电话回访、网上表单、电子邮件调查。渠道越多,不满的客户越可能说出来,而不是默默离开。',
      en: 'Phone callbacks, a web form, an e-mail survey. More channels mean unhappy customers speak up instead of leaving silently.',
    },
    concept: 'feedback-channels',
    kind: 'choice',
    min: 0,
    max: 3,
    step: 1,
    default: 1,
    options: [
      { 'zh-CN': '无', en: 'None' },
      { 'zh-CN': '电话回访', en: 'Phone callbacks' },
      { 'zh-CN': '电话 + 网上表单', en: 'Phone + web form' },
      { 'zh-CN': '电话 + 表单 + 邮件调查', en: 'Phone + form + e-mail survey' },
    ],
    unit: 'count',
    cost: { basis: 'fixed', unitCost: 6000 },
  },
  {
    id: 'personalCare',
    label: { 'zh-CN': '客户关怀', en: 'Personal care' },
    explanation: {
      'zh-CN': '问候、定期联系、生日祝福。三分之二的客户流失源于关怀不够。',
      en: 'Greetings, regular contact, birthday wishes. Two thirds of customers who leave do so because they felt neglected.',
    },
    concept: 'customer-care',
    kind: 'range',
    min: 0,
    max: 1,
    step: 0.05,
    default: 0.1,
    unit: 'share',
    cost: { basis: 'perCustomer', unitCost: 6 },
  },
  {
    id: 'switchingBarriers',
    label: { 'zh-CN': '转移壁垒', en: 'Switching barriers' },
    explanation: {
      'zh-CN': '合约、捆绑套餐。能留住不满意的客户(迟钝忠诚),但压得太紧会招致反感。',
      en: 'Contracts and bundles. They hold even unhappy customers (inertia loyalty), but too tight a lock breeds resentment.',
    },
    concept: 'switching-barriers',
    kind: 'range',
    min: 0,
    max: 1,
    step: 0.05,
    default: 0,
    unit: 'share',
    cost: { basis: 'perCustomer', unitCost: 6 },
  },
  {
    id: 'brandAdvertising',
    label: { 'zh-CN': '品牌广告', en: 'Brand advertising' },
    explanation: {
      'zh-CN': '提升品牌形象和新客户转化,但广告承诺会抬高期望:过度承诺伤害满意度。',
      en: 'Lifts brand image and the conversion of prospects, but promises raise expectations: over-promising hurts satisfaction.',
    },
    concept: 'brand',
    kind: 'range',
    min: 0,
    max: 1,
    step: 0.05,
    default: 0.2,
    unit: 'share',
    cost: { basis: 'fixed', unitCost: 60000 },
  },
  {
    id: 'acquisitionSpend',
    label: { 'zh-CN': '获客投入', en: 'Acquisition spend' },
    explanation: {
      'zh-CN': '广告和销售拜访带来新客户。赢得一个新客户的成本约是留住一个老客户的5倍。',
      en: 'Advertising and sales visits bring new customers. Winning a new customer costs about five times as much as keeping one.',
    },
    concept: 'acquisition-vs-retention-cost',
    kind: 'range',
    min: 0,
    max: 1,
    step: 0.05,
    default: 0.3,
    unit: 'share',
    cost: { basis: 'fixed', unitCost: 200000 },
  },
  {
    id: 'crmAnalytics',
    label: { 'zh-CN': 'CRM 系统', en: 'CRM system' },
    explanation: {
      'zh-CN': '客户数据库让你看到更多;只有分析并使用数据,才能让关怀投向对的客户。',
      en: 'A customer database lets you see more; only analysing and using the data aims care at the right customers.',
    },
    concept: 'crm-analytics',
    kind: 'choice',
    min: 0,
    max: 2,
    step: 1,
    default: 0,
    options: [
      { 'zh-CN': '无', en: 'None' },
      { 'zh-CN': '客户数据库', en: 'Customer database' },
      { 'zh-CN': '数据库 + 分析应用', en: 'Database + analytics in use' },
    ],
    unit: 'level',
    cost: { basis: 'fixed', unitCost: 20000 },
  },
  {
    id: 'letUnprofitableGo',
    label: { 'zh-CN': '放弃无利可图的客户', en: 'Let unprofitable customers go' },
    explanation: {
      'zh-CN': '不再为长期亏损的客户提供关怀和积分,省下的资源留给有价值的客户。',
      en: 'Stops spending care and points on customers who keep losing money, so resources go to valuable ones.',
    },
    concept: 'let-unprofitable-go',
    kind: 'choice',
    min: 0,
    max: 1,
    step: 1,
    default: 0,
    options: [
      { 'zh-CN': '一视同仁', en: 'Serve everyone alike' },
      { 'zh-CN': '放手', en: 'Let them go' },
    ],
    unit: 'level',
    cost: { basis: 'none', unitCost: 0 },
  },
];

const BY_ID = new Map<LeverId, LeverDefinition>(LEVER_CATALOGUE.map((l) => [l.id, l]));

export const LEVER_IDS: readonly LeverId[] = LEVER_CATALOGUE.map((l) => l.id);

export function isLeverId(id: string): id is LeverId {
  return BY_ID.has(id as LeverId);
}

export function leverDefinition(id: LeverId): LeverDefinition {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`unknown lever ${id}`);
  return def;
}

/** A lever as one scenario offers it: catalogue entry with the scenario's tuning applied. */
export interface ResolvedLever extends LeverDefinition {
  locked: boolean;
}

export function resolveLevers(settings: readonly LeverSetting[]): ResolvedLever[] {
  return settings.map((s) => {
    const def = leverDefinition(s.id);
    const min = s.min ?? def.min;
    const max = s.max ?? def.max;
    const dflt = s.default ?? Math.min(max, Math.max(min, def.default));
    return {
      ...def,
      min,
      max,
      default: dflt,
      cost: { basis: def.cost.basis, unitCost: s.unitCost ?? def.cost.unitCost },
      locked: s.locked ?? false,
    };
  });
}

/**
 * Lever values actually in force: the scenario's defaults, overridden by the decisions
 * for offered, unlocked levers. Levers the scenario does not offer stay at the catalogue's
 * "off" value (their minimum, or 1 for price), so an absent lever never acts or costs.
 */
export function effectiveLevers(
  levers: readonly ResolvedLever[],
  chosen: LeverValues,
): Required<LeverValues> {
  const out = {} as Record<LeverId, number>;
  for (const def of LEVER_CATALOGUE)
    out[def.id] = def.id === 'priceLevel' ? 1 : def.id === 'complaintResponseHours' ? 168 : def.min;
  for (const l of levers) {
    const v = l.locked ? l.default : (chosen[l.id] ?? l.default);
    out[l.id] = v;
  }
  return out as Required<LeverValues>;
}

/** Quantities a cost rule multiplies by, taken from the state at the start of the period. */
export interface CostBasisCounts {
  activeCustomers: number;
  topCustomers: number;
  complaints: number;
  revenue: number;
}

/** Money each lever will cost this period, by lever id. */
export function leverCostBreakdown(
  levers: readonly ResolvedLever[],
  values: LeverValues,
  basis: CostBasisCounts,
): Partial<Record<LeverId, number>> {
  const eff = effectiveLevers(levers, values);
  const out: Partial<Record<LeverId, number>> = {};
  for (const l of levers) {
    const v = eff[l.id];
    const u = l.cost.unitCost;
    let c = 0;
    switch (l.cost.basis) {
      case 'fixed':
        c = u * v;
        break;
      case 'perCustomer':
        c = u * v * basis.activeCustomers;
        break;
      case 'perTopCustomer':
        c = u * v * basis.topCustomers;
        break;
      case 'perComplaint':
        c = u * v * basis.complaints;
        break;
      case 'perComplaintInverse':
        c = u * (24 / Math.max(1, v)) * basis.complaints;
        break;
      case 'perRevenue':
        c = v > 0 ? v * basis.revenue + u : 0;
        break;
      case 'none':
        c = 0;
    }
    out[l.id] = c;
  }
  return out;
}

export function totalLeverCost(
  levers: readonly ResolvedLever[],
  values: LeverValues,
  basis: CostBasisCounts,
): number {
  let sum = 0;
  for (const c of Object.values(leverCostBreakdown(levers, values, basis))) sum += c ?? 0;
  return sum;
}

/** Problems with a set of lever values: out of range, off-step, unknown or locked. */
export function checkLeverValues(
  levers: readonly ResolvedLever[],
  values: LeverValues,
): { lever: string; problem: 'unknown' | 'range' | 'step' | 'locked' | 'notNumber' }[] {
  const byId = new Map(levers.map((l) => [l.id, l]));
  const out: { lever: string; problem: 'unknown' | 'range' | 'step' | 'locked' | 'notNumber' }[] =
    [];
  for (const [id, v] of Object.entries(values)) {
    const l = byId.get(id as LeverId);
    if (!l) {
      out.push({ lever: id, problem: 'unknown' });
      continue;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) out.push({ lever: id, problem: 'notNumber' });
    else if (l.locked && v !== l.default) out.push({ lever: id, problem: 'locked' });
    else if (v < l.min - 1e-9 || v > l.max + 1e-9) out.push({ lever: id, problem: 'range' });
    else if (
      l.kind === 'choice' &&
      Math.abs((v - l.min) / l.step - Math.round((v - l.min) / l.step)) > 1e-6
    )
      out.push({ lever: id, problem: 'step' });
  }
  return out;
}
