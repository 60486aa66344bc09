import 'reflect-metadata';
import { startOrders } from './bootstrap';

startOrders().catch((error: unknown) => {
  process.stderr.write(`orders failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
