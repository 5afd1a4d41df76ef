/**
 * Focus after navigation: when the route changes, keyboard and screen-reader
 * users should land on the new page's heading, not stay on the link they pressed.
 *
 * The app shell asks for it (`requestPageFocus`) when the route changes; whoever
 * renders the page start settles it (`settlePageFocus`), the shell itself for
 * pages that render at once, a lazily loaded page when it has arrived.
 * On the first load nothing is requested, so focus stays where the browser put it.
 */
let pending = false;

export function requestPageFocus(): void {
  pending = true;
}

/** Focuses `element` if a navigation is waiting for it; true if it did. */
export function settlePageFocus(element: HTMLElement | null | undefined): boolean {
  if (!pending || !element) return false;
  pending = false;
  element.focus({ preventScroll: true });
  return true;
}
