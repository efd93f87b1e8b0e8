/**
 * The keys a page tells people to press to get out of a focus loop. WCAG 2.1.2 allows a
 * way out other than Tab or Escape when the page says what it is ("Press Ctrl+M to exit"),
 * so before a loop is reported the walk tries each key combination the page's text names.
 * Read from the text people see, as key names Playwright can press.
 */

const MODIFIERS: Record<string, string> = { ctrl: 'Control', control: 'Control', alt: 'Alt', option: 'Alt', shift: 'Shift', cmd: 'Meta', command: 'Meta', meta: 'Meta' };
const KEYS: Record<string, string> = { esc: 'Escape', escape: 'Escape', enter: 'Enter', return: 'Enter', tab: 'Tab', space: 'Space' };
const COMBINATION = /\b((?:(?:ctrl|control|alt|option|shift|cmd|command|meta)\s*\+\s*)+)([a-z0-9]|f[1-9][0-2]?|esc(?:ape)?|enter|return|tab|space)\b/gi;

/** At most this many: a page full of shortcut help is not pressed through key by key. */
const MOST = 4;

export function mentionedKeys(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(COMBINATION)) {
    const modifiers = match[1]!.split('+').map((part) => MODIFIERS[part.trim().toLowerCase()]).filter(Boolean);
    const key = match[2]!.toLowerCase();
    found.add([...new Set(modifiers), KEYS[key] ?? (key.length === 1 ? key : key.toUpperCase())].join('+'));
    if (found.size >= MOST) break;
  }
  return [...found];
}
