import { describe, expect, it } from 'vitest';
import { nameFrom } from './naming.ts';

const none = { labelledby: null, label: null, content: null, title: null };

describe('accessible names', () => {
  it('takes aria-labelledby first, then aria-label, then content, then title', () => {
    const all = { labelledby: ['Site', 'menu'], label: 'Label', content: 'Content', title: 'Title' };
    expect(nameFrom(all)).toBe('Site menu');
    expect(nameFrom({ ...all, labelledby: null })).toBe('Label');
    expect(nameFrom({ ...all, labelledby: null, label: null })).toBe('Content');
    expect(nameFrom({ ...all, labelledby: null, label: null, content: null })).toBe('Title');
  });

  it('skips a source that is empty or only spaces, and collapses white space', () => {
    expect(nameFrom({ ...none, labelledby: ['  ', ''], label: '  Main \n navigation ' })).toBe('Main navigation');
    expect(nameFrom({ ...none, label: ' ', content: '\n' })).toBe('');
    expect(nameFrom(none)).toBe('');
  });

  it('does not name from content unless the role allows it (content null)', () => {
    expect(nameFrom({ ...none, title: 'Tip' })).toBe('Tip');
  });
});
