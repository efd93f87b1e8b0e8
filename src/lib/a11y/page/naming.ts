/**
 * Accessible names, as far as the audit's own checks need them (landmarks and headings):
 * aria-labelledby first, then aria-label, then the content (for roles named from content),
 * then title. `nameFrom` holds the rules and is pure; `nameOf` reads them from the DOM.
 */

export interface NameParts {
  /** Text of each element aria-labelledby points at (missing ids left out); null without the attribute. */
  labelledby: string[] | null;
  label: string | null;
  /** The text a person would hear from the content (alt text of images included); null when the role is not named from content. */
  content: string | null;
  title: string | null;
}

const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

export function nameFrom(parts: NameParts): string {
  const labelledby = clean(parts.labelledby?.map(clean).join(' '));
  if (labelledby) return labelledby;
  const label = clean(parts.label);
  if (label) return label;
  const content = clean(parts.content);
  if (content) return content;
  return clean(parts.title);
}

/** Text from content: text nodes and the alt of images, skipping what is hidden from assistive technology. */
export function contentText(el: Element): string {
  let text = '';
  for (const node of el.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) text += node.nodeValue ?? '';
    else if (node.nodeType === Node.ELEMENT_NODE) {
      const child = node as Element;
      if (child.getAttribute('aria-hidden') === 'true' || child.hasAttribute('hidden') || /^(script|style|template)$/.test(child.localName)) continue;
      if (typeof child.checkVisibility === 'function' && !child.checkVisibility({ visibilityProperty: true }) && child.localName !== 'slot') continue;
      const label = child.getAttribute('aria-label');
      const role = child.getAttribute('role')?.trim().split(/\s+/)[0];
      if (label?.trim()) text += ` ${label} `;
      else if (child.localName === 'img' || role === 'img') {
        // An image marked decorative (role presentation or none) says nothing, whatever its alt.
        if (role !== 'presentation' && role !== 'none') text += ` ${child.getAttribute('alt') ?? ''} `;
      } else text += ` ${contentText(child)} `;
    }
  }
  return text;
}

export function nameOf(el: Element, fromContent = false): string {
  const ids = el.getAttribute('aria-labelledby');
  return nameFrom({
    labelledby: ids === null ? null : ids.split(/\s+/).filter(Boolean).map((id) => el.ownerDocument.getElementById(id)).filter((target) => target !== null).map((target) => contentText(target)),
    label: el.getAttribute('aria-label'),
    content: fromContent ? contentText(el) : null,
    title: el.getAttribute('title'),
  });
}
