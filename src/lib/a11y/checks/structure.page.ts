/** Page side of the structure check: language, title, headings, landmarks. */
import { documentKind } from '../page/document-kind.ts';
import { ref } from '../page/elements.ts';
import { nameOf } from '../page/naming.ts';
import type { StructureInfo } from '../page/types.ts';
import { exposed } from '../page/visibility.ts';

const SECTIONING = 'article, aside, main, nav, section, [role="article"], [role="complementary"], [role="main"], [role="navigation"], [role="region"]';
const LANDMARKS =
  'main, nav, aside, search, [role="main"], [role="navigation"], [role="complementary"], [role="search"], [role="banner"], [role="contentinfo"], [role="region"][aria-label], [role="region"][aria-labelledby], section[aria-label], section[aria-labelledby], form[aria-label], form[aria-labelledby]';

export function structure(): StructureInfo {
  const kind = documentKind();
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')].filter(exposed).map((el) => ({
    ...ref(el),
    level: el.getAttribute('role') === 'heading' ? Number(el.getAttribute('aria-level') ?? 2) : Number(el.localName.slice(1)),
    empty: nameOf(el, true) === '',
  }));
  const topLevel = (tag: string, role: string) =>
    [...document.querySelectorAll(`${tag}, [role="${role}"]`)].filter((el) => exposed(el) && (el.getAttribute('role') === role || !el.parentElement?.closest(SECTIONING)));
  const banners = topLevel('header', 'banner').length;
  const contentinfos = topLevel('footer', 'contentinfo').length;
  return {
    documentKind: kind,
    lang: document.documentElement.getAttribute('lang') ?? document.documentElement.getAttribute('xml:lang'),
    title: document.title.trim(),
    h1: headings.filter((heading) => heading.level === 1),
    headings,
    mains: [...document.querySelectorAll('main, [role="main"]')].filter(exposed).map(ref),
    banners,
    contentinfos,
    navs: [...document.querySelectorAll('nav, [role="navigation"]')].filter(exposed).map((el) => ({ ...ref(el), name: nameOf(el) })),
    landmarks: [...document.querySelectorAll(LANDMARKS)].filter(exposed).length + banners + contentinfos,
    refreshes: [...document.querySelectorAll('meta[http-equiv="refresh" i][content]')].map((el) => ({ ...ref(el), content: el.getAttribute('content') ?? '' })),
  };
}
