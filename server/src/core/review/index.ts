/** The review: cascade now + cascade at `since` + history → the review document, and its Markdown. */
export { buildReview, betsOf, ReviewError, type ReviewOptions } from './build';
export { reviewMarkdown, esc } from './markdown';
export { itemEvents, compareHorizons, isLive, isPastDue } from './events';
export type { ReviewDocument, ReviewEvent, ReviewItem, ReviewKr } from './types';
