import { describe, expect, it } from 'vitest';
import { cspHash } from './csp-hash.ts';

describe('cspHash', () => {
  it('is the sha256 the CSP spec uses (known value for the empty script)', () => {
    expect(cspHash('')).toBe('sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  });

  it('hashes UTF-8, as browsers do (value from openssl dgst -sha256)', () => {
    expect(cspHash('é')).not.toBe(cspHash('e'));
    expect(cspHash("alert('x')")).toBe('sha256-JPoFjrDvGjII2ZQr0zVCLdwImped9XUzr7nzeL7Ser0=');
  });
});
