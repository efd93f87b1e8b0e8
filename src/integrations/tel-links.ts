/**
 * A Sätteri hast plugin (Astro 7's Markdown processor; registered in astro.config.mjs):
 * every phone number in a task's Markdown body becomes <a href="tel:…">number</a>, so a
 * person on a phone can ring it with one tap. It works on the HTML tree's text nodes,
 * never on HTML as a string, and leaves text that is already inside a link, or in code,
 * as it is. The numbers are found by src/lib/content/phone-numbers.ts, which the page
 * components use for front-matter fields too.
 */
import type { Element, ElementContent, Parents } from 'hast';
import type { HastPluginDefinition } from 'satteri';
import { phoneSegments } from '../lib/content/phone-numbers.ts';

/** Elements whose text must stay as written: a link inside them would be wrong or invalid. */
const KEEP_AS_TEXT = new Set(['a', 'code', 'pre', 'script', 'style', 'textarea', 'button']);

export const telLinks: HastPluginDefinition = {
  name: 'taskfront-tel-links',
  text(node, ctx) {
    for (let parent: Readonly<Parents> | undefined = ctx.parent(node); parent && parent.type === 'element'; parent = ctx.parent(parent as Element)) {
      if (KEEP_AS_TEXT.has(parent.tagName)) return;
    }
    const segments = phoneSegments(node.value);
    if (!segments.some((segment) => segment.tel)) return;
    const replacement: ElementContent[] = segments.map((segment) =>
      segment.tel
        ? { type: 'element', tagName: 'a', properties: { href: segment.tel }, children: [{ type: 'text', value: segment.text }] }
        : { type: 'text', value: segment.text },
    );
    ctx.replaceNode(node, replacement);
  },
};
