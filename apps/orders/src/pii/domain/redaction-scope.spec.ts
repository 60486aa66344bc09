import { SYSTEM_RUN } from '@amazon-channel/contracts';
import { redactionScope, retentionCutoff } from './redaction-scope';

describe('redactionScope', () => {
  it('covers every tenant and connection for the system run only', () => {
    expect(redactionScope(SYSTEM_RUN)).toEqual({ kind: 'all' });
  });

  it('keeps a tenant run to its own connection, even one named like the system run in part', () => {
    expect(redactionScope({ tenantId: 'tenant-a', connectionId: 'c1' })).toEqual({ kind: 'connection', tenantId: 'tenant-a', connectionId: 'c1' });
    expect(redactionScope({ tenantId: 'tenant-a', connectionId: '*' })).toEqual({ kind: 'connection', tenantId: 'tenant-a', connectionId: '*' });
    expect(redactionScope({ tenantId: 'system', connectionId: 'c1' })).toEqual({ kind: 'connection', tenantId: 'system', connectionId: 'c1' });
  });
});

describe('retentionCutoff', () => {
  const now = new Date('2026-12-04T03:17:00Z');

  it('goes back the service default when the run names no retention', () => {
    expect(retentionCutoff(now, {}, 30)).toEqual({ cutoff: new Date('2026-11-04T03:17:00Z'), retentionDays: 30 });
  });

  it("takes the run's retentionDays when it is a positive whole number, else the default", () => {
    expect(retentionCutoff(now, { retentionDays: 7 }, 30).retentionDays).toBe(7);
    expect(retentionCutoff(now, { retentionDays: 0 }, 30).retentionDays).toBe(30);
    expect(retentionCutoff(now, { retentionDays: 'x' }, 30).retentionDays).toBe(30);
  });
});
