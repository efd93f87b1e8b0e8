/**
 * What the in-page kit hands back to Node: plain data only (it crosses the page boundary
 * as JSON). The page-side code (page/*.ts and checks/*.page.ts) and the Node-side checks
 * both import these types; nothing else crosses between them.
 */

export interface ElementRef {
  selector: string;
  html: string;
  text: string;
}

export interface StructureInfo {
  /** "html" for an HTML document, "svg" or "xml" for other documents the browser can show. */
  documentKind: 'html' | 'svg' | 'xml';
  lang: string | null;
  title: string;
  h1: (ElementRef & { level: number; empty: boolean })[];
  headings: (ElementRef & { level: number; empty: boolean })[];
  mains: ElementRef[];
  banners: number;
  contentinfos: number;
  navs: (ElementRef & { name: string })[];
  /** Landmarks of any kind (banner, navigation, main, …) exposed to assistive technology. */
  landmarks: number;
  /** Every `<meta http-equiv="refresh">` with a content attribute, in document order. */
  refreshes: (ElementRef & { content: string })[];
  /** Header cells of ARIA tables (not <table>) that head no data cell. */
  unusedHeaders: ElementRef[];
}

export interface ReflowInfo {
  viewport: number;
  scrollWidth: number;
  /** `hidden`: a visually hidden element (it cannot be read, but it still makes the page scroll). */
  offenders: (ElementRef & { right: number; width: number; cutBy: string | null; hidden: boolean })[];
}

export interface ZoomClipInfo {
  /** The CSS px the check ran at (640 by 512: a 1280 by 1024 screen zoomed to 200%). */
  viewport: { width: number; height: number };
  /** Boxes that cut off text; `sample` is the start of the first text they cut. */
  clipped: (ElementRef & { overflow: string; sample: string })[];
}

export interface TextSpacingInfo {
  /** `before`: the text was already cut off without the extra spacing (a fixed height with overflow hidden). */
  clipped: (ElementRef & { overflow: string; before: boolean })[];
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
  /** A native media player or embedded object: browsers move focus through its own controls. */
  media: boolean;
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

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  viewportWidth: number;
  viewportHeight: number;
}

/** One result IBM's engine could not pass: a failure, or a potential or manual one for a person to decide. */
export interface IbmItem {
  rule: string;
  reason: string;
  outcome: 'fail' | 'potential' | 'manual';
  criteria: string[];
  message: string;
  /** Null when the result is about the whole page, or the element could not be found again. */
  element: ElementRef | null;
  /** The key of a finding another engine made on the same element and criterion, or null. */
  sameAs: string | null;
}

export interface Kit {
  /** "html", "svg" or "xml": checks that only make sense on HTML say so on the others. */
  documentKind(): StructureInfo['documentKind'];
  selectorOf(el: Element): string;
  structure(): StructureInfo;
  reflow(): ReflowInfo;
  zoomClipping(): ZoomClipInfo;
  /** Applies the WCAG 1.4.12 spacing and reports what breaks; the spacing stays on until spacingOff(). */
  textSpacing(): TextSpacingInfo;
  spacingOff(): void;
  snapshotVisible(): number;
  hiddenNow(): HiddenInfo;
  keyboardPrepare(): KeyboardPrep;
  /** Where focus is now. `light` skips the look, visibility and cover tests (for the walk back). */
  keyboardStep(light?: boolean): FocusStop;
  /** Key events seen so far, to pass to keyboardNext after the next press. */
  keyEventCount(): number;
  /**
   * After a key press: waits until the page has handled it and focus and layout are still,
   * then says where focus is (`settled` false when that did not happen in time).
   */
  keyboardNext(seen: number, light: boolean, limitMs?: number): Promise<{ settled: boolean; stop: FocusStop; keys: number }>;
  /** Puts focus back where it was when the walk was prepared, for a second walk. */
  keyboardReset(): void;
  keyboardAfterSkip(): SkipResult;
  keyboardUnreached(): ElementRef[];
  forms(): FormInfo[];
  /** Marks the element and returns its box in viewport pixels (after scrolling it into view). */
  outline(selector: string): Box | null;
  clearOutline(): void;
  /** Runs IBM's engine (already on the page as window.ace); `known` are other engines' findings, to match. */
  ibm(known: { key: string; selector: string; criteria: string[] }[]): Promise<IbmItem[]>;
}

declare global {
  interface Window {
    __tfA11y?: Kit;
  }
}
