import { describe, expect, it } from 'vitest';
import type { ServiceInput } from './task.ts';
import { problems, validReport } from './task-test-fixtures.ts';

const report = validReport;
const { start: _start, ...withoutStart } = report;
const information: ServiceInput = { ...withoutStart, kind: 'information', title: 'Find a recycling centre' };


describe('the fields each kind of page needs', () => {
  it('accepts "use this service to" lines and a safety notice on a report', () => {
    expect(problems({ ...report, useThisTo: ['report a pothole', 'check a report you made'], urgent: { text: 'If a hole could cause a crash now, call us.', phone: '01632 960 400', hours: '24 hours a day' } })).toEqual([]);
  });

  it('refuses a safety notice whose phone is not one number, naming the fix', () => {
    expect(problems({ ...report, urgent: { text: 'Call us.', phone: 'call 01632 960 400 now' } })).toEqual([
      'urgent.phone: must be one phone number and nothing else, e.g. "01632 960 400" or "999": put any other words in the text',
    ]);
    expect(problems({ ...report, urgent: { phone: '999' } })).toEqual(['urgent.text: is missing: add this field']);
  });

  it('accepts facts on an information page: the answer, places, fees and dates', () => {
    const facts = {
      answer: 'We have 2 recycling centres. Both are free for household rubbish.',
      places: [{ name: 'Mill Lane', address: 'Mill Lane, Riverton RV1 2AB', hours: [{ days: 'Every day', times: '8am to 6pm' }], phone: '01632 960 120', mapUrl: 'https://www.openstreetmap.org/search?query=RV1%202AB' }],
      fees: [{ what: 'A bag of rubble', cost: '£5' }],
      dates: [{ what: 'Closed', when: '25 and 26 December' }],
    };
    expect(problems({ ...information, facts })).toEqual([]);
    expect(problems({ ...information, facts: { ...facts, places: [{ ...facts.places[0], mapUrl: 'http://maps.example/x' }] } })).toEqual([
      'facts.places.0.mapUrl: must be an https link to the place on a map (https://…)',
    ]);
  });

  it('keeps each field to its kind: no Start or useThisTo on information, no facts on a transaction', () => {
    expect(problems({ ...information, start: report.start })).toEqual(['start: an information page has no Start button: remove start, and put the answer in facts']);
    expect(problems({ ...information, useThisTo: ['find a centre'] })).toEqual(['useThisTo: is for transactions and reports: on an information page, put the answer in facts.answer']);
    expect(problems({ ...report, facts: { answer: 'Yes.' } })).toEqual(['facts: is for information pages: a report says what people can do in useThisTo']);
  });
});
