/**
 * One tab stop per list (the WAI-ARIA "roving tabindex" pattern): Tab enters a list at the item
 * last used (the first at first), the arrow keys, Home and End move within it, Enter or Space
 * presses the item's button. A list of sixty links is then one Tab, not sixty, on the way from the
 * search box to a link's evidence.
 */
export function rovingList(list: HTMLElement, remembered?: string): void {
  const items = (): HTMLElement[] => [...list.querySelectorAll<HTMLElement>(':scope > li > button')];
  const all = items();
  if (all.length === 0) return;
  const start = all.find((item) => item.dataset.rove === remembered) ?? all[0];
  for (const item of all) item.tabIndex = item === start ? 0 : -1;
  list.addEventListener('keydown', (event) => {
    const current = items();
    const index = current.indexOf(event.target as HTMLElement);
    if (index < 0) return;
    const next = targetIndex(event.key, index, current.length);
    if (next === undefined) return;
    event.preventDefault();
    current[index].tabIndex = -1;
    current[next].tabIndex = 0;
    current[next].focus();
  });
}

function targetIndex(key: string, index: number, length: number): number | undefined {
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return Math.min(index + 1, length - 1);
    case 'ArrowUp':
    case 'ArrowLeft':
      return Math.max(index - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return length - 1;
    default:
      return undefined;
  }
}
