// The screen a session snapshot asks for: one name per screen of the play page. Read from
// the machine's state with matches(), never from the context, so the machine stays the one
// source of where the learner is.

import type { SessionSnapshot } from './session.svelte';

export type Phase =
  | 'briefing'
  | 'review'
  | 'decide'
  | 'events'
  | 'complaints'
  | 'simulating'
  | 'roundReport'
  | 'debrief'
  | 'quiz'
  | 'finished'
  | 'restarting';

export function phaseOf(s: Pick<SessionSnapshot, 'matches'>): Phase {
  if (s.matches('briefing')) return 'briefing';
  if (s.matches({ round: 'review' })) return 'review';
  if (s.matches({ round: 'decide' })) return 'decide';
  if (s.matches({ round: 'events' })) return 'events';
  if (s.matches({ round: 'complaints' })) return 'complaints';
  if (s.matches('simulating')) return 'simulating';
  if (s.matches('roundReport')) return 'roundReport';
  if (s.matches('debrief')) return 'debrief';
  if (s.matches('quiz')) return 'quiz';
  if (s.matches('finished')) return 'finished';
  return 'restarting';
}

/** The steps of a round, in order; events and complaints only when the round has them. */
export function roundSteps(view: { events: unknown[]; complaints: unknown[] }): Phase[] {
  const steps: Phase[] = ['review', 'decide'];
  if (view.events.length) steps.push('events');
  if (view.complaints.length) steps.push('complaints');
  steps.push('roundReport');
  return steps;
}
