import { Init1795440734844 } from './1795440734844-Init';
import { OutboxBatches1795447258593 } from './1795447258593-OutboxBatches';
import { ConnectionsProjection1796402735088 } from './1796402735088-ConnectionsProjection';
import { Schedules1797200000000 } from './1797200000000-Schedules';

/** This service's migrations, oldest first. */
export const migrations = [Init1795440734844, OutboxBatches1795447258593, ConnectionsProjection1796402735088, Schedules1797200000000];
