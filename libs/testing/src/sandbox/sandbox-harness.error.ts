/** Why the sandbox harness failed. */
export enum SandboxHarnessErrorCode {
  /** The child process exited or never announced its address. */
  StartFailed = 'SANDBOX_START_FAILED',
  /** `/_sandbox/health` did not answer 200 in time. */
  NotHealthy = 'SANDBOX_NOT_HEALTHY',
  /** An admin API call returned an error status. */
  AdminCallFailed = 'SANDBOX_ADMIN_CALL_FAILED',
}

/** The one error type of the sandbox harness. */
export class SandboxHarnessError extends Error {
  constructor(
    readonly code: SandboxHarnessErrorCode,
    message: string,
    /** HTTP status of a failed admin call. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SandboxHarnessError';
  }
}
