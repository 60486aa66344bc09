import 'reflect-metadata';
import { startAuthConnections } from './bootstrap';

startAuthConnections().catch((error: unknown) => {
  process.stderr.write(`auth-connections failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
