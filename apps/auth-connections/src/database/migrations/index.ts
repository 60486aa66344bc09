import { Init1795440698398 } from './1795440698398-Init';
import { Connections1795442960778 } from './1795442960778-Connections';
import { OutboxBatches1795447253768 } from './1795447253768-OutboxBatches';
import { ConnectionRevision1796402242308 } from './1796402242308-ConnectionRevision';

/** This service's migrations, oldest first. */
export const migrations = [Init1795440698398, Connections1795442960778, OutboxBatches1795447253768, ConnectionRevision1796402242308];
