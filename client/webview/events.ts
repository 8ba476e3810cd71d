/**
 * The event layer: one set of delegated listeners on the root, installed once,
 * so they survive every re-render. It turns DOM events into calls on `Handlers`.
 */

export interface Handlers {
  /** A card, outcome or trace node was clicked or activated with Enter/Space. */
  activate(el: HTMLElement): void;
  /** A toolbar / lane button with `data-action`. */
  action(name: string, el: HTMLElement): void;
  /** A `<details data-toggle>` (a list built only while open) was opened or closed. */
  toggle(id: string, open: boolean): void;
  /** A filter select changed. */
  filter(key: string, value: string): void;
  /** The unit picker changed. */
  unit(value: string): void;
  /** The audience picker changed ('' = everyone). */
  audience(value: string): void;
  /** An item card was dropped on (or moved with Alt+←/→ to) another column of its lane. */
  move(card: HTMLElement, cell: HTMLElement): void;
  /** The board scrolled. */
  scrolled(el: HTMLElement): void;
}

const CARD_DRAG_TYPE = 'application/x-okr-card';

export function attachEvents(root: HTMLElement, on: Handlers): void {
  let dragged: HTMLElement | null = null;

  root.addEventListener('click', (e) => {
    const t = e.target as HTMLElement;
    // A click anywhere but inside an open menu closes it.
    root.querySelectorAll<HTMLDetailsElement>('details.menu[open]').forEach((m) => { if (!m.contains(t)) m.open = false; });
    const actionEl = t.closest<HTMLElement>('[data-action]');
    if (actionEl && root.contains(actionEl) && actionEl.tagName === 'BUTTON') {
      const menu = actionEl.closest<HTMLDetailsElement>('details.menu');
      if (menu) menu.open = false; // an item was picked
      on.action(actionEl.dataset.action ?? '', actionEl);
      return;
    }
    if (t.closest('summary, a, button, select, input')) return;
    const target = t.closest<HTMLElement>('[data-ref][role="button"]');
    if (target && root.contains(target)) on.activate(target);
  });

  root.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    const menu = t.closest<HTMLDetailsElement>('details.menu[open]');
    if (menu && e.key === 'Escape') {
      e.preventDefault();
      menu.open = false;
      menu.querySelector<HTMLElement>('summary')?.focus();
      return;
    }
    if (!t.matches('[data-ref][role="button"]')) return;
    if ((e.key === 'Enter' || e.key === ' ') && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      on.activate(t);
    } else if (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight') && t.getAttribute('draggable') === 'true') {
      const cell = t.closest<HTMLElement>('.cell');
      const next = (e.key === 'ArrowLeft' ? cell?.previousElementSibling : cell?.nextElementSibling) as HTMLElement | null | undefined;
      if (next && next.classList.contains('cell')) {
        e.preventDefault();
        on.move(t, next);
      }
    }
  });

  // Tabbing out of an open menu closes it.
  root.addEventListener('focusout', (e) => {
    const menu = (e.target as HTMLElement).closest?.<HTMLDetailsElement>('details.menu[open]');
    const into = e.relatedTarget as Node | null;
    if (menu && into && !menu.contains(into)) menu.open = false;
  });

  // `toggle` does not bubble: listen in the capture phase.
  root.addEventListener('toggle', (e) => {
    const t = e.target as HTMLElement;
    if (t instanceof HTMLDetailsElement && t.dataset.toggle) on.toggle(t.dataset.toggle, t.open);
  }, true);

  root.addEventListener('change', (e) => {
    const t = e.target as HTMLElement;
    if (!(t instanceof HTMLSelectElement)) return;
    if (t.dataset.filter) on.filter(t.dataset.filter, t.value);
    else if (t.dataset.action === 'unit') on.unit(t.value);
    else if (t.dataset.action === 'audience') on.audience(t.value);
  });

  root.addEventListener('scroll', (e) => {
    const t = e.target as HTMLElement;
    if (t instanceof HTMLElement && t.classList.contains('scroller')) on.scrolled(t);
  }, true);

  // ---- drag and drop: an item card moves along its own lane only.
  root.addEventListener('dragstart', (e) => {
    const card = (e.target as HTMLElement).closest?.<HTMLElement>('.card[draggable="true"]');
    if (!card || !e.dataTransfer) return;
    dragged = card;
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData(CARD_DRAG_TYPE, card.dataset.ref ?? '');
    e.dataTransfer.setData('text/plain', card.dataset.ref ?? '');
    card.classList.add('is-dragging');
    card.closest('.lane')?.classList.add('lane--dragging');
  });

  const dropCell = (e: DragEvent): HTMLElement | null => {
    if (!dragged) return null;
    const cell = (e.target as HTMLElement).closest?.<HTMLElement>('.cell');
    if (!cell || cell.closest('.lane') !== dragged.closest('.lane')) return null;
    if (cell.dataset.column === dragged.dataset.column) return null;
    return cell;
  };

  root.addEventListener('dragover', (e) => {
    const cell = dropCell(e);
    if (!cell) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
    markDrop(root, cell);
  });

  root.addEventListener('dragleave', (e) => {
    const cell = (e.target as HTMLElement).closest?.<HTMLElement>('.cell');
    const into = e.relatedTarget as Node | null;
    if (cell && !(into && cell.contains(into))) cell.classList.remove('cell--drop');
  });

  root.addEventListener('drop', (e) => {
    const cell = dropCell(e);
    const card = dragged;
    if (!cell || !card) return;
    e.preventDefault();
    cleanup();
    on.move(card, cell);
  });

  const cleanup = (): void => {
    dragged?.classList.remove('is-dragging');
    root.querySelectorAll('.cell--drop').forEach((c) => c.classList.remove('cell--drop'));
    root.querySelectorAll('.lane--dragging').forEach((c) => c.classList.remove('lane--dragging'));
    dragged = null;
  };
  root.addEventListener('dragend', cleanup);
}

function markDrop(root: HTMLElement, cell: HTMLElement): void {
  if (cell.classList.contains('cell--drop')) return;
  root.querySelectorAll('.cell--drop').forEach((c) => c.classList.remove('cell--drop'));
  cell.classList.add('cell--drop');
}
