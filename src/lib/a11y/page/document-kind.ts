/** Page side: what kind of document this is. SVG and XML documents have no body, headings or forms. */
import type { StructureInfo } from './types.ts';

export function documentKind(): StructureInfo['documentKind'] {
  const root = document.documentElement;
  if (!root) return 'xml';
  if (root.namespaceURI === 'http://www.w3.org/2000/svg') return 'svg';
  return root.namespaceURI === 'http://www.w3.org/1999/xhtml' && document.body ? 'html' : 'xml';
}
