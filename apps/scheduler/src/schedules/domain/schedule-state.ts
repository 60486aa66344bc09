/** How a schedule stands for its owner: running on time, paused by its connection, or turned off. */
export type ScheduleState = 'ACTIVE' | 'PAUSED' | 'DISABLED';

/**
 * A schedule runs only while its connection is authorized (ACTIVE in the projection): one of a
 * connection that failed authorization, was revoked or disabled is paused with the connection's
 * status as the reason, and resumes by itself when the connection is authorized again. The system
 * schedule has no connection.
 */
export function scheduleState(enabled: boolean, connectionStatus: string | null, system: boolean): { state: ScheduleState; pausedReason: string | null } {
  if (!enabled) return { state: 'DISABLED', pausedReason: null };
  if (system || connectionStatus === 'ACTIVE') return { state: 'ACTIVE', pausedReason: null };
  return { state: 'PAUSED', pausedReason: `CONNECTION_${connectionStatus ?? 'UNKNOWN'}` };
}
