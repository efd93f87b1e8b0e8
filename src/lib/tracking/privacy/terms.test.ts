import { describe, expect, it } from 'vitest';
import { createTermGate, isPublishableTerm, queryKey } from './terms.ts';

describe('publishable terms', () => {
  it.each(['council tax', 'bin day', "o'brien road", 'year-end', 'straße', '2025 council tax'])('publishes plain words: %j', (term) => {
    expect(isPublishableTerm(queryKey(term))).toBe(true);
  });

  it.each(['http://evil.example', 'www.evil.example', '<script>alert(1)</script>', '=hyperlink("x")', 'my email is [email]', 'a  b', '', 'x'.repeat(101), 'go -- now'])('never publishes %j', (term) => {
    expect(isPublishableTerm(term)).toBe(false);
  });

  it('lets each client count once a day towards a term, and forgets the next day', () => {
    const gate = createTermGate();
    expect(gate.admit('client-a', 'bin day', '2026-11-23')).toBe(true);
    expect(gate.admit('client-a', 'bin day', '2026-11-23')).toBe(false);
    expect(gate.admit('client-b', 'bin day', '2026-11-23')).toBe(true);
    expect(gate.admit('client-a', 'council tax', '2026-11-23')).toBe(true);
    expect(gate.admit('client-a', 'http evil', '2026-11-23')).toBe(true);
    expect(gate.admit('client-a', 'see http://evil', '2026-11-23')).toBe(false);
    expect(gate.admit('client-a', 'bin day', '2026-11-24')).toBe(true);
  });

  it('fails closed when full: no new term counts until the next day', () => {
    const gate = createTermGate({ capacity: 2 });
    expect(gate.admit('a', 'one', 'd')).toBe(true);
    expect(gate.admit('b', 'one', 'd')).toBe(true);
    expect(gate.admit('c', 'one', 'd')).toBe(false);
    expect(gate.admit('c', 'one', 'e')).toBe(true);
  });
});
