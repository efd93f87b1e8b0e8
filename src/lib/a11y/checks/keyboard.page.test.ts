import { describe, expect, it } from 'vitest';
import { changeIn, indicatorOf, shadowShows, type Look, type Looks } from './keyboard.page.ts';

const plain: Look = {
  outlineStyle: 'none',
  outlineWidth: '0px',
  outlineColor: 'rgb(0, 0, 0)',
  outlineOffset: '0px',
  boxShadow: 'none',
  backgroundColor: 'rgba(0, 0, 0, 0)',
  backgroundImage: 'none',
  color: 'rgb(11, 79, 138)',
  borderColor: 'rgb(0, 0, 0) rgb(0, 0, 0) rgb(0, 0, 0) rgb(0, 0, 0)',
  borderWidth: '0px 0px 0px 0px',
  textDecorationLine: 'underline',
  content: 'normal',
};
const white: [number, number, number, number] = [255, 255, 255, 1];

describe('focus indicator: what visibly changes on focus', () => {
  it('sees an outline appear, and nothing when nothing changes', () => {
    expect(changeIn(plain, { ...plain, outlineStyle: 'solid', outlineWidth: '3px' }, white)).toBe('outline 3px solid rgb(0, 0, 0)');
    expect(changeIn(plain, plain, white)).toBeNull();
  });

  it('ignores an outline that is transparent or thinner than 1 px', () => {
    expect(changeIn(plain, { ...plain, outlineStyle: 'solid', outlineWidth: '3px', outlineColor: 'rgba(0, 0, 0, 0)' }, white)).toBeNull();
    expect(changeIn(plain, { ...plain, outlineStyle: 'solid', outlineWidth: '0.5px' }, white)).toBeNull();
  });

  it('counts a background change only when the two colours can be told apart', () => {
    expect(changeIn(plain, { ...plain, backgroundColor: 'rgb(255, 209, 26)' }, white)).toMatch(/^background /);
    expect(changeIn(plain, { ...plain, backgroundColor: 'rgb(254, 254, 254)' }, white)).toBeNull();
  });

  it('counts a text colour change only at a ratio of 1.3 or more', () => {
    expect(changeIn(plain, { ...plain, color: 'rgb(11, 80, 139)' }, white)).toBeNull();
    expect(changeIn(plain, { ...plain, color: 'rgb(15, 23, 32)' }, white)).toMatch(/^text colour /);
  });

  it('sees a box shadow only when it has size and colour', () => {
    expect(shadowShows('rgb(255, 209, 26) 0px 0px 0px 3px')).toBe(true);
    expect(shadowShows('rgba(0, 0, 0, 0) 0px 0px 0px 3px')).toBe(false);
    expect(shadowShows('rgb(0, 0, 0) 0px 0px 0px 0px')).toBe(false);
    expect(shadowShows('none')).toBe(false);
  });

  it('sees an indicator drawn by the element beside the control (ACT oj04fd Passed Example 4)', () => {
    const looks = (beside: Looks['beside']): Looks => ({ self: plain, before: plain, after: plain, parent: plain, beside, background: white });
    const marker = { ...plain, backgroundColor: 'rgb(0, 0, 128)' };
    expect(indicatorOf(looks([plain, null]), looks([marker, null]))).toMatch(/^previous element background/);
    expect(indicatorOf(looks([null, plain]), looks([null, plain]))).toBeNull();
  });
});
