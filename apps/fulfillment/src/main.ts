import 'reflect-metadata';
import { startFulfillment } from './bootstrap';

startFulfillment().catch((error: unknown) => {
  process.stderr.write(`fulfillment failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
