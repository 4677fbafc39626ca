/**
 * Tiny DOM helpers. Every piece of text goes in through textContent (never innerHTML), so a
 * function name like "<script>alert(1)</script>" from a profile shows as text.
 */
type Child = Node | string | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children)
    if (c !== undefined && c !== false)
      node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

export function section(title: string, id: string): { root: HTMLElement; body: HTMLElement } {
  const body = el('div', { class: 'body' });
  const root = el('section', { id }, el('h2', {}, title), body);
  return { root, body };
}

export function clock(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + 'Z';
}
