import 'reflect-metadata';
import { startScheduler } from './bootstrap';

startScheduler().catch((error: unknown) => {
  process.stderr.write(`scheduler failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
