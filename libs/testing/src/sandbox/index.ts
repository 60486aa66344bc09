/**
 * The SP-API sandbox for tests: start it as a child process and drive its admin API over HTTP.
 *
 * @packageDocumentation
 */
export { startSandbox, SANDBOX_DEFAULTS } from './start-sandbox';
export type { SandboxAppIdentity, SandboxDemoSeller, SandboxHandle, StartSandboxOptions } from './start-sandbox';
export { SandboxAdminClient } from './sandbox-admin';
export type {
  CreatedSeller,
  CreateSellerInput,
  FaultInput,
  OrderChange,
  OrderInput,
  OrderItemInput,
  SandboxAppCredentials,
  SandboxAppInput,
  SandboxListing,
  SandboxOrderStatus,
  SandboxPackage,
  SandboxRegion,
} from './sandbox-admin';
export { SandboxHarnessError, SandboxHarnessErrorCode } from './sandbox-harness.error';
