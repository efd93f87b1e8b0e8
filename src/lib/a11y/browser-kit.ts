/**
 * The audit's code that runs inside the page. `browserKit` is sent to the browser as
 * source (Playwright serialises it), so it must stay self-contained: no imports and no
 * outside variables. It installs `window.__tfA11y`; each check calls one method and gets
 * plain data back. Types below describe that data for the Node side.
 */

export interface ElementRef {
  selector: string;
  html: string;
  text: string;
}

export interface StructureInfo {
  lang: string | null;
  title: string;
  h1: (ElementRef & { level: number })[];
  headings: (ElementRef & { level: number })[];
  mains: ElementRef[];
  banners: number;
  contentinfos: number;
  navs: (ElementRef & { name: string })[];
}

export interface ReflowInfo {
  viewport: number;
  scrollWidth: number;
  /** `hidden`: a visually hidden element (it cannot be read, but it still makes the page scroll). */
  offenders: (ElementRef & { right: number; width: number; cutBy: string | null; hidden: boolean })[];
}

export interface TextSpacingInfo {
  clipped: (ElementRef & { overflow: string })[];
  overlaps: { a: ElementRef; b: ElementRef }[];
}

export interface HiddenInfo {
  hidden: (ElementRef & { reason: string })[];
  motion: (ElementRef & { detail: string })[];
}

export interface FocusStop extends ElementRef {
  kind: 'body' | 'element' | 'iframe';
  uid: number;
  tag: string;
  radioGroup: string | null;
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** Inside a fixed or sticky box, so its place on the page moves as it scrolls. */
  pinned: boolean;
  /** Comes after the previous stop in the document. Null for the first stop. */
  afterPrevious: boolean | null;
  /** What changes when it takes focus, or null when nothing visible does. */
  indicator: string | null;
  /** False when there was no unfocused look to compare with (the element appeared later). */
  compared: boolean;
  invisible: boolean;
  obscured: boolean;
  skipLink: { targetInMain: boolean } | null;
}

export interface KeyboardPrep {
  expected: number;
  activeUid: number | null;
}

export interface SkipResult {
  activeInMain: boolean;
  active: string;
}

export interface FormInfo {
  index: number;
  method: string;
  action: string;
  search: boolean;
  visible: boolean;
  submitter: string | null;
  field: string | null;
  ref: ElementRef;
}

export interface Kit {
  selectorOf(el: Element): string;
  structure(): StructureInfo;
  reflow(): ReflowInfo;
  /** Applies the WCAG 1.4.12 spacing and reports what breaks; the spacing stays on until spacingOff(). */
  textSpacing(): TextSpacingInfo;
  spacingOff(): void;
  snapshotVisible(): number;
  hiddenNow(): HiddenInfo;
  keyboardPrepare(): KeyboardPrep;
  /** Where focus is now. `light` skips the look, visibility and cover tests (for the walk back). */
  keyboardStep(light?: boolean): FocusStop;
  keyboardAfterSkip(): SkipResult;
  keyboardUnreached(): ElementRef[];
  forms(): FormInfo[];
  /** Marks the element and returns its box in viewport pixels (after scrolling it into view). */
  outline(selector: string): { x: number; y: number; width: number; height: number; viewportWidth: number; viewportHeight: number } | null;
  clearOutline(): void;
}

declare global {
  interface Window {
    __tfA11y?: Kit;
  }
}

