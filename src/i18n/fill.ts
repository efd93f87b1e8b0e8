/**
 * Fills `{name}` placeholders in a UI string. Apart from t.ts so that scripts, which get their strings from the page
 * (scriptStrings), can fill them without bundling the whole string file.
 */
export function fill(text: string, values: Record<string, string | number> = {}): string {
  // Most strings have no placeholder: a task page asks for a hundred, ten thousand pages for a million.
  if (!text.includes('{')) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
