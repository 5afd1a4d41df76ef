/**
 * English interface strings: the reference dictionary.
 *
 * What lives here: every sentence the interface shows, keyed by a dotted id.
 * The key type of every other language is derived from this object, so a key
 * added here must be added to `zh-CN.ts` too, or the type check fails.
 *
 * Placeholders are written `{name}` and filled by `t(key, { name })`.
 * Plural messages come in pairs, `<key>.one` and `<key>.other`, and are read
 * with `tc(key, count)`; `{count}` is formatted for the current locale.
 */
export const en = {
  'app.name': 'Loyalty Lab',
  'app.tagline': 'Customer loyalty management simulator',
  'app.pageTitle': '{page} · {app}',
  'app.loading': 'Loading…',
  'app.loadError': 'Something went wrong while loading this page. Reload to try again.',

  'skip.toMain': 'Skip to main content',
  'nav.label': 'Main',
  'nav.home': 'Scenarios',
  'nav.glossary': 'Glossary',
  'nav.settings': 'Settings',
  'lang.label': 'Language',

  'footer.privacy': 'Runs entirely in your browser. Your progress stays on this device.',

  'home.eyebrow': 'Training simulator',
  'home.title': 'Choose a scenario',
  'home.intro':
    'Each scenario puts you in charge of a company’s customers for a number of periods. Make decisions, watch satisfaction and loyalty respond, and find out why.',
  'home.listLabel': 'Scenarios',
  'home.empty.title': 'No scenarios yet',
  'home.empty.body':
    'Scenarios will appear here as soon as they are added. Meanwhile, explore the key ideas in the glossary.',
  'home.empty.action': 'Open the glossary',

  'scenario.company': 'Company',
  'scenario.difficulty': 'Difficulty',
  'scenario.difficulty.1': 'Beginner',
  'scenario.difficulty.2': 'Intermediate',
  'scenario.difficulty.3': 'Advanced',
  'scenario.duration': 'Duration',
  'scenario.concepts': 'Concepts',
  'scenario.start': 'Start',
  'scenario.startNamed': 'Start {title}',

  'period.quarter.one': '{count} quarter',
  'period.quarter.other': '{count} quarters',
  'period.month.one': '{count} month',
  'period.month.other': '{count} months',
  'period.week.one': '{count} week',
  'period.week.other': '{count} weeks',
  'period.year.one': '{count} year',
  'period.year.other': '{count} years',

  'play.eyebrow': 'Scenario',
  'play.comingTitle': 'The play screen is on its way',
  'play.comingBody':
    'Soon you will run this scenario here, period by period: set your levers, see how customers respond, and review the results.',
  'play.back': 'Back to the scenarios',
  'play.notFound.title': 'Scenario not found',
  'play.notFound.body': 'There is no scenario called “{id}”.',

  'glossary.title': 'Glossary',
  'glossary.intro':
    'The key ideas of customer loyalty management, in Chinese and English. Search in either language.',
  'glossary.search.label': 'Search concepts',
  'glossary.search.placeholder': 'e.g. loyalty, 满意',
  'glossary.search.hint': 'Press / to search',
  'glossary.search.clear': 'Clear search',
  'glossary.topic.label': 'Topic',
  'glossary.topic.all': 'All topics',
  'glossary.topic.foundations': 'Foundations',
  'glossary.topic.satisfaction': 'Satisfaction',
  'glossary.topic.loyalty': 'Loyalty',
  'glossary.topic.retention': 'Retention',
  'glossary.topic.value': 'Customer value',
  'glossary.topic.segments': 'Segments',
  'glossary.topic.complaints': 'Complaints',
  'glossary.topic.care': 'Customer care',
  'glossary.topic.economics': 'Economics',
  'glossary.topic.crm': 'CRM',
  'glossary.results.one': '{count} concept',
  'glossary.results.other': '{count} concepts',
  'glossary.noResults': 'No concept matches “{query}”.',
  'glossary.more': 'Read more',
  'glossary.less': 'Show less',
  'glossary.moreAbout': 'Read more about {term}',
  'glossary.related': 'Related concepts',
  'glossary.sources': 'Textbook references: {list}',
  'glossary.loadError': 'The glossary could not be loaded.',
  'glossary.unknown': 'There is no concept called “{id}”. Here are all the others.',

  'settings.title': 'Settings',
  'settings.intro': 'These choices are saved in this browser only.',
  'settings.language': 'Language',
  'settings.display': 'Display',
  'settings.theme': 'Colour theme',
  'settings.theme.system': 'Follow the system',
  'settings.theme.light': 'Light',
  'settings.theme.dark': 'Dark',
  'settings.largeType': 'Large type',
  'settings.largeType.hint': 'Bigger text for projectors and classrooms.',

  'notFound.title': 'Page not found',
  'notFound.body': 'Nothing lives at “{path}”. Check the address, or go back to the scenarios.',
  'notFound.home': 'Go to the scenarios',

  // Dashboard, charts and customer stories (src/ui/dashboard, src/ui/story).
  'dashboard.title': 'Dashboard',
  'dashboard.empty': 'Your figures appear here after the first round.',
  'keyFigures.customers': 'Customers',
  'keyFigures.profit': 'Profit',
  'story.listTitle': 'Customer stories',
  'story.periods': '{count} periods',
} satisfies Record<string, string>;

/** Every message id, derived from the English dictionary. */
export type MessageKey = keyof typeof en;

/** The shape every language must fill: the same keys, string values. */
export type Dictionary = Record<MessageKey, string>;
