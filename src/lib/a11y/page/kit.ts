/**
 * The entry point of the script the audit puts into each page (bundled by page-script.ts):
 * installs `window.__tfA11y` once per document. Each check calls one method and gets
 * plain data back (see types.ts).
 */
import { hiddenNow, snapshotVisible } from '../checks/forced-colors.page.ts';
import { keyboardAfterSkip, keyboardNext, keyboardPrepare, keyboardReset, keyboardStep, keyboardUnreached, keyEventCount } from '../checks/keyboard.page.ts';
import { ibm } from '../checks/ibm.page.ts';
import { forms } from '../checks/no-js.page.ts';
import { reflow } from '../checks/reflow.page.ts';
import { structure } from '../checks/structure.page.ts';
import { spacingOff, textSpacing } from '../checks/text-spacing.page.ts';
import { zoomClipping } from '../checks/zoom-clip.page.ts';
import { documentKind } from './document-kind.ts';
import { selectorOf } from './elements.ts';
import { clearOutline, outline } from './outline.ts';
import type { Kit } from './types.ts';

if (!window.__tfA11y) {
  const kit: Kit = {
    documentKind,
    selectorOf,
    structure,
    reflow,
    zoomClipping,
    textSpacing,
    spacingOff,
    snapshotVisible,
    hiddenNow,
    keyboardPrepare,
    keyboardStep,
    keyEventCount,
    keyboardNext,
    keyboardReset,
    keyboardAfterSkip,
    keyboardUnreached,
    forms,
    outline,
    clearOutline,
    ibm,
  };
  window.__tfA11y = kit;
}
