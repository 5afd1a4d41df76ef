/**
 * Simplified Chinese interface strings.
 *
 * Typed as `Dictionary`, so a missing or extra key is a type error; the unit test
 * `dictionaries.test.ts` checks the same at run time, and also rejects empty strings.
 */
import type { Dictionary } from './en';

export const zhCN: Dictionary = {
  'app.name': '客户忠诚实验室',
  'app.tagline': '客户忠诚管理训练模拟器',
  'app.pageTitle': '{page} · {app}',
  'app.loading': '加载中…',
  'app.loadError': '页面加载出错，请刷新后重试。',

  'skip.toMain': '跳到主要内容',
  'nav.label': '主导航',
  'nav.home': '情景',
  'nav.glossary': '概念词典',
  'nav.settings': '设置',
  'lang.label': '语言',

  'footer.privacy': '完全在浏览器中运行，学习进度只保存在这台设备上。',

  'home.eyebrow': '训练模拟器',
  'home.title': '选择一个经营情景',
  'home.intro':
    '每个情景都让你在若干经营周期内负责一家公司的客户。做出决策，观察满意度与忠诚度如何变化，并弄清背后的原因。',
  'home.listLabel': '情景列表',
  'home.empty.title': '暂时还没有情景',
  'home.empty.body': '情景一旦添加，就会出现在这里。在此之前，可以先在概念词典里熟悉核心概念。',
  'home.empty.action': '打开概念词典',

  'scenario.company': '公司',
  'scenario.difficulty': '难度',
  'scenario.difficulty.1': '入门',
  'scenario.difficulty.2': '进阶',
  'scenario.difficulty.3': '挑战',
  'scenario.duration': '时长',
  'scenario.concepts': '涉及概念',
  'scenario.start': '开始',
  'scenario.startNamed': '开始「{title}」',

  'period.quarter.one': '{count} 个季度',
  'period.quarter.other': '{count} 个季度',
  'period.month.one': '{count} 个月',
  'period.month.other': '{count} 个月',
  'period.week.one': '{count} 周',
  'period.week.other': '{count} 周',
  'period.year.one': '{count} 年',
  'period.year.other': '{count} 年',

  'play.eyebrow': '情景',
  'play.comingTitle': '游戏界面正在建设中',
  'play.comingBody':
    '很快你就可以在这里逐期运行这个情景：调整经营杠杆，观察客户的反应，再复盘结果。',
  'play.back': '返回情景列表',
  'play.notFound.title': '找不到这个情景',
  'play.notFound.body': '没有名为“{id}”的情景。',

  'glossary.title': '概念词典',
  'glossary.intro': '客户忠诚管理的核心概念，中英对照，可用任一语言搜索。',
  'glossary.search.label': '搜索概念',
  'glossary.search.placeholder': '例如：忠诚、satisfaction',
  'glossary.search.hint': '按 / 键开始搜索',
  'glossary.search.clear': '清除搜索',
  'glossary.topic.label': '主题',
  'glossary.topic.all': '全部主题',
  'glossary.topic.foundations': '基础',
  'glossary.topic.satisfaction': '客户满意',
  'glossary.topic.loyalty': '客户忠诚',
  'glossary.topic.retention': '客户保持',
  'glossary.topic.value': '客户价值',
  'glossary.topic.segments': '客户细分',
  'glossary.topic.complaints': '客户投诉',
  'glossary.topic.care': '客户关怀',
  'glossary.topic.economics': '经济效益',
  'glossary.topic.crm': '客户关系管理',
  'glossary.results.one': '共 {count} 个概念',
  'glossary.results.other': '共 {count} 个概念',
  'glossary.noResults': '没有与“{query}”匹配的概念。',
  'glossary.more': '展开阅读',
  'glossary.less': '收起',
  'glossary.moreAbout': '展开阅读：{term}',
  'glossary.related': '相关概念',
  'glossary.sources': '教材出处：{list}',
  'glossary.loadError': '概念词典加载失败。',
  'glossary.unknown': '没有名为“{id}”的概念。下面是全部概念。',

  'settings.title': '设置',
  'settings.intro': '这些选择只保存在当前浏览器中。',
  'settings.language': '界面语言',
  'settings.display': '显示',
  'settings.theme': '配色',
  'settings.theme.system': '跟随系统',
  'settings.theme.light': '浅色',
  'settings.theme.dark': '深色',
  'settings.largeType': '大字号',
  'settings.largeType.hint': '字更大，适合投影与课堂演示。',

  'notFound.title': '页面不存在',
  'notFound.body': '“{path}”这里什么也没有。请检查地址，或返回情景列表。',
  'notFound.home': '前往情景列表',

  // 仪表盘、图表与客户故事（src/ui/dashboard, src/ui/story）。
  'dashboard.title': '仪表盘',
  'dashboard.empty': '第一轮结束后，这里会显示你的各项数据。',
  'keyFigures.customers': '客户数',
  'keyFigures.profit': '利润',
  'story.listTitle': '客户故事',
  'story.periods': '{count} 期',
};
