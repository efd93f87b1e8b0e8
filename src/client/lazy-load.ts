/**
 * Fetches a component's code only when it is needed, so no page requests a script file
 * as it loads. A component names its code on its root element:
 *
 * - `data-load-src`: the module's address (a `?worker&url` import, built on its own);
 * - `data-load`: when to fetch it: `now` (the page is the feature), `near` (when the
 *   element comes within a screen of view) or `use` (on the first focus or typing in it).
 *
 * This file is bundled by Astro like every processed script, so the page's
 * Content-Security-Policy allows it by its hash without any hand-written inline code.
 */
const started = new Set<string>();

function load(src: string): void {
  if (started.has(src)) return;
  started.add(src);
  import(/* @vite-ignore */ src).catch((error: unknown) => {
    started.delete(src); // let the next use try again
    console.warn(error);
  });
}

const near = 'IntersectionObserver' in window
  ? new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        near?.unobserve(entry.target);
        load((entry.target as HTMLElement).dataset.loadSrc ?? '');
      }
    }, { rootMargin: '100% 0px' })
  : undefined;

for (const element of document.querySelectorAll<HTMLElement>('[data-load-src]')) {
  const src = element.dataset.loadSrc;
  if (!src) continue;
  const when = element.dataset.load;
  if (when === 'use') {
    const start = () => load(src);
    element.addEventListener('focusin', start, { once: true });
    element.addEventListener('input', start, { once: true });
  } else if (when === 'near' && near) {
    near.observe(element);
  } else {
    load(src);
  }
}
