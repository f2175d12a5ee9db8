import { describe, expect, it } from 'vitest';
import { activityInput, activityUpdate } from '../activities.schema.js';
import { createRequest, emptyActivity, formProblems, updateRequest } from './activityForm.js';

const company = { id: '01a20000-0000-7000-8000-000000000001', name: 'ООО Ласточка' };

describe('activity form requests', () => {
  it('a planned call with an exact time is a promise the API accepts', () => {
    const v = { ...emptyActivity({ company }, '2026-11-23'), plannedTime: '11:00', subject: ' Договор ' };
    const body = createRequest(v);
    expect(body).toMatchObject({ type: 'call', direction: 'out', companyId: company.id, plannedDate: '2026-11-23', plannedTime: '11:00', subject: 'Договор' });
    expect(body).not.toHaveProperty('done');
    expect(activityInput.safeParse(body).success).toBe(true);
  });

  it('needs a date to plan, not to log as done', () => {
    const v = { ...emptyActivity({}, ''), plannedDate: '' };
    expect(formProblems(v)).toEqual({ plannedDate: 'activity.planned_date_required' });
    expect(formProblems({ ...v, logDone: true })).toEqual({});
    expect(formProblems({ ...v, logDone: true, plannedTime: '10:00' })).toEqual({ plannedTime: 'activity.time_without_date' });
  });

  it('sends only the fields a type has: a meeting has a duration but no call result or direction', () => {
    const v = { ...emptyActivity({ type: 'meeting', logDone: true }, '2026-11-23'), durationMin: 45 as const, callResult: 'answered' as const, result: 'OK' };
    const body = createRequest(v);
    expect(body).toMatchObject({ type: 'meeting', done: true, durationSec: 2700, result: 'OK' });
    expect(body).not.toHaveProperty('callResult');
    expect(body.direction).toBeUndefined();
    expect(activityInput.safeParse(body).success).toBe(true);
  });

  it('a note is logged as done; an edit carries the version', () => {
    const note = emptyActivity({ type: 'note' }, '2026-11-23');
    expect(createRequest(note)).toMatchObject({ type: 'note', done: true });
    const update = updateRequest({ ...emptyActivity({}, '2026-11-24'), plannedTime: '' }, 3);
    expect(update).toMatchObject({ version: 3, plannedDate: '2026-11-24', plannedTime: null });
    expect(activityUpdate.safeParse(update).success).toBe(true);
  });
});
