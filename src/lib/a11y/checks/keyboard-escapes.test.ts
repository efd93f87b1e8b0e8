import { describe, expect, it } from 'vitest';
import { mentionedKeys } from './keyboard-escapes.ts';

describe('keys a page names as a way out', () => {
  it('reads key combinations in the forms people write them', () => {
    expect(mentionedKeys('Press Ctrl+M to Exit')).toEqual(['Control+m']);
    expect(mentionedKeys('Use Control + Shift + F6, or Alt+Esc')).toEqual(['Control+Shift+F6', 'Alt+Escape']);
  });

  it('finds nothing in text that names no combination, and at most four', () => {
    expect(mentionedKeys('Go to the next element. A+ rating, C++ code.')).toEqual([]);
    expect(mentionedKeys('Ctrl+A Ctrl+B Ctrl+C Ctrl+D Ctrl+E')).toHaveLength(4);
  });
});
