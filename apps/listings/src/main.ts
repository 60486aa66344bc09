import 'reflect-metadata';
import { startListings } from './bootstrap';

startListings().catch((error: unknown) => {
  process.stderr.write(`listings failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