export function browserKit(): void {
  if (window.__tfA11y) return;

  // ---- naming elements -------------------------------------------------
  const uids = new WeakMap<Element, number>();
  let nextUid = 1;
  const uidOf = (el: Element): number => {
    let id = uids.get(el);
    if (!id) {
      id = nextUid++;
      uids.set(el, id);
    }
    return id;
  };
  const isIdent = (value: string) => /^-?[_a-zA-Z][_a-zA-Z0-9-]*$/.test(value);

  function selectorOf(el: Element): string {
    if (el === document.documentElement) return 'html';
    const parts: string[] = [];
    let node: Element | null = el;
    while (node && node !== document.documentElement) {
      const id = node.id;
      if (id && isIdent(id) && document.querySelectorAll(`#${CSS.escape(id)}`).length === 1) {
        parts.unshift(`#${id}`);
        break;
      }
      const tag = node.localName;
      const parent: Element | null = node.parentElement;
      const cls = [...node.classList].find(isIdent);
      let part = cls ? `${tag}.${cls}` : tag;
      if (parent) {
        const same = [...parent.children].filter((child) => child.localName === node!.localName);
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
      }
      parts.unshift(part);
      node = parent;
    }
    return parts.join(' > ');
  }

  function htmlOf(el: Element): string {
    const html = el.outerHTML.replace(/\s+/g, ' ');
    if (html.length <= 300) return html;
    const open = html.slice(0, html.indexOf('>') + 1);
    return `${open.length > 280 ? `${open.slice(0, 280)}…>` : open} … </${el.localName}>`;
  }

  const textOf = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 120);
  const ref = (el: Element): ElementRef => ({ selector: selectorOf(el), html: htmlOf(el), text: textOf(el) });

  // ---- what can be seen --------------------------------------------------
  function rendered(el: Element): boolean {
    if (!el.isConnected) return false;
    if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const rect = el.getBoundingClientRect();
    return rect.width >= 1 && rect.height >= 1;
  }

  /** Inside a box of 1 px or less that clips: the "visually hidden" pattern. */
  function clippedAway(el: Element): boolean {
    for (let node: Element | null = el; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === 'contents') continue;
      const rect = node.getBoundingClientRect();
      if ((rect.width <= 1 || rect.height <= 1) && (style.overflow !== 'visible' || style.clip !== 'auto' || style.clipPath !== 'none')) return true;
    }
    return false;
  }

  type Rgba = [number, number, number, number];
  // Made on first use: most colours come back from getComputedStyle as rgb() already.
  let paint: CanvasRenderingContext2D | null | undefined;
  const painter = () => {
    if (paint === undefined) {
      const canvas = document.createElement('canvas');
      canvas.width = 1;
      canvas.height = 1;
      paint = canvas.getContext('2d', { willReadFrequently: true });
    }
    return paint;
  };

  function rgba(value: string): Rgba | null {
    const match = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(value.trim());
    if (match) {
      const alpha = match[4] === undefined ? 1 : match[4].endsWith('%') ? parseFloat(match[4]) / 100 : parseFloat(match[4]);
      return [Number(match[1]), Number(match[2]), Number(match[3]), alpha];
    }
    if (value === 'transparent') return [0, 0, 0, 0];
    if (!value || value === 'none' || value.startsWith('url(')) return null;
    const paint = painter();
    if (!paint) return null;
    paint.clearRect(0, 0, 1, 1);
    paint.fillStyle = '#000';
    paint.fillStyle = value;
    paint.fillRect(0, 0, 1, 1);
    const data = paint.getImageData(0, 0, 1, 1).data;
    return [data[0]!, data[1]!, data[2]!, data[3]! / 255];
  }

  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const mix = (i: number) => (top[i]! * top[3] + bottom[i]! * bottom[3] * (1 - top[3])) / a;
    return [mix(0), mix(1), mix(2), a];
  };
  const luminance = (c: Rgba) => {
    const channel = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  };
  const ratio = (a: Rgba, b: Rgba) => {
    const [la, lb] = [luminance(a), luminance(b)];
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  };

  /** The page colour behind everything: Canvas, which forced colours may change. */
  function canvasColour(): Rgba {
    const probe = document.createElement('div');
    probe.style.cssText = 'position:absolute;width:1px;height:1px;background-color:Canvas;';
    document.body.append(probe);
    const colour = rgba(getComputedStyle(probe).backgroundColor) ?? [255, 255, 255, 1];
    probe.remove();
    return [colour[0], colour[1], colour[2], 1];
  }

  function backgroundOf(el: Element | null, base: Rgba): Rgba {
    const layers: Rgba[] = [];
    for (let node = el; node; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour && colour[3] > 0) {
        layers.push(colour);
        if (colour[3] >= 0.99) break;
      }
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), base);
  }

  function textColourVisible(el: Element, base: Rgba): { visible: boolean; fg: string; bg: string } {
    const style = getComputedStyle(el);
    const paintValue = el instanceof SVGElement ? style.fill : style.color;
    const fg = rgba(paintValue);
    const bg = backgroundOf(el, base);
    const bgText = `rgb(${bg.slice(0, 3).map(Math.round).join(', ')})`;
    if (!fg) return { visible: true, fg: paintValue, bg: bgText };
    return { visible: fg[3] > 0.1 && ratio(over(fg, bg), bg) >= 1.1, fg: paintValue, bg: bgText };
  }

  const outermost = <T extends { el: Element }>(items: T[]) => items.filter((item) => !items.some((other) => other !== item && other.el.contains(item.el)));

  // ---- structure -----------------------------------------------------------
  const exposed = (el: Element) =>
    !el.closest('[aria-hidden="true"], [hidden]') && (typeof el.checkVisibility !== 'function' || el.checkVisibility({ visibilityProperty: true }));

  function nameOf(el: Element): string {
    const labelledby = el.getAttribute('aria-labelledby');
    if (labelledby) {
      return labelledby
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim();
    }
    return (el.getAttribute('aria-label') ?? '').trim();
  }

  const SECTIONING = 'article, aside, main, nav, section, [role="article"], [role="complementary"], [role="main"], [role="navigation"], [role="region"]';
  function structure(): StructureInfo {
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')].filter(exposed).map((el) => ({
      ...ref(el),
      level: el.getAttribute('role') === 'heading' ? Number(el.getAttribute('aria-level') ?? 2) : Number(el.localName.slice(1)),
    }));
    const landmark = (tag: string, role: string) =>
      [...document.querySelectorAll(`${tag}, [role="${role}"]`)].filter((el) => exposed(el) && (el.getAttribute('role') === role || !el.parentElement?.closest(SECTIONING))).length;
    return {
      lang: document.documentElement.getAttribute('lang'),
      title: document.title.trim(),
      h1: headings.filter((heading) => heading.level === 1),
      headings,
      mains: [...document.querySelectorAll('main, [role="main"]')].filter(exposed).map(ref),
      banners: landmark('header', 'banner'),
      contentinfos: landmark('footer', 'contentinfo'),
      navs: [...document.querySelectorAll('nav, [role="navigation"]')].filter(exposed).map((el) => ({ ...ref(el), name: nameOf(el) })),
    };
  }

  // ---- reflow ------------------------------------------------------------------
  /** Which ancestors can hold (scroll or clip) an element with this position. */
  const positionKind = (position: string): 'any' | 'positioned' | 'fixed' => (position === 'absolute' ? 'positioned' : position === 'fixed' ? 'fixed' : 'any');

  function reflow(): ReflowInfo {
    const root = document.documentElement;
    const viewport = root.clientWidth;
    const scrollWidth = Math.max(root.scrollWidth, document.body.scrollWidth);
    const found: { el: Element; right: number; width: number; cutBy: string | null }[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('svg') && el.localName !== 'svg') continue;
      const rect = el.getBoundingClientRect();
      // Visually hidden (1 px) elements count too: past the edge they still make the page scroll.
      if (rect.right <= viewport + 1 || rect.width < 1 || rect.height < 1 || !rendered(el)) continue;
      // Inside a box that scrolls sideways on its own (a data table in .table-scroll): allowed.
      // Only boxes in the containing-block chain count: an absolutely positioned element escapes
      // a scrolling box that is not positioned, and then makes the whole page scroll.
      let scroller = false;
      let cutBy: string | null = null;
      let needs: 'any' | 'positioned' | 'fixed' = positionKind(getComputedStyle(el).position);
      for (let parent = el.parentElement; parent; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        const containing = style.transform !== 'none' || style.filter !== 'none' || /paint|layout|strict|content/.test(style.contain);
        const relevant = needs === 'any' || (needs === 'positioned' && (style.position !== 'static' || containing)) || (needs === 'fixed' && containing);
        if (!relevant) continue;
        const root = parent === document.body || parent === document.documentElement;
        const within = parent.getBoundingClientRect().right <= viewport + 1;
        if (!root && (style.overflowX === 'auto' || style.overflowX === 'scroll') && within) {
          scroller = true;
          break;
        }
        if ((style.overflowX === 'hidden' || style.overflowX === 'clip') && (within || root) && !cutBy) cutBy = selectorOf(parent);
        needs = positionKind(style.position);
      }
      if (scroller) continue;
      found.push({ el, right: Math.round(rect.right), width: Math.round(rect.width), cutBy });
    }
    return {
      viewport,
      scrollWidth,
      offenders: outermost(found)
        .slice(0, 20)
        .map((item) => ({ ...ref(item.el), right: item.right, width: item.width, cutBy: item.cutBy, hidden: clippedAway(item.el) })),
    };
  }

  // ---- text spacing ---------------------------------------------------------------
  interface TextBox {
    el: Element;
    node: Text;
    left: number;
    top: number;
    right: number;
    bottom: number;
  }

  function textBoxes(): TextBox[] {
    const boxes: TextBox[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const hidden = new Map<Element, boolean>();
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (!node.nodeValue?.trim()) continue;
      const el = node.parentElement;
      if (!el || el.closest('script, style, noscript, template')) continue;
      if (!hidden.has(el)) hidden.set(el, !rendered(el) || clippedAway(el));
      if (hidden.get(el)) continue;
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (rect.width > 1 && rect.height > 1) {
          boxes.push({ el, node, left: rect.left + scrollX, top: rect.top + scrollY, right: rect.right + scrollX, bottom: rect.bottom + scrollY });
        }
      }
    }
    return boxes.sort((a, b) => a.top - b.top);
  }

  function overlaps(): Map<string, [Element, Element]> {
    const boxes = textBoxes();
    const pairs = new Map<string, [Element, Element]>();
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i]!;
      for (let j = i + 1; j < boxes.length && boxes[j]!.top < a.bottom - 2; j++) {
        const b = boxes[j]!;
        if (a.node === b.node || a.el === b.el) continue;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 2 && y > 2) {
          const [first, second] = uidOf(a.el) < uidOf(b.el) ? [a.el, b.el] : [b.el, a.el];
          pairs.set(`${uidOf(first)}-${uidOf(second)}`, [first, second]);
        }
      }
    }
    return pairs;
  }

  function clippedText(): Map<Element, string> {
    const clipped = new Map<Element, string>();
    for (const el of document.body.querySelectorAll('*')) {
      const style = getComputedStyle(el);
      const hidesX = style.overflowX === 'hidden' || style.overflowX === 'clip';
      const hidesY = style.overflowY === 'hidden' || style.overflowY === 'clip';
      if (!hidesX && !hidesY) continue;
      if (el.clientWidth <= 1 || el.clientHeight <= 1 || !textOf(el)) continue;
      const wide = hidesX && el.scrollWidth > el.clientWidth + 1;
      const tall = hidesY && el.scrollHeight > el.clientHeight + 1;
      if (!wide && !tall) continue;
      if (!rendered(el) || clippedAway(el)) continue;
      clipped.set(el, wide && tall ? 'both ways' : wide ? `sideways (${el.scrollWidth} px of text in ${el.clientWidth} px)` : `at the bottom (${el.scrollHeight} px of text in ${el.clientHeight} px)`);
    }
    return clipped;
  }

  let spacing: HTMLStyleElement | null = null;
  function spacingOff() {
    spacing?.remove();
    spacing = null;
    void document.body.offsetHeight;
  }

  function textSpacing(): TextSpacingInfo {
    spacingOff();
    const overlapsBefore = overlaps();
    const clippedBefore = clippedText();
    spacing = document.createElement('style');
    // The WCAG 1.4.12 spacing: what a reader's own style sheet may ask for.
    spacing.textContent =
      '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
    (document.head ?? document.documentElement).append(spacing);
    void document.body.offsetHeight;
    const clippedAfter = clippedText();
    const overlapsAfter = overlaps();
    return {
      clipped: outermost([...clippedAfter].filter(([el]) => !clippedBefore.has(el)).map(([el, overflow]) => ({ el, overflow })))
        .slice(0, 20)
        .map((item) => ({ ...ref(item.el), overflow: item.overflow })),
      overlaps: [...overlapsAfter]
        .filter(([key]) => !overlapsBefore.has(key))
        .slice(0, 20)
        .map(([, [a, b]]) => ({ a: ref(a), b: ref(b) })),
    };
  }

  // ---- forced colours: what was visible must stay visible --------------------
  let snapshot: { el: Element; kind: 'text' | 'image' }[] = [];

  function snapshotVisible(): number {
    const base = canvasColour();
    const seen = new Set<Element>();
    snapshot = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || seen.has(el) || !node.nodeValue?.trim() || el.closest('script, style, noscript, template')) continue;
      seen.add(el);
      if (rendered(el) && !clippedAway(el) && textColourVisible(el, base).visible) snapshot.push({ el, kind: 'text' });
    }
    for (const el of document.querySelectorAll('img, svg:not([aria-hidden="true"]), [role="img"], input, select, textarea, button')) {
      if (!seen.has(el) && rendered(el) && !clippedAway(el)) snapshot.push({ el, kind: 'image' });
    }
    return snapshot.length;
  }

  function hiddenNow(): HiddenInfo {
    const base = canvasColour();
    const hidden: { el: Element; reason: string }[] = [];
    for (const { el, kind } of snapshot) {
      if (!el.isConnected) continue;
      if (!rendered(el) || clippedAway(el)) {
        hidden.push({ el, reason: 'is no longer shown' });
        continue;
      }
      if (kind === 'text') {
        const colour = textColourVisible(el, base);
        if (!colour.visible) hidden.push({ el, reason: `its text (${colour.fg}) now has the same colour as what is behind it (${colour.bg})` });
      }
    }
    const motion: { el: Element; detail: string }[] = [];
    for (const animation of document.getAnimations()) {
      if (animation.playState !== 'running') continue;
      const timing = animation.effect?.getComputedTiming();
      const target = (animation.effect as KeyframeEffect | null)?.target;
      if (!timing || !target) continue;
      const endless = timing.iterations === Infinity;
      const end = Number(timing.endTime ?? 0);
      if (endless || end > 5000) {
        const name = (animation as CSSAnimation).animationName ?? 'an animation';
        motion.push({ el: target, detail: `${name} keeps moving (${endless ? 'it never stops' : `${Math.round(end / 1000)} s`})` });
      }
    }
    return {
      hidden: outermost(hidden).slice(0, 30).map((item) => ({ ...ref(item.el), reason: item.reason })),
      motion: motion.slice(0, 10).map((item) => ({ ...ref(item.el), detail: item.detail })),
    };
  }

  // ---- keyboard -----------------------------------------------------------------------
  interface Look {
    outlineStyle: string;
    outlineWidth: string;
    outlineColor: string;
    outlineOffset: string;
    boxShadow: string;
    backgroundColor: string;
    backgroundImage: string;
    color: string;
    borderColor: string;
    borderWidth: string;
    textDecorationLine: string;
    content: string;
  }
  interface Looks {
    self: Look;
    before: Look;
    after: Look;
    parent: Look | null;
    background: Rgba;
  }

  const lookOf = (style: CSSStyleDeclaration): Look => ({
    outlineStyle: style.outlineStyle,
    outlineWidth: style.outlineWidth,
    outlineColor: style.outlineColor,
    outlineOffset: style.outlineOffset,
    boxShadow: style.boxShadow,
    backgroundColor: style.backgroundColor,
    backgroundImage: style.backgroundImage,
    color: style.color,
    borderColor: [style.borderTopColor, style.borderRightColor, style.borderBottomColor, style.borderLeftColor].join(' '),
    borderWidth: [style.borderTopWidth, style.borderRightWidth, style.borderBottomWidth, style.borderLeftWidth].join(' '),
    textDecorationLine: style.textDecorationLine,
    content: style.content,
  });

  function looksOf(el: Element): Looks {
    return {
      self: lookOf(getComputedStyle(el)),
      before: lookOf(getComputedStyle(el, '::before')),
      after: lookOf(getComputedStyle(el, '::after')),
      parent: el.parentElement ? lookOf(getComputedStyle(el.parentElement)) : null,
      background: backgroundOf(el.parentElement, [255, 255, 255, 1]),
    };
  }

  const outlineShows = (look: Look) => look.outlineStyle !== 'none' && parseFloat(look.outlineWidth) >= 1 && (rgba(look.outlineColor)?.[3] ?? 1) > 0.1;
  function shadowShows(shadow: string): boolean {
    if (!shadow || shadow === 'none') return false;
    return shadow.split(/,(?![^(]*\))/).some((layer) => {
      const colour = /rgba?\([^)]*\)/.exec(layer)?.[0];
      if (colour && (rgba(colour)?.[3] ?? 1) <= 0.1) return false;
      const lengths = (layer.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g) ?? []).map(parseFloat);
      return lengths.some((value) => value !== 0);
    });
  }
  const bordersShow = (look: Look) => look.borderWidth.split(' ').some((width) => parseFloat(width) >= 1) && (rgba(look.borderColor.split(' ')[0] ?? '')?.[3] ?? 1) > 0.1;

  function changeIn(was: Look, now: Look, background: Rgba): string | null {
    if (outlineShows(now) && (!outlineShows(was) || was.outlineColor !== now.outlineColor || was.outlineWidth !== now.outlineWidth || was.outlineStyle !== now.outlineStyle || was.outlineOffset !== now.outlineOffset)) {
      return `outline ${now.outlineWidth} ${now.outlineStyle} ${now.outlineColor}`;
    }
    if (now.boxShadow !== was.boxShadow && shadowShows(now.boxShadow)) return `box-shadow ${now.boxShadow}`;
    if (now.backgroundColor !== was.backgroundColor) {
      const [a, b] = [rgba(was.backgroundColor), rgba(now.backgroundColor)];
      if (!a || !b || ratio(over(a, background), over(b, background)) >= 1.1) return `background ${was.backgroundColor} → ${now.backgroundColor}`;
    }
    if (now.backgroundImage !== was.backgroundImage) return 'background image changes';
    if (now.color !== was.color) {
      const [a, b] = [rgba(was.color), rgba(now.color)];
      if (!a || !b || ratio(over(a, background), over(b, background)) >= 1.3) return `text colour ${was.color} → ${now.color}`;
    }
    if ((now.borderColor !== was.borderColor || now.borderWidth !== was.borderWidth) && bordersShow(now)) return `border ${now.borderWidth} ${now.borderColor}`;
    if (now.textDecorationLine !== was.textDecorationLine) return `underline ${was.textDecorationLine} → ${now.textDecorationLine}`;
    if (now.content !== was.content) return 'generated content changes';
    return null;
  }

  function indicatorOf(was: Looks, now: Looks): string | null {
    return (
      changeIn(was.self, now.self, was.background) ??
      ((change) => (change ? `::before ${change}` : null))(changeIn(was.before, now.before, was.background)) ??
      ((change) => (change ? `::after ${change}` : null))(changeIn(was.after, now.after, was.background)) ??
      (was.parent && now.parent ? ((change) => (change ? `parent ${change}` : null))(changeIn(was.parent, now.parent, was.background)) : null)
    );
  }

  const FOCUSABLE =
    'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]:not([contenteditable="false"]), audio[controls], video[controls]';
  const INTERACTIVE = 'a[href], area[href], button, input, select, textarea, summary, iframe, [contenteditable]:not([contenteditable="false"]), audio[controls], video[controls]';
  const radioGroupOf = (el: Element) =>
    el instanceof HTMLInputElement && el.type === 'radio' && el.name ? `${el.form ? selectorOf(el.form) : 'page'}|${el.name}` : null;

  let keyboard: { expected: Element[]; looks: Map<Element, Looks>; focused: Set<Element>; previous: Element | null } = {
    expected: [],
    looks: new Map(),
    focused: new Set(),
    previous: null,
  };

  function keyboardPrepare(): KeyboardPrep {
    keyboard = { expected: [], looks: new Map(), focused: new Set(), previous: null };
    const active = deepActive();
    for (const el of document.querySelectorAll(FOCUSABLE)) {
      if (el.matches(':disabled') || el.closest('[inert]') || (el instanceof HTMLInputElement && el.type === 'hidden')) continue;
      if (el !== active) keyboard.looks.set(el, looksOf(el));
      const tabindex = el.getAttribute('tabindex');
      // tabindex="-1" on a non-interactive element (main, an error summary) means "focus it from script only".
      if (!el.matches(INTERACTIVE) && !(tabindex !== null && Number(tabindex) >= 0)) continue;
      const rect = el.getBoundingClientRect();
      if (!rendered(el) || clippedAway(el) || rect.right + scrollX <= 0 || rect.bottom + scrollY <= 0) continue;
      keyboard.expected.push(el);
    }
    keyboard.previous = active;
    return { expected: keyboard.expected.length, activeUid: active ? uidOf(active) : null };
  }

  function deepActive(): Element | null {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el && el !== document.body && el !== document.documentElement ? el : null;
  }

  const mainOf = () => document.querySelector('main, [role="main"]');

  function keyboardStep(light = false): FocusStop {
    for (const animation of light ? [] : document.getAnimations()) {
      try {
        if (animation.effect?.getComputedTiming().iterations !== Infinity) animation.finish();
      } catch {
        // An animation that cannot finish is left as it is.
      }
    }
    const el = deepActive();
    if (!el) {
      return { kind: 'body', uid: 0, selector: 'body', html: '', text: '', tag: 'body', radioGroup: null, left: 0, top: 0, right: 0, bottom: 0, pinned: false, afterPrevious: null, indicator: null, compared: false, invisible: false, obscured: false, skipLink: null };
    }
    keyboard.focused.add(el);
    const previous = keyboard.previous;
    keyboard.previous = el;
    if (light) {
      return { kind: el.localName === 'iframe' ? 'iframe' : 'element', uid: uidOf(el), selector: selectorOf(el), html: '', text: '', tag: el.localName, radioGroup: radioGroupOf(el), left: 0, top: 0, right: 0, bottom: 0, pinned: false, afterPrevious: null, indicator: null, compared: false, invisible: false, obscured: false, skipLink: null };
    }
    const rect = el.getBoundingClientRect();
    const invisible =
      !rendered(el) || clippedAway(el) || rect.bottom <= 0 || rect.right <= 0 || rect.top >= innerHeight || rect.left >= innerWidth;
    const was = keyboard.looks.get(el);
    const indicator = was ? indicatorOf(was, looksOf(el)) : 'not compared';

    let obscured = false;
    if (!invisible) {
      const box = el.getClientRects()[0] ?? rect;
      const points = [
        [0.5, 0.5],
        [0.25, 0.25],
        [0.75, 0.25],
        [0.25, 0.75],
        [0.75, 0.75],
      ].map(([fx, fy]) => [Math.min(innerWidth - 1, Math.max(0, box.left + box.width * fx!)), Math.min(innerHeight - 1, Math.max(0, box.top + box.height * fy!))] as const);
      obscured = points.every(([x, y]) => {
        const hit = document.elementFromPoint(x, y);
        return hit !== null && hit !== el && !el.contains(hit) && !hit.contains(el);
      });
    }

    let pinned = false;
    for (let node: Element | null = el; node; node = node.parentElement) {
      const position = getComputedStyle(node).position;
      if (position === 'fixed' || position === 'sticky') pinned = true;
    }

    let skipLink: FocusStop['skipLink'] = null;
    const href = el.getAttribute('href');
    if (el.localName === 'a' && href?.startsWith('#') && href.length > 1) {
      let target: Element | null = null;
      try {
        target = document.getElementById(decodeURIComponent(href.slice(1)));
      } catch {
        target = null;
      }
      const main = mainOf();
      skipLink = { targetInMain: Boolean(target && main && (target === main || main.contains(target))) };
    }

    return {
      kind: el.localName === 'iframe' ? 'iframe' : 'element',
      uid: uidOf(el),
      ...ref(el),
      tag: el.localName,
      radioGroup: radioGroupOf(el),
      left: Math.round(rect.left + scrollX),
      top: Math.round(rect.top + scrollY),
      right: Math.round(rect.right + scrollX),
      bottom: Math.round(rect.bottom + scrollY),
      pinned,
      afterPrevious: previous && previous !== el ? Boolean(previous.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) : null,
      indicator: indicator === 'not compared' ? null : indicator,
      compared: Boolean(was),
      invisible,
      obscured,
      skipLink,
    };
  }

  function keyboardAfterSkip(): SkipResult {
    const main = mainOf();
    const active = deepActive();
    return { activeInMain: Boolean(main && active && (active === main || main.contains(active))), active: active ? selectorOf(active) : 'body' };
  }

  function keyboardUnreached(): ElementRef[] {
    const groups = new Set([...keyboard.focused].map(radioGroupOf).filter(Boolean));
    return keyboard.expected
      .filter((el) => !keyboard.focused.has(el) && !(radioGroupOf(el) && groups.has(radioGroupOf(el))))
      .slice(0, 30)
      .map(ref);
  }

  // ---- forms (for the no-JavaScript check) --------------------------------------------------
  function forms(): FormInfo[] {
    return [...document.forms].map((form, index) => {
      const search = form.querySelector<HTMLInputElement>('input[type="search"], input[name="q"]');
      const submitter = form.querySelector('button:not([type]), button[type="submit"], input[type="submit"], input[type="image"]');
      const field = search ?? form.querySelector('input:not([type]), input[type="text"], input[type="email"], input[type="number"], input[type="tel"]');
      return {
        index,
        method: (form.getAttribute('method') ?? 'get').toLowerCase(),
        action: form.action,
        search: Boolean(search),
        visible: rendered(form) && !clippedAway(form),
        submitter: submitter ? selectorOf(submitter) : null,
        field: field ? selectorOf(field) : null,
        ref: ref(form),
      };
    });
  }

  // ---- screenshots: outline one element -------------------------------------------------------
  let marker: HTMLElement | null = null;
  function outline(selector: string) {
    clearOutline();
    let el: Element | null = null;
    try {
      el = document.querySelector(selector);
    } catch {
      return null;
    }
    if (!el) return null;
    el.scrollIntoView({ block: 'center', inline: 'nearest' });
    const rect = el.getBoundingClientRect();
    const box = { x: rect.left, y: rect.top, width: Math.max(rect.width, 2), height: Math.max(rect.height, 2), viewportWidth: innerWidth, viewportHeight: innerHeight };
    marker = document.createElement('div');
    marker.setAttribute('aria-hidden', 'true');
    marker.style.cssText = `position:absolute;left:${box.x + scrollX - 4}px;top:${box.y + scrollY - 4}px;width:${box.width + 8}px;height:${box.height + 8}px;outline:3px dashed #d4007a;box-shadow:0 0 0 6px rgba(255,255,255,.8);pointer-events:none;z-index:2147483647;forced-color-adjust:none;`;
    document.body.append(marker);
    return box;
  }
  function clearOutline() {
    marker?.remove();
    marker = null;
  }

  window.__tfA11y = {
    selectorOf,
    structure,
    reflow,
    textSpacing,
    spacingOff,
    snapshotVisible,
    hiddenNow,
    keyboardPrepare,
    keyboardStep,
    keyboardAfterSkip,
    keyboardUnreached,
    forms,
    outline,
    clearOutline,
  };
}
