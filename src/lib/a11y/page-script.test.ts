import { describe, expect, it } from 'vitest';
import { bundlePageScript } from './page-script.ts';

describe('the page script', () => {
  it('bundles into one self-contained browser script that installs the kit once', async () => {
    const source = await bundlePageScript();
    expect(source).toMatch(/^("use strict";\s*)?\(\(\) => \{/);
    expect(source).not.toMatch(/\brequire\(|\bimport\s*[({"']|\bexport\s/);
    expect(source).toContain('window.__tfA11y = kit');
    // Runs in a bare scope with only a window stand-in, and installs every method the checks call.
    const window: { __tfA11y?: Record<string, unknown> } = {};
    new Function('window', source)(window);
    expect(Object.keys(window.__tfA11y ?? {}).sort()).toEqual(
      ['clearOutline', 'documentKind', 'forms', 'hiddenNow', 'ibm', 'keyEventCount', 'keyboardAfterSkip', 'keyboardNext', 'keyboardPrepare', 'keyboardReset', 'keyboardStep', 'keyboardUnreached', 'outline', 'reflow', 'selectorOf', 'snapshotVisible', 'spacingOff', 'structure', 'textSpacing', 'zoomClipping'].sort(),
    );
  });
});
