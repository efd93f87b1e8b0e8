/** How figures read on the dashboard and in exports. */

export function percent(value: number | null): string {
  return value === null ? '–' : `${Math.round(value * 100)}%`;
}

export function decimal(value: number | null, digits = 1): string {
  return value === null ? '–' : value.toFixed(digits);
}

export function count(value: number): string {
  return value.toLocaleString('en-GB');
}
